// CreateTable's AttributeDefinitions, KeySchema and secondary indexes (docs/dynamodb-indexes.md).
#include "table_schema.h"

#include "js/value.h"

#include <algorithm>

namespace orderlab::aws {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr std::size_t kMaxGlobalIndexes = 20;
constexpr std::size_t kMaxLocalIndexes = 5;

using Element = std::pair<std::string, std::string>; // AttributeName, KeyType

std::string constraint(const std::string &value, const std::string &member, const std::string &rule)
{
    return "1 validation error detected: Value " + value + " at '" + member + "' failed to satisfy constraint: " + rule;
}

/// A KeySchema list at `member`: 1 or 2 elements with HASH or RANGE key types.
std::vector<Element> elementsOf(const std::vector<js::Value> &list, const std::string &member)
{
    if (list.empty())
        throw validation(constraint("'[]'", member, "Member must have length greater than or equal to 1"));
    if (list.size() > 2)
        throw validation(constraint("'[]'", member, "Member must have length less than or equal to 2"));
    std::vector<Element> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Params element(list[i], "a KeySchemaElement");
        out.emplace_back(element.requiredString("AttributeName"), element.requiredString("KeyType"));
        if (out.back().second != "HASH" && out.back().second != "RANGE")
            throw validation(constraint("'" + out.back().second + "'",
                                        member + "." + std::to_string(i + 1) + ".member.keyType",
                                        "Member must satisfy enum value set: [HASH, RANGE]"));
    }
    return out;
}

std::string joined(const std::vector<std::string> &names)
{
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<std::string> namesOf(const std::vector<Element> &elements)
{
    std::vector<std::string> out;
    for (const auto &e : elements)
        out.push_back(e.first);
    return out;
}

void requireDefined(const std::vector<Element> &elements, const AttributeDefinitions &definitions, bool update = false)
{
    for (const auto &e : elements)
        if (!definitions.find(e.first))
            throw validation(
                update ? std::string("Invalid KeySchema: Some index key attribute have no definition")
                       : kInvalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                             joined(namesOf(elements)) + "], AttributeDefinitions: [" + definitions.namesText() + "]");
}

dynamodb::KeySchema schemaOf(const std::vector<Element> &elements, const AttributeDefinitions &definitions)
{
    dynamodb::KeySchema schema;
    schema.hash = {elements[0].first, *definitions.find(elements[0].first)};
    if (elements.size() == 2)
        schema.range = dynamodb::KeyAttribute{elements[1].first, *definitions.find(elements[1].first)};
    return schema;
}

/// An index's IndexName, KeySchema (checked in DynamoDB's order) and Projection.
dynamodb::IndexDefinition indexOf(const Params &index, const std::string &member,
                                  const AttributeDefinitions &definitions, bool update = false)
{
    dynamodb::IndexDefinition out;
    if (!index.has("IndexName"))
        throw missingMember(member + ".indexName");
    out.name = index.requiredString("IndexName");
    checkTableName(out.name, member + ".indexName");
    if (!index.has("KeySchema"))
        throw missingMember(member + ".keySchema");
    if (!index.has("Projection"))
        throw missingMember(member + ".projection");
    const auto elements = elementsOf(index.array("KeySchema"), member + ".keySchema");
    requireDefined(elements, definitions, update);
    if (elements.size() == 2 && elements[0].first == elements[1].first)
        throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    if (elements[0].second != "HASH")
        throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (elements.size() == 2 && elements[1].second != "RANGE")
        throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    out.keys = schemaOf(elements, definitions);

    const Params projection = index.requiredObject("Projection");
    const auto type = projection.string("ProjectionType");
    if (type && *type != "ALL" && *type != "INCLUDE" && *type != "KEYS_ONLY")
        throw validation(constraint("'" + *type + "'", member + ".projection.projectionType",
                                    "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]"));
    if (projection.has("NonKeyAttributes")) {
        const auto names = projection.array("NonKeyAttributes");
        if (names.empty())
            throw validation(constraint("'[]'", member + ".projection.nonKeyAttributes",
                                        "Member must have length greater than or equal to 1"));
        for (const auto &n : names) {
            if (!n.isString())
                throw ApiError(400, "SerializationException", "NonKeyAttributes must hold strings");
            out.nonKeyAttributes.push_back(n.asString());
        }
    }
    if (!type)
        throw validation(kInvalid + "Unknown ProjectionType: null");
    if (projection.has("NonKeyAttributes") && *type != "INCLUDE")
        throw validation(kInvalid + "ProjectionType is " + *type + ", but NonKeyAttributes is specified");
    if (*type == "INCLUDE" && !projection.has("NonKeyAttributes"))
        throw validation(kInvalid + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    auto sorted = out.nonKeyAttributes;
    std::sort(sorted.begin(), sorted.end());
    if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end())
        throw validation(kInvalid + "Duplicate element in NonKeyAttributes: " + *twice);
    out.projection = *type == "ALL"       ? dynamodb::ProjectionType::All
                     : *type == "INCLUDE" ? dynamodb::ProjectionType::Include
                                          : dynamodb::ProjectionType::KeysOnly;
    return out;
}

std::vector<Params> structures(const Params &params, const char *name, const char *what)
{
    std::vector<Params> out;
    for (const auto &v : params.array(name))
        out.emplace_back(v, what);
    return out;
}

} // namespace

const dynamodb::KeyType *AttributeDefinitions::find(const std::string &name) const
{
    for (const auto &[n, t] : entries)
        if (n == name)
            return &t;
    return nullptr;
}

std::string AttributeDefinitions::namesText() const
{
    std::string out;
    for (const auto &d : entries)
        out += (out.empty() ? "" : ", ") + d.first;
    return out;
}

AttributeDefinitions attributeDefinitionsOf(const Params &params)
{
    AttributeDefinitions out;
    for (const auto &d : params.array("AttributeDefinitions")) {
        const Params def(d, "an AttributeDefinition");
        const std::string name = def.requiredString("AttributeName");
        const std::string type = def.requiredString("AttributeType");
        const auto parsed = dynamodb::parseKeyType(type);
        if (!parsed)
            throw validation(constraint("'" + type + "'", "attributeDefinitions.1.member.attributeType",
                                        "Member must satisfy enum value set: [B, N, S]"));
        out.entries.emplace_back(name, *parsed);
    }
    return out;
}

dynamodb::KeySchema tableKeySchemaOf(const Params &params, const AttributeDefinitions &definitions, bool withIndexes)
{
    if (!params.has("AttributeDefinitions"))
        throw missingMember("AttributeDefinitions");
    if (!params.has("KeySchema"))
        throw missingMember("KeySchema");
    const auto elements = elementsOf(params.array("KeySchema"), "keySchema");
    if (elements[0].second != "HASH")
        throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (elements.size() == 2 && elements[1].second != "RANGE")
        throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (elements.size() == 2 && elements[0].first == elements[1].first)
        throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    requireDefined(elements, definitions);
    if (!withIndexes && definitions.entries.size() != elements.size())
        throw validation(kInvalid + "Number of attributes in KeySchema does not exactly match number of attributes "
                                    "defined in AttributeDefinitions");
    return schemaOf(elements, definitions);
}

dynamodb::IndexDefinition globalIndexOf(const Params &index, const std::string &member,
                                        const AttributeDefinitions &definitions, const std::string &billingMode,
                                        bool update)
{
    dynamodb::IndexDefinition out = indexOf(index, member, definitions, update);
    out.global = true;
    if (const auto pt = index.object("ProvisionedThroughput")) {
        if (billingMode == "PAY_PER_REQUEST")
            throw validation(kInvalid + "ProvisionedThroughput should not be specified for index: " + out.name +
                             " when BillingMode is PAY_PER_REQUEST");
        const auto read = pt->integer("ReadCapacityUnits", 1, 40000);
        const auto write = pt->integer("WriteCapacityUnits", 1, 40000);
        if (!read)
            throw missingMember(member + ".provisionedThroughput.readCapacityUnits");
        if (!write)
            throw missingMember(member + ".provisionedThroughput.writeCapacityUnits");
        out.readCapacityUnits = *read;
        out.writeCapacityUnits = *write;
    } else if (billingMode == "PROVISIONED") {
        throw validation(kInvalid + "ProvisionedThroughput is not specified for index: " + out.name);
    }
    return out;
}

std::vector<dynamodb::IndexDefinition> indexDefinitionsOf(const Params &params, const dynamodb::KeySchema &table,
                                                          const AttributeDefinitions &definitions,
                                                          const std::string &billingMode)
{
    std::vector<dynamodb::IndexDefinition> out;
    const auto taken = [&](const std::string &name) {
        return std::any_of(out.begin(), out.end(), [&](const auto &d) { return d.name == name; });
    };
    if (params.has("LocalSecondaryIndexes")) {
        const auto locals = structures(params, "LocalSecondaryIndexes", "a LocalSecondaryIndex");
        if (locals.empty())
            throw validation(kInvalid + "List of LocalSecondaryIndexes is empty");
        if (!table.range)
            throw validation(kInvalid + "Table KeySchema does not have a range key, which is required when "
                                        "specifying a LocalSecondaryIndex");
        for (std::size_t i = 0; i < locals.size(); ++i) {
            auto index = indexOf(locals[i], "localSecondaryIndexes." + std::to_string(i + 1) + ".member", definitions);
            index.global = false;
            if (!index.keys.range)
                throw validation(kInvalid + "Index KeySchema does not have a range key for index: " + index.name);
            if (index.keys.hash.name != table.hash.name)
                throw validation(kInvalid +
                                 "Index KeySchema does not have the same leading hash key as table KeySchema for "
                                 "index: " +
                                 index.name + ". index hash key: " + index.keys.hash.name +
                                 ", table hash key: " + table.hash.name);
            if (taken(index.name))
                throw validation(kInvalid + "Duplicate index name: " + index.name);
            out.push_back(std::move(index));
        }
        if (locals.size() > kMaxLocalIndexes)
            throw validation(kInvalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }
    if (params.has("GlobalSecondaryIndexes")) {
        const auto globals = structures(params, "GlobalSecondaryIndexes", "a GlobalSecondaryIndex");
        if (globals.empty())
            throw validation(kInvalid + "List of GlobalSecondaryIndexes is empty");
        for (std::size_t i = 0; i < globals.size(); ++i) {
            auto index = globalIndexOf(globals[i], "globalSecondaryIndexes." + std::to_string(i + 1) + ".member",
                                       definitions, billingMode, false);
            if (taken(index.name))
                throw validation(kInvalid + "Duplicate index name: " + index.name);
            out.push_back(std::move(index));
        }
        if (globals.size() > kMaxGlobalIndexes)
            throw validation(kInvalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }
    if (out.empty())
        return out;
    std::vector<std::string> used;
    const auto use = [&](const dynamodb::KeySchema &keys) {
        for (const auto *k : {&keys.hash, keys.range ? &*keys.range : nullptr})
            if (k && std::find(used.begin(), used.end(), k->name) == used.end())
                used.push_back(k->name);
    };
    use(table);
    for (const auto &index : out)
        use(index.keys);
    if (used.size() != definitions.entries.size())
        throw validation(kInvalid + "Some AttributeDefinitions are not used. AttributeDefinitions: [" +
                         definitions.namesText() + "], keys used: [" + joined(used) + "]");
    return out;
}

} // namespace orderlab::aws
