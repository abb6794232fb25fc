// Scan and Query: pages of items, the key condition, the filter and the selection
// (docs/dynamodb-api.md, "Reads").
#include "api_context.h"
#include "dynamodb/expr/key_condition.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "index_reads.h"
#include "legacy_conditions.h"
#include "read_selection.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kPageBytes = 1024 * 1024;

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

std::string tableNameOf(const Params &params)
{
    const std::string name = params.requiredString("TableName");
    checkTableName(name);
    return name;
}

/// Charges a page read from the table itself: ⌈its bytes / 4 KB⌉ (counted only when asked for).
void chargeTablePage(Consumption &used, const std::string &name, const std::vector<dynamodb::AttributeMap> &read,
                     bool consistent)
{
    if (!used.wanted())
        return;
    std::size_t bytes = 0;
    for (const auto &item : read)
        bytes += dynamodb::sizeBytes(item);
    used.addTable(name, readUnits(bytes, consistent));
}

/// The answer of a page: Items (unless only counting) and Count after the filter, ScannedCount of
/// the items read, LastEvaluatedKey when items remain, and the ConsumedCapacity `used` counted.
std::string pageAnswer(const Table &table, const std::optional<dynamodb::IndexDefinition> &index,
                       const std::vector<dynamodb::AttributeMap> &read, bool more,
                       const std::optional<expr::Condition> &filter, const ReadSelection &selection,
                       const Consumption &used)
{
    std::size_t count = 0;
    std::string items;
    for (const auto &item : read) {
        if (filter && !expr::evaluate(*filter, &item))
            continue;
        ++count;
        if (selection.countOnly)
            continue;
        if (!items.empty())
            items += ',';
        selection.appendJson(items, item);
    }
    std::string out = "{";
    if (!selection.countOnly)
        out += "\"Items\":[" + items + "],";
    out += "\"Count\":" + std::to_string(count) + ",\"ScannedCount\":" + std::to_string(read.size());
    if (more && !read.empty())
        out += ",\"LastEvaluatedKey\":" +
               dynamodb::itemJson(index ? indexLastKey(table.keySchema(), *index, read.back())
                                        : dynamodb::keyAttributes(table.keySchema(), read.back()));
    return withCapacity(out + "}", used.member());
}

} // namespace

std::string scan(Context &context, const Params &params)
{
    refuseExpressions(params, {"ProjectionExpression", "FilterExpression", "ExpressionAttributeNames",
                               "ExpressionAttributeValues", "ScanFilter", "ConditionalOperator"});
    const std::string name = tableNameOf(params);
    Consumption used(capacityMode(params), false);
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
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
    auto expressions = expressionContext(params);
    auto filter = filterOf(params, expressions);
    if (!filter)
        filter = filterCondition(params, "ScanFilter", nullptr);
    const ReadSelection selection = readSelection(params, expressions, true, params.has("IndexName"));
    expressions.checkAllUsed();
    const auto start = params.attributeMap("ExclusiveStartKey");
    const auto table = context.tables.get(name).table;
    const auto index = requestedIndex(params, *table);
    std::function<bool(const std::string &)> accept;
    if (segment) {
        const auto total = static_cast<std::uint64_t>(*totalSegments);
        const auto mine = static_cast<std::uint64_t>(*segment);
        accept = [total, mine](const std::string &hash) { return segmentHash(hash) % total == mine; };
    }
    bool more = false;
    const std::size_t max = limit ? static_cast<std::size_t>(*limit) : 0;
    std::vector<dynamodb::AttributeMap> read;
    if (index) {
        IndexPageBytes bytes;
        read = readIndexPage(
            *table, indexRead(*index, table->keySchema(), selection, filter),
            [&](const dynamodb::SecondaryIndex &i) {
                return i.scanPage(start ? std::optional(i.startKey(*start)) : std::nullopt, max, kPageBytes, &more,
                                  accept);
            },
            used.wanted() ? &bytes : nullptr);
        chargeIndexPage(used, name, *index, bytes, consistent);
    } else {
        read = table->scanPage(start, max, kPageBytes, &more, accept);
        chargeTablePage(used, name, read, consistent);
    }
    return pageAnswer(*table, index, read, more, filter, selection, used);
}

std::string query(Context &context, const Params &params)
{
    refuseExpressions(params,
                      {"KeyConditionExpression", "ProjectionExpression", "FilterExpression", "ExpressionAttributeNames",
                       "ExpressionAttributeValues", "KeyConditions", "QueryFilter", "ConditionalOperator"});
    const std::string name = tableNameOf(params);
    Consumption used(capacityMode(params), false);
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    const auto limit = params.integer("Limit", 1, 1LL << 40);
    const bool forward = params.boolean("ScanIndexForward").value_or(true);
    const auto table = context.tables.get(name).table;
    const auto index = requestedIndex(params, *table);
    const auto text = params.string("KeyConditionExpression");
    if (!text && !params.has("KeyConditions"))
        throw validation(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    const dynamodb::KeySchema &schema = index ? index->keys : table->keySchema();
    const auto typeOf = [](dynamodb::KeyType type) {
        return type == dynamodb::KeyType::S   ? dynamodb::AttributeValue::Type::S
               : type == dynamodb::KeyType::N ? dynamodb::AttributeValue::Type::N
                                              : dynamodb::AttributeValue::Type::B;
    };
    expr::KeySchema keys;
    keys.hashName = schema.hash.name;
    keys.hashType = typeOf(schema.hash.type);
    if (schema.range) {
        keys.rangeName = schema.range->name;
        keys.rangeType = typeOf(schema.range->type);
    }
    auto expressions = expressionContext(params);
    const expr::KeyCondition key =
        text ? expr::parseKeyCondition(*text, expressions, keys) : keyConditions(params, keys);
    auto filter = filterOf(params, expressions);
    const ReadSelection selection = readSelection(params, expressions, true, index.has_value());
    expressions.checkAllUsed();
    if (filter)
        refuseKeyAttributesInFilter(*filter, schema);
    else
        filter = filterCondition(params, "QueryFilter", &keys);
    const auto start = params.attributeMap("ExclusiveStartKey");
    bool more = false;
    const std::size_t max = limit ? static_cast<std::size_t>(*limit) : 0;
    const auto matches = [&key](const dynamodb::AttributeMap &item) { return key.matches(item); };
    std::vector<dynamodb::AttributeMap> read;
    if (index) {
        IndexPageBytes bytes;
        read = readIndexPage(
            *table, indexRead(*index, table->keySchema(), selection, filter),
            [&](const dynamodb::SecondaryIndex &i) {
                return i.queryPage(key.hashValue.text(), matches, forward,
                                   start ? std::optional(i.startKey(*start)) : std::nullopt, max, kPageBytes, &more);
            },
            used.wanted() ? &bytes : nullptr);
        chargeIndexPage(used, name, *index, bytes, consistent);
    } else {
        read = table->queryPage(key.hashValue.text(), matches, forward, start, max, kPageBytes, &more);
        chargeTablePage(used, name, read, consistent);
    }
    return pageAnswer(*table, index, read, more, filter, selection, used);
}

} // namespace orderlab::aws
