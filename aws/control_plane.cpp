// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, tags and TTL (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "index_updates.h"
#include "js/json.h"
#include "stream/stream_time.h"
#include "table_schema.h"

#include <algorithm>
#include <cmath>

namespace orderlab::aws {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

std::optional<StreamViewType> parseViewType(std::string_view text)
{
    for (auto t : {StreamViewType::KeysOnly, StreamViewType::NewImage, StreamViewType::OldImage,
                   StreamViewType::NewAndOldImages}) {
        if (viewTypeName(t) == text)
            return t;
    }
    return std::nullopt;
}

StreamSpecification streamSpecOf(const Params &params)
{
    StreamSpecification spec;
    const auto object = params.object("StreamSpecification");
    if (!object)
        return spec;
    const auto enabled = object->boolean("StreamEnabled");
    if (!enabled)
        throw missingMember("StreamEnabled");
    spec.enabled = *enabled;
    const auto view = object->string("StreamViewType");
    if (spec.enabled && !view)
        throw validation(kInvalid + "StreamViewType is required when StreamEnabled is true"); // DynamoDB's sense
    if (view) {
        const auto parsed = parseViewType(*view);
        if (!parsed)
            throw validation("1 validation error detected: Value '" + *view +
                             "' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must "
                             "satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
        if (!spec.enabled)
            throw validation(kInvalid + "StreamViewType cannot be specified when StreamEnabled is false");
        spec.viewType = *parsed;
    }
    return spec;
}

/// Reads ProvisionedThroughput (both units, 1 to 40000) into `settings`; false when absent.
bool throughputOf(const Params &params, TableSettings &settings)
{
    const auto pt = params.object("ProvisionedThroughput");
    if (!pt)
        return false;
    const auto read = pt->integer("ReadCapacityUnits", 1, 40000);
    const auto write = pt->integer("WriteCapacityUnits", 1, 40000);
    if (!read)
        throw missingMember("provisionedThroughput.readCapacityUnits");
    if (!write)
        throw missingMember("provisionedThroughput.writeCapacityUnits");
    settings.readCapacityUnits = *read;
    settings.writeCapacityUnits = *write;
    return true;
}

std::string billingModeOf(const Params &params, const std::string &fallback)
{
    const auto mode = params.string("BillingMode");
    if (!mode)
        return fallback;
    if (*mode != "PROVISIONED" && *mode != "PAY_PER_REQUEST")
        throw validation("1 validation error detected: Value '" + *mode +
                         "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: "
                         "[PROVISIONED, PAY_PER_REQUEST]");
    return *mode;
}

void refuseUnsupported(const Params &params)
{
    for (const char *name : {"ReplicaUpdates", "SSESpecification"}) {
        if (params.has(name))
            throw validation(std::string("orderlab does not support ") + name + " yet");
    }
}

/// A switch to PROVISIONED needs every GSI's throughput in the request's Updates.
void checkIndexBilling(const Params &params, const Table &table, const std::string &from, const std::string &to)
{
    if (to != "PROVISIONED" || from == "PROVISIONED")
        return;
    std::vector<std::string> updated;
    for (const auto &v : params.array("GlobalSecondaryIndexUpdates")) {
        const Params element(v, "a GlobalSecondaryIndexUpdate");
        if (const auto update = element.object("Update"))
            updated.push_back(update->string("IndexName").value_or(""));
    }
    std::string missing;
    for (const auto &info : table.indexes())
        if (info.definition.global && std::find(updated.begin(), updated.end(), info.definition.name) == updated.end())
            missing += (missing.empty() ? "" : ",") + info.definition.name;
    if (!missing.empty())
        throw validation(kInvalid + "ProvisionedThroughput must be specified for index: " + missing);
}

std::string streamLabel(const Stream &stream)
{
    const std::string &arn = stream.arn();
    return arn.substr(arn.rfind('/') + 1);
}

std::string describe(const Context &context, const TableRegistry::Entry &entry, const char *status)
{
    const Table &table = *entry.table;
    const TableSettings &s = entry.settings;
    const dynamodb::KeySchema &schema = table.keySchema();
    std::string out = "{\"AttributeDefinitions\":" + attributeDefinitionsJson(table);
    out += ",\"TableName\":" + quoted(table.name());
    out += ",\"KeySchema\":[{\"AttributeName\":" + quoted(schema.hash.name) + ",\"KeyType\":\"HASH\"}";
    if (schema.range)
        out += ",{\"AttributeName\":" + quoted(schema.range->name) + ",\"KeyType\":\"RANGE\"}";
    out += "],\"TableStatus\":\"" + std::string(status) + "\"";
    out += ",\"CreationDateTime\":" + seconds(s.createdAt);
    out += ",\"ProvisionedThroughput\":{";
    if (s.throughputChangedAt)
        out += "\"LastIncreaseDateTime\":" + seconds(s.throughputChangedAt) + ",";
    out += "\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":" + std::to_string(s.readCapacityUnits) +
           ",\"WriteCapacityUnits\":" + std::to_string(s.writeCapacityUnits) + "}";
    out += ",\"TableSizeBytes\":" + std::to_string(table.bytes());
    out += ",\"ItemCount\":" + std::to_string(table.size());
    out += ",\"TableArn\":" + quoted(tableArn(context, table.name()));
    out += indexDescriptionsJson(table, tableArn(context, table.name()));
    out += ",\"TableId\":\"" + std::string("00000000-0000-4000-8000-") +
           std::string(12 - std::min<std::size_t>(12, std::to_string(s.createdAt % 1000000000000).size()), '0') +
           std::to_string(s.createdAt % 1000000000000) + "\"";
    if (s.billingMode == "PAY_PER_REQUEST")
        out += ",\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\",\"LastUpdateToPayPerRequestDateTime\":" +
               seconds(s.createdAt) + "}";
    const StreamSpecification spec = table.streamSpecification();
    if (spec.enabled)
        out += ",\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"" +
               std::string(viewTypeName(spec.viewType)) + "\"}";
    if (entry.stream) {
        out += ",\"LatestStreamLabel\":" + quoted(streamLabel(*entry.stream));
        out += ",\"LatestStreamArn\":" + quoted(entry.stream->arn());
    }
    out += ",\"DeletionProtectionEnabled\":false}";
    return out;
}

std::string tableNameOf(const Params &params)
{
    const std::string name = params.requiredString("TableName");
    checkTableName(name);
    return name;
}

/// The table an ARN names. @throws ValidationException for a malformed ARN, ResourceNotFound for an unknown table.
TableRegistry::Entry tableOfArn(Context &context, const std::string &arn)
{
    const std::string prefix = "arn:aws:dynamodb:";
    const auto slash = arn.find(":table/");
    if (arn.rfind(prefix, 0) != 0 || slash == std::string::npos)
        throw validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    std::string name = arn.substr(slash + 7);
    if (const auto more = name.find('/'); more != std::string::npos)
        name.resize(more);
    auto entry = context.tables.find(name);
    if (!entry.table)
        throw ApiError(400, "ResourceNotFoundException",
                       "Requested resource not found: ResourceArn: " + arn + " not found");
    return entry;
}

std::string createTable(Context &context, const Params &params)
{
    const std::string name = tableNameOf(params);
    refuseUnsupported(params);
    TableSettings settings;
    settings.billingMode = billingModeOf(params, "PROVISIONED");
    const bool throughput = throughputOf(params, settings);
    if (settings.billingMode == "PROVISIONED" && !throughput)
        throw validation(kInvalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                                    "BillingMode is PROVISIONED");
    if (settings.billingMode == "PAY_PER_REQUEST" && throughput)
        throw validation(kInvalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                                    "BillingMode is PAY_PER_REQUEST");
    const AttributeDefinitions definitions = attributeDefinitionsOf(params);
    const bool withIndexes = params.has("GlobalSecondaryIndexes") || params.has("LocalSecondaryIndexes");
    dynamodb::KeySchema schema = tableKeySchemaOf(params, definitions, withIndexes);
    auto indexes = indexDefinitionsOf(params, schema, definitions, settings.billingMode);
    for (const auto &t : params.array("Tags")) {
        const Params tag(t, "a Tag");
        settings.tags.emplace_back(tag.requiredString("Key"), tag.requiredString("Value"));
    }
    const StreamSpecification stream = streamSpecOf(params);
    const auto entry = context.tables.create(name, std::move(schema), stream, std::move(settings));
    for (auto &index : indexes) // a write racing the creation is indexed by the fill
        entry.table->addIndex(std::move(index));
    return "{\"TableDescription\":" + describe(context, entry, "ACTIVE") + "}";
}

std::string listTables(Context &context, const Params &params)
{
    const auto start = params.string("ExclusiveStartTableName");
    const auto limit = params.integer("Limit", 1, 100).value_or(100);
    std::string out = "{\"TableNames\":[";
    long long n = 0;
    std::string last;
    bool more = false;
    for (const auto &name : context.tables.names()) {
        if (start && name <= *start)
            continue;
        if (n == limit) {
            more = true;
            break;
        }
        out += (n++ ? "," : "") + quoted(name);
        last = name;
    }
    out += "]";
    if (more)
        out += ",\"LastEvaluatedTableName\":" + quoted(last);
    return out + "}";
}

std::string updateTable(Context &context, const Params &params)
{
    const std::string name = tableNameOf(params);
    refuseUnsupported(params);
    auto entry = context.tables.get(name);
    const bool indexUpdates = params.has("GlobalSecondaryIndexUpdates");
    if (!params.has("ProvisionedThroughput") && !params.has("BillingMode") && !params.has("StreamSpecification") &&
        !params.has("DeletionProtectionEnabled") && !indexUpdates)
        throw validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                         "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    TableSettings next = entry.settings;
    next.billingMode = billingModeOf(params, next.billingMode);
    const bool throughput = throughputOf(params, next);
    if (next.billingMode == "PAY_PER_REQUEST" && throughput)
        throw validation(kInvalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                                    "BillingMode is PAY_PER_REQUEST");
    if (next.billingMode == "PROVISIONED" && entry.settings.billingMode == "PAY_PER_REQUEST" && !throughput)
        throw validation(kInvalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
    if (throughput && next.readCapacityUnits == entry.settings.readCapacityUnits &&
        next.writeCapacityUnits == entry.settings.writeCapacityUnits && next.billingMode == entry.settings.billingMode)
        throw validation(
            "The provisioned throughput for the table will not change. The requested value equals the "
            "current value. Current ReadCapacityUnits provisioned for the table: " +
            std::to_string(next.readCapacityUnits) +
            ". Requested ReadCapacityUnits: " + std::to_string(next.readCapacityUnits) +
            ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(next.writeCapacityUnits) +
            ". Requested WriteCapacityUnits: " + std::to_string(next.writeCapacityUnits) +
            ". Refer to the Amazon DynamoDB Developer Guide "
            "for current limits and how to request higher "
            "limits.");
    if (indexUpdates && createsOrDeletesIndex(params) && params.has("StreamSpecification"))
        throw validation(kInvalid + "You cannot create or delete index while changing stream status");
    if (indexUpdates && createsOrDeletesIndex(params) && throughput)
        throw validation(kInvalid + "You cannot create or delete index while updating table IOPS");
    checkIndexBilling(params, *entry.table, entry.settings.billingMode, next.billingMode);
    if (indexUpdates)
        applyIndexUpdates(context, params, entry, next.billingMode);
    if (params.has("StreamSpecification"))
        context.tables.setStream(name, streamSpecOf(params));
    if (throughput)
        next.throughputChangedAt = context.clock.now();
    if (next.billingMode == "PAY_PER_REQUEST") {
        next.readCapacityUnits = 0;
        next.writeCapacityUnits = 0;
        for (const auto &info : entry.table->indexes())
            entry.table->setIndexThroughput(info.definition.name, 0, 0);
    }
    context.tables.updateSettings(name, [&](TableSettings &s) { s = next; });
    return "{\"TableDescription\":" + describe(context, context.tables.get(name), "ACTIVE") + "}";
}

std::string tagResource(Context &context, const Params &params, bool untag)
{
    const auto entry = tableOfArn(context, params.requiredString("ResourceArn"));
    if (untag) {
        std::vector<std::string> keys;
        if (!params.has("TagKeys"))
            throw missingMember("TagKeys");
        for (const auto &k : params.array("TagKeys")) {
            if (!k.isString())
                throw ApiError(400, "SerializationException", "TagKeys must be strings");
            keys.push_back(k.asString());
        }
        context.tables.updateSettings(entry.table->name(), [&](TableSettings &s) {
            std::erase_if(
                s.tags, [&](const auto &tag) { return std::find(keys.begin(), keys.end(), tag.first) != keys.end(); });
        });
        return "{}";
    }
    if (!params.has("Tags"))
        throw missingMember("Tags");
    std::vector<std::pair<std::string, std::string>> tags;
    for (const auto &t : params.array("Tags")) {
        const Params tag(t, "a Tag");
        tags.emplace_back(tag.requiredString("Key"), tag.requiredString("Value"));
    }
    context.tables.updateSettings(entry.table->name(), [&](TableSettings &s) {
        for (const auto &set : tags) { // not a structured binding: clang 14 cannot capture one in a lambda
            auto it =
                std::find_if(s.tags.begin(), s.tags.end(), [&](const auto &tag) { return tag.first == set.first; });
            if (it != s.tags.end())
                it->second = set.second;
            else
                s.tags.push_back(set);
        }
    });
    return "{}";
}

std::string listTags(Context &context, const Params &params)
{
    const auto entry = tableOfArn(context, params.requiredString("ResourceArn"));
    std::string out = "{\"Tags\":[";
    bool first = true;
    for (const auto &[key, value] : entry.settings.tags) {
        out += std::string(first ? "" : ",") + "{\"Key\":" + quoted(key) + ",\"Value\":" + quoted(value) + "}";
        first = false;
    }
    return out + "]}";
}

std::string updateTimeToLive(Context &context, const Params &params)
{
    const std::string name = tableNameOf(params);
    const Params spec = params.requiredObject("TimeToLiveSpecification");
    const auto enabled = spec.boolean("Enabled");
    if (!enabled)
        throw missingMember("timeToLiveSpecification.enabled");
    const std::string attribute = spec.requiredString("AttributeName");
    if (attribute.empty())
        throw validation("1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to "
                         "satisfy constraint: Member must have length greater than or equal to 1");
    const auto entry = context.tables.get(name);
    if (*enabled && entry.settings.ttlAttribute)
        throw validation("TimeToLive is already enabled");
    if (!*enabled && !entry.settings.ttlAttribute)
        throw validation("TimeToLive is already disabled");
    if (!*enabled && *entry.settings.ttlAttribute != attribute)
        throw validation("The TimeToLive attribute name must match the attribute name currently set");
    context.tables.updateSettings(name, [&](TableSettings &s) {
        s.ttlAttribute = *enabled ? std::optional<std::string>(attribute) : std::nullopt;
    });
    return "{\"TimeToLiveSpecification\":{\"Enabled\":" + std::string(*enabled ? "true" : "false") +
           ",\"AttributeName\":" + quoted(attribute) + "}}";
}

std::string describeTimeToLive(Context &context, const Params &params)
{
    const auto entry = context.tables.get(tableNameOf(params));
    if (!entry.settings.ttlAttribute)
        return "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"DISABLED\"}}";
    return "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"ENABLED\",\"AttributeName\":" +
           quoted(*entry.settings.ttlAttribute) + "}}";
}

} // namespace

std::string controlPlane(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "CreateTable")
        return createTable(context, params);
    if (operation == "DescribeTable")
        return "{\"Table\":" + describe(context, context.tables.get(tableNameOf(params)), "ACTIVE") + "}";
    if (operation == "ListTables")
        return listTables(context, params);
    if (operation == "DeleteTable") {
        const std::string name = tableNameOf(params);
        context.tables.get(name);
        const auto entry = context.tables.remove(name);
        return "{\"TableDescription\":" + describe(context, entry, "DELETING") + "}";
    }
    if (operation == "UpdateTable")
        return updateTable(context, params);
    if (operation == "TagResource")
        return tagResource(context, params, false);
    if (operation == "UntagResource")
        return tagResource(context, params, true);
    if (operation == "ListTagsOfResource")
        return listTags(context, params);
    if (operation == "UpdateTimeToLive")
        return updateTimeToLive(context, params);
    if (operation == "DescribeTimeToLive")
        return describeTimeToLive(context, params);
    if (operation == "DescribeEndpoints")
        return "{\"Endpoints\":[{\"Address\":\"localhost\",\"CachePeriodInMinutes\":1440}]}";
    if (operation == "DescribeLimits")
        return "{\"AccountMaxReadCapacityUnits\":80000,\"AccountMaxWriteCapacityUnits\":80000,"
               "\"TableMaxReadCapacityUnits\":40000,\"TableMaxWriteCapacityUnits\":40000}";
    *handled = false;
    return {};
}

} // namespace orderlab::aws
