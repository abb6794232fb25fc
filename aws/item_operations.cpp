// PutItem, GetItem, DeleteItem; the dispatch of the item operations (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "js/json.h"
#include "read_selection.h"

#include <algorithm>

namespace orderlab::aws {

namespace {

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

std::string tableNameOf(const Params &params)
{
    const std::string name = params.requiredString("TableName");
    checkTableName(name);
    return name;
}

} // namespace

std::string withCapacity(std::string body, const std::string &capacity)
{
    if (capacity.empty())
        return body;
    if (body == "{}")
        return "{" + capacity + "}";
    body.pop_back();
    return body + "," + capacity + "}";
}

namespace {

std::string putItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                               "Expected", "ConditionalOperator"});
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
    refuseExpressions(params, {"ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    const std::string name = tableNameOf(params);
    const auto key = params.requiredAttributeMap("Key");
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    auto expressions = expressionContext(params);
    const ReadSelection selection = readSelection(params, expressions, false);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    const auto item = table->get(key);
    std::string body = "{}";
    if (item) {
        body = "{\"Item\":";
        selection.appendJson(body, *item);
        body += '}';
    }
    return withCapacity(
        body, consumedCapacity(params, name, readUnits(item ? dynamodb::sizeBytes(*item) : 0, consistent), false));
}

std::string deleteItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                               "Expected", "ConditionalOperator"});
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
