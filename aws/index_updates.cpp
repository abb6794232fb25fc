// UpdateTable's GlobalSecondaryIndexUpdates and DescribeTable's index descriptions
// (docs/dynamodb-indexes.md).
#include "index_updates.h"

#include "dynamodb/service_error.h"
#include "table_schema.h"

#include <algorithm>

namespace orderlab::aws {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr std::size_t kMaxGlobalIndexes = 20;

struct IndexUpdate
{
    enum class Kind { Create, Delete, Update };
    Kind kind = Kind::Create;
    std::string name;
    std::optional<Params> body;
    std::string member; ///< "globalSecondaryIndexUpdates.1.member.create"
};

std::vector<IndexUpdate> updatesOf(const Params &params)
{
    std::vector<IndexUpdate> out;
    const auto list = params.array("GlobalSecondaryIndexUpdates");
    if (list.empty())
        throw validation(kInvalid + "List of GlobalSecondaryIndexUpdates is empty");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Params element(list[i], "a GlobalSecondaryIndexUpdate");
        const std::string member = "globalSecondaryIndexUpdates." + std::to_string(i + 1) + ".member";
        const auto create = element.object("Create");
        const auto del = element.object("Delete");
        const auto update = element.object("Update");
        const int actions = create.has_value() + del.has_value() + update.has_value();
        if (actions == 0)
            throw validation(kInvalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                                        "GlobalSecondaryIndexUpdate.Delete must not be null");
        if (actions > 1)
            throw validation(kInvalid +
                             "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object");
        IndexUpdate u;
        u.kind = create ? IndexUpdate::Kind::Create : del ? IndexUpdate::Kind::Delete : IndexUpdate::Kind::Update;
        u.body = create ? create : del ? del : update;
        u.member = member + (create ? ".create" : del ? ".delete" : ".update");
        if (!u.body->has("IndexName"))
            throw missingMember(u.member + ".indexName");
        u.name = u.body->requiredString("IndexName");
        checkTableName(u.name, u.member + ".indexName");
        if (std::any_of(out.begin(), out.end(), [&](const IndexUpdate &o) { return o.name == u.name; }))
            throw validation(
                kInvalid +
                "Only one global secondary index update per index is allowed simultaneously. Index: " + u.name);
        out.push_back(std::move(u));
    }
    return out;
}

ApiError indexNotFound(const std::string &name)
{
    return ApiError(400, "ResourceNotFoundException", "Requested resource not found: Index: " + name + " not found");
}

/// The type `table` already gives attribute `name` (a table or index key), or null.
std::optional<dynamodb::KeyType> knownType(const Table &table, const std::string &name)
{
    std::vector<dynamodb::KeySchema> schemas{table.keySchema()};
    for (const auto &info : table.indexes())
        schemas.push_back(info.definition.keys);
    for (const auto &schema : schemas)
        for (const auto *k : {&schema.hash, schema.range ? &*schema.range : nullptr})
            if (k && k->name == name)
                return k->type;
    return std::nullopt;
}

/// Checks one update against the table as it is; returns the new index of a Create.
std::optional<dynamodb::IndexDefinition> checked(const IndexUpdate &u, const Table &table,
                                                 const AttributeDefinitions &definitions,
                                                 const std::string &billingMode, bool hasDefinitions)
{
    const auto existing = table.index(u.name);
    if (u.kind == IndexUpdate::Kind::Create) {
        if (existing)
            throw validation("Attempting to create an index which already exists");
        if (!hasDefinitions)
            throw validation(kInvalid + "AttributeDefinitions is not specified for index: " + u.name);
        auto index = globalIndexOf(*u.body, u.member, definitions, billingMode, true);
        for (const auto *k : {&index.keys.hash, index.keys.range ? &*index.keys.range : nullptr}) {
            const auto known = k ? knownType(table, k->name) : std::nullopt;
            if (known && *known != k->type) // orderlab's text: DynamoDB's is not known
                throw validation(kInvalid + "AttributeDefinitions give " + k->name + " the type " +
                                 std::string(dynamodb::keyTypeName(k->type)) + ", but the table defines it as " +
                                 std::string(dynamodb::keyTypeName(*known)));
        }
        const auto indexes = table.indexes();
        if (std::count_if(indexes.begin(), indexes.end(), [](const auto &i) { return i.definition.global; }) >=
            static_cast<long>(kMaxGlobalIndexes))
            throw ApiError(400, "LimitExceededException",
                           kInvalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
        return index;
    }
    if (!existing)
        throw indexNotFound(u.name);
    if (!existing->global)
        throw validation(std::string(u.kind == IndexUpdate::Kind::Delete ? "Cannot delete" : "Cannot update") +
                         " an index that is not a GlobalSecondaryIndex: " + u.name);
    if (u.kind == IndexUpdate::Kind::Update) {
        const auto pt = u.body->object("ProvisionedThroughput");
        if (!pt)
            throw missingMember(u.member + ".provisionedThroughput");
        if (billingMode == "PAY_PER_REQUEST")
            throw validation(kInvalid +
                             "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: " + u.name +
                             " when BillingMode is PAY_PER_REQUEST");
        if (!pt->integer("ReadCapacityUnits", 1, 40000))
            throw missingMember(u.member + ".provisionedThroughput.readCapacityUnits");
        if (!pt->integer("WriteCapacityUnits", 1, 40000))
            throw missingMember(u.member + ".provisionedThroughput.writeCapacityUnits");
    }
    return std::nullopt;
}

std::string keySchemaJson(const dynamodb::KeySchema &keys)
{
    std::string out = "[{\"AttributeName\":" + quoted(keys.hash.name) + ",\"KeyType\":\"HASH\"}";
    if (keys.range)
        out += ",{\"AttributeName\":" + quoted(keys.range->name) + ",\"KeyType\":\"RANGE\"}";
    return out + "]";
}

std::string indexJson(const Table::IndexInfo &info, const std::string &arn)
{
    const auto &d = info.definition;
    std::string out = "{\"IndexName\":" + quoted(d.name) + ",\"KeySchema\":" + keySchemaJson(d.keys);
    out += ",\"Projection\":{\"ProjectionType\":\"" + std::string(dynamodb::projectionTypeName(d.projection)) + "\"";
    if (d.projection == dynamodb::ProjectionType::Include) {
        out += ",\"NonKeyAttributes\":[";
        for (std::size_t i = 0; i < d.nonKeyAttributes.size(); ++i)
            out += (i ? "," : "") + quoted(d.nonKeyAttributes[i]);
        out += "]";
    }
    out += "}";
    if (d.global)
        out += ",\"IndexStatus\":\"ACTIVE\",\"ProvisionedThroughput\":{\"NumberOfDecreasesToday\":0,"
               "\"ReadCapacityUnits\":" +
               std::to_string(d.readCapacityUnits) + ",\"WriteCapacityUnits\":" + std::to_string(d.writeCapacityUnits) +
               "}";
    out += ",\"IndexSizeBytes\":" + std::to_string(info.bytes) + ",\"ItemCount\":" + std::to_string(info.itemCount);
    out += ",\"IndexArn\":" + quoted(arn + "/index/" + d.name) + "}";
    return out;
}

} // namespace

bool createsOrDeletesIndex(const Params &params)
{
    for (const auto &v : params.array("GlobalSecondaryIndexUpdates"))
        if (v.isObject()) {
            const Params element(v, "a GlobalSecondaryIndexUpdate");
            if (element.has("Create") || element.has("Delete"))
                return true;
        }
    return false;
}

void applyIndexUpdates(Context &context, const Params &params, const TableRegistry::Entry &entry,
                       const std::string &billingMode)
{
    if (context.tables.adopted(entry.table->name()))
        throw validation("orderlab's " + entry.table->name() +
                         " table feeds the pipeline: its secondary indexes cannot change");
    const auto updates = updatesOf(params);
    if (std::count_if(updates.begin(), updates.end(),
                      [](const auto &u) { return u.kind != IndexUpdate::Kind::Update; }) > 1)
        throw ApiError(400, "LimitExceededException",
                       "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per "
                       "table");
    const AttributeDefinitions definitions = attributeDefinitionsOf(params);
    Table &table = *entry.table;
    table.locked([&] {
        std::vector<std::optional<dynamodb::IndexDefinition>> created;
        for (const auto &u : updates)
            created.push_back(checked(u, table, definitions, billingMode, params.has("AttributeDefinitions")));
        for (std::size_t i = 0; i < updates.size(); ++i) {
            const auto &u = updates[i];
            if (u.kind == IndexUpdate::Kind::Create) {
                table.addIndex(std::move(*created[i]));
            } else if (u.kind == IndexUpdate::Kind::Delete) {
                table.dropIndex(u.name);
            } else {
                const auto pt = u.body->object("ProvisionedThroughput");
                table.setIndexThroughput(u.name, *pt->integer("ReadCapacityUnits", 1, 40000),
                                         *pt->integer("WriteCapacityUnits", 1, 40000));
            }
        }
    });
}

std::string attributeDefinitionsJson(const Table &table)
{
    std::vector<dynamodb::KeyAttribute> seen;
    const auto add = [&](const dynamodb::KeySchema &keys) {
        for (const auto *k : {&keys.hash, keys.range ? &*keys.range : nullptr})
            if (k && std::none_of(seen.begin(), seen.end(), [&](const auto &s) { return s.name == k->name; }))
                seen.push_back(*k);
    };
    add(table.keySchema());
    for (const auto &info : table.indexes())
        add(info.definition.keys);
    std::string out = "[";
    for (std::size_t i = 0; i < seen.size(); ++i)
        out += std::string(i ? "," : "") + "{\"AttributeName\":" + quoted(seen[i].name) + ",\"AttributeType\":\"" +
               std::string(dynamodb::keyTypeName(seen[i].type)) + "\"}";
    return out + "]";
}

std::string indexDescriptionsJson(const Table &table, const std::string &arn)
{
    std::string locals, globals;
    for (const auto &info : table.indexes()) {
        std::string &list = info.definition.global ? globals : locals;
        list += (list.empty() ? "" : ",") + indexJson(info, arn);
    }
    std::string out;
    if (!locals.empty())
        out += ",\"LocalSecondaryIndexes\":[" + locals + "]";
    if (!globals.empty())
        out += ",\"GlobalSecondaryIndexes\":[" + globals + "]";
    return out;
}

} // namespace orderlab::aws
