// PutItem, GetItem, DeleteItem, Scan, Query (refused until expressions exist) (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "js/json.h"

#include <algorithm>

namespace orderlab::aws {

namespace {

constexpr std::size_t kScanPageBytes = 1024 * 1024;

std::string returnValuesOf(const Params &params)
{
    const std::string mode = params.string("ReturnValues").value_or("NONE");
    if (mode == "NONE" || mode == "ALL_OLD")
        return mode;
    if (mode == "UPDATED_OLD" || mode == "ALL_NEW" || mode == "UPDATED_NEW")
        throw validation("ReturnValues can only be ALL_OLD or NONE");
    throw validation("1 validation error detected: Value '" + mode +
                     "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: "
                     "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
}

/// AttributesToGet (legacy): the names to keep, or none for all.
std::optional<std::vector<std::string>> attributesToGet(const Params &params)
{
    if (!params.has("AttributesToGet"))
        return std::nullopt;
    std::vector<std::string> names;
    for (const auto &v : params.array("AttributesToGet")) {
        if (!v.isString())
            throw ApiError(400, "SerializationException", "AttributesToGet must hold strings");
        if (std::find(names.begin(), names.end(), v.asString()) != names.end())
            throw validation("One or more parameter values were invalid: Duplicate value in attribute name: " +
                             v.asString());
        names.push_back(v.asString());
    }
    if (names.empty())
        throw validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                         "constraint: Member must have length greater than or equal to 1");
    return names;
}

dynamodb::AttributeMap project(const dynamodb::AttributeMap &item, const std::optional<std::vector<std::string>> &names)
{
    if (!names)
        return item;
    dynamodb::AttributeMap out;
    for (const auto &entry : item) {
        if (std::find(names->begin(), names->end(), entry.first) != names->end())
            out.push_back(entry);
    }
    return out;
}

std::string tableNameOf(const Params &params)
{
    const std::string name = params.requiredString("TableName");
    checkTableName(name);
    return name;
}

std::string withCapacity(std::string body, const std::string &capacity)
{
    if (capacity.empty())
        return body;
    if (body == "{}")
        return "{" + capacity + "}";
    body.pop_back();
    return body + "," + capacity + "}";
}

std::string putItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    const std::string name = tableNameOf(params);
    const std::string returnValues = returnValuesOf(params);
    dynamodb::AttributeMap item = params.requiredAttributeMap("Item");
    auto expressions = expressionContext(params);
    const auto condition = conditionOf(params, expressions);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    const std::size_t newSize = dynamodb::sizeBytes(item);
    Table::WriteResult result;
    table->locked([&] {
        if (condition) {
            table->validate(item);
            const auto old = table->get(dynamodb::keyAttributes(table->keySchema(), item));
            requireCondition(condition, old ? &*old : nullptr, params);
        }
        result = table->put(std::move(item));
    });
    std::string body = "{}";
    if (returnValues == "ALL_OLD" && result.oldImage)
        body = "{\"Attributes\":" + dynamodb::itemJson(*result.oldImage) + "}";
    const std::size_t oldSize = result.oldImage ? dynamodb::sizeBytes(*result.oldImage) : 0;
    return withCapacity(body, consumedCapacity(params, name, writeUnits(std::max(newSize, oldSize)), true));
}

std::string getItem(Context &context, const Params &params)
{
    refuseExpressions(params);
    const std::string name = tableNameOf(params);
    const auto key = params.requiredAttributeMap("Key");
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    const auto names = attributesToGet(params);
    const auto table = context.tables.get(name).table;
    const auto item = table->get(key);
    std::string body = "{}";
    if (item)
        body = "{\"Item\":" + dynamodb::itemJson(project(*item, names)) + "}";
    return withCapacity(
        body, consumedCapacity(params, name, readUnits(item ? dynamodb::sizeBytes(*item) : 0, consistent), false));
}

std::string deleteItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    const std::string name = tableNameOf(params);
    const std::string returnValues = returnValuesOf(params);
    const auto key = params.requiredAttributeMap("Key");
    auto expressions = expressionContext(params);
    const auto condition = conditionOf(params, expressions);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    Table::WriteResult result;
    table->locked([&] {
        if (condition) {
            const auto old = table->get(key);
            requireCondition(condition, old ? &*old : nullptr, params);
        }
        result = table->remove(key);
    });
    std::string body = "{}";
    if (returnValues == "ALL_OLD" && result.oldImage)
        body = "{\"Attributes\":" + dynamodb::itemJson(*result.oldImage) + "}";
    return withCapacity(
        body,
        consumedCapacity(params, name, writeUnits(result.oldImage ? dynamodb::sizeBytes(*result.oldImage) : 0), true));
}

/// FNV-1a of the hash key: which of TotalSegments segments an item belongs to.
std::uint64_t segmentHash(const std::string &hash)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : hash) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string scan(Context &context, const Params &params)
{
    refuseExpressions(params);
    if (params.has("IndexName"))
        throw validation("orderlab does not support IndexName yet");
    const std::string name = tableNameOf(params);
    const auto limit = params.integer("Limit", 1, 1LL << 40);
    const auto segment = params.integer("Segment", 0, 999999);
    const auto totalSegments = params.integer("TotalSegments", 1, 1000000);
    if (segment.has_value() != totalSegments.has_value())
        throw validation(segment ? "The TotalSegments parameter is required but was not present in the request "
                                   "when Segment parameter is present"
                                 : "The Segment parameter is required but was not present in the request when "
                                   "parameter TotalSegments is present");
    if (segment && *segment >= *totalSegments)
        throw validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                         "Segment: " +
                         std::to_string(*segment) +
                         " is not less than TotalSegments: " + std::to_string(*totalSegments));
    const std::string select = params.string("Select").value_or("ALL_ATTRIBUTES");
    const auto names = attributesToGet(params);
    if (select != "ALL_ATTRIBUTES" && select != "COUNT" && select != "SPECIFIC_ATTRIBUTES")
        throw validation(select == "ALL_PROJECTED_ATTRIBUTES"
                             ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                             : "1 validation error detected: Value '" + select +
                                   "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
                                   "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    if (select == "SPECIFIC_ATTRIBUTES" && !names)
        throw validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                         "SPECIFIC_ATTRIBUTES");
    if (names && select != "SPECIFIC_ATTRIBUTES" && params.has("Select"))
        throw validation("Cannot specify the AttributesToGet when choosing to get " + select);
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    const auto start = params.attributeMap("ExclusiveStartKey");
    const auto table = context.tables.get(name).table;
    std::function<bool(const std::string &)> accept;
    if (segment) {
        const auto total = static_cast<std::uint64_t>(*totalSegments);
        const auto mine = static_cast<std::uint64_t>(*segment);
        accept = [total, mine](const std::string &hash) { return segmentHash(hash) % total == mine; };
    }
    bool more = false;
    const auto items =
        table->scanPage(start, limit ? static_cast<std::size_t>(*limit) : 0, kScanPageBytes, &more, accept);
    std::size_t bytes = 0;
    std::string out = "{";
    if (select != "COUNT") {
        out += "\"Items\":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ',';
            dynamodb::appendItemJson(out, project(items[i], names));
        }
        out += "],";
    }
    for (const auto &item : items)
        bytes += dynamodb::sizeBytes(item);
    out += "\"Count\":" + std::to_string(items.size()) + ",\"ScannedCount\":" + std::to_string(items.size());
    if (more && !items.empty())
        out += ",\"LastEvaluatedKey\":" + dynamodb::itemJson(dynamodb::keyAttributes(table->keySchema(), items.back()));
    out += '}';
    return withCapacity(out, consumedCapacity(params, name, readUnits(bytes, consistent), false));
}

std::string query(Context &context, const Params &params)
{
    refuseExpressions(params); // KeyConditionExpression, when given, is refused here
    context.tables.get(tableNameOf(params));
    throw validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
}

} // namespace

std::string itemOperation(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "PutItem")
        return putItem(context, params);
    if (operation == "GetItem")
        return getItem(context, params);
    if (operation == "DeleteItem")
        return deleteItem(context, params);
    if (operation == "Scan")
        return scan(context, params);
    if (operation == "Query")
        return query(context, params);
    if (operation == "UpdateItem")
        return updateItem(context, params);
    *handled = false;
    return {};
}

} // namespace orderlab::aws
