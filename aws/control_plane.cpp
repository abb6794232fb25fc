// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, tags and TTL (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "js/json.h"
#include "stream/stream_time.h"

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

void refuseIndexes(const Params &params)
{
    for (const char *name : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes", "GlobalSecondaryIndexUpdates",
                             "ReplicaUpdates", "SSESpecification"}) {
        if (params.has(name))
            throw validation(std::string("orderlab does not support ") + name + " yet");
    }
}

dynamodb::KeySchema keySchemaOf(const Params &params)
{
    const auto definitions = params.array("AttributeDefinitions");
    const auto elements = params.array("KeySchema");
    if (!params.has("AttributeDefinitions"))
        throw missingMember("AttributeDefinitions");
    if (!params.has("KeySchema"))
        throw missingMember("KeySchema");
    if (elements.empty() || elements.size() > 2)
        throw validation("1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
                         "Member must have length less than or equal to 2 and greater than or equal to 1");
    std::vector<std::pair<std::string, std::string>> defs;
    for (const auto &d : definitions) {
        const Params def(d, "an AttributeDefinition");
        defs.emplace_back(def.requiredString("AttributeName"), def.requiredString("AttributeType"));
        if (!dynamodb::parseKeyType(defs.back().second))
            throw validation("1 validation error detected: Value '" + defs.back().second +
                             "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
                             "Member must satisfy enum value set: [B, N, S]");
    }
    dynamodb::KeySchema schema;
    std::vector<std::string> keyNames;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const Params element(elements[i], "a KeySchemaElement");
        const std::string name = element.requiredString("AttributeName");
        const std::string type = element.requiredString("KeyType");
        if (type != "HASH" && type != "RANGE")
            throw validation("1 validation error detected: Value '" + type + "' at 'keySchema." +
                             std::to_string(i + 1) +
                             ".member.keyType' failed to satisfy constraint: Member must satisfy enum value set: "
                             "[HASH, RANGE]");
        if (i == 0 && type != "HASH")
            throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        if (i == 1 && type != "RANGE")
            throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        if (i == 1 && name == keyNames.front())
            throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        keyNames.push_back(name);
    }
    const auto defined = [&](const std::string &name) -> const std::string * {
        for (const auto &[n, t] : defs) {
            if (n == name)
                return &t;
        }
        return nullptr;
    };
    std::string keysText, defsText;
    for (const auto &n : keyNames)
        keysText += (keysText.empty() ? "" : ", ") + n;
    for (const auto &d : defs)
        defsText += (defsText.empty() ? "" : ", ") + d.first;
    for (const auto &n : keyNames) {
        if (!defined(n))
            throw validation(kInvalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                             keysText + "], AttributeDefinitions: [" + defsText + "]");
    }
    if (defs.size() != keyNames.size())
        throw validation(kInvalid + "Number of attributes in KeySchema does not exactly match number of attributes "
                                    "defined in AttributeDefinitions");
    schema.hash = {keyNames[0], *dynamodb::parseKeyType(*defined(keyNames[0]))};
    if (keyNames.size() == 2)
        schema.range = dynamodb::KeyAttribute{keyNames[1], *dynamodb::parseKeyType(*defined(keyNames[1]))};
    return schema;
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
    std::string out = "{\"AttributeDefinitions\":[";
    out += "{\"AttributeName\":" + quoted(schema.hash.name) + ",\"AttributeType\":\"" +
           std::string(dynamodb::keyTypeName(schema.hash.type)) + "\"}";
    if (schema.range)
        out += ",{\"AttributeName\":" + quoted(schema.range->name) + ",\"AttributeType\":\"" +
               std::string(dynamodb::keyTypeName(schema.range->type)) + "\"}";
    out += "],\"TableName\":" + quoted(table.name());
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
    refuseIndexes(params);
    dynamodb::KeySchema schema = keySchemaOf(params);
    TableSettings settings;
    settings.billingMode = billingModeOf(params, "PROVISIONED");
    const bool throughput = throughputOf(params, settings);
    if (settings.billingMode == "PROVISIONED" && !throughput)
        throw validation(kInvalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                                    "BillingMode is PROVISIONED");
    if (settings.billingMode == "PAY_PER_REQUEST" && throughput)
        throw validation(kInvalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                                    "BillingMode is PAY_PER_REQUEST");
    for (const auto &t : params.array("Tags")) {
        const Params tag(t, "a Tag");
        settings.tags.emplace_back(tag.requiredString("Key"), tag.requiredString("Value"));
    }
    const StreamSpecification stream = streamSpecOf(params);
    const auto entry = context.tables.create(name, std::move(schema), stream, std::move(settings));
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
    refuseIndexes(params);
    auto entry = context.tables.get(name);
    if (!params.has("ProvisionedThroughput") && !params.has("BillingMode") && !params.has("StreamSpecification") &&
        !params.has("DeletionProtectionEnabled"))
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
    if (params.has("StreamSpecification"))
        context.tables.setStream(name, streamSpecOf(params));
    if (throughput)
        next.throughputChangedAt = context.clock.now();
    if (next.billingMode == "PAY_PER_REQUEST") {
        next.readCapacityUnits = 0;
        next.writeCapacityUnits = 0;
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
