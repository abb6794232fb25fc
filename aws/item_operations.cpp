// PutItem, GetItem, DeleteItem; the dispatch of the item operations (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "item_collection_metrics.h"
#include "js/json.h"
#include "read_selection.h"

#include <optional>

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

std::string putItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                               "Expected", "ConditionalOperator"});
    const std::string name = tableNameOf(params);
    const std::string returnValues = returnValuesOf(params);
    Consumption used(capacityMode(params), true);
    const bool metrics = wantsCollectionMetrics(params);
    dynamodb::AttributeMap item = params.requiredAttributeMap("Item");
    auto expressions = expressionContext(params);
    const auto condition = conditionOf(params, expressions);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    std::optional<dynamodb::AttributeMap> written;
    if (used.wanted() || metrics)
        written = item;
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
    used.addWrite(*table, result.oldImage ? &*result.oldImage : nullptr, written ? &*written : nullptr);
    body = withCapacity(body, used.member());
    return metrics ? withCapacity(body, collectionMetricsMember(true, *table, *written)) : body;
}

std::string getItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    const std::string name = tableNameOf(params);
    const auto key = params.requiredAttributeMap("Key");
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    Consumption used(capacityMode(params), false);
    auto expressions = expressionContext(params);
    const ReadSelection selection = readSelection(params, expressions, false);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    std::string body = "{}";
    table->visit(key, [&](const dynamodb::AttributeMap *item) {
        if (item) {
            body = "{\"Item\":";
            selection.appendJson(body, *item);
            body += '}';
        }
        used.addItemRead(name, item, consistent);
    });
    return withCapacity(body, used.member());
}

std::string deleteItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                               "Expected", "ConditionalOperator"});
    const std::string name = tableNameOf(params);
    const std::string returnValues = returnValuesOf(params);
    Consumption used(capacityMode(params), true);
    const bool metrics = wantsCollectionMetrics(params);
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
    used.addWrite(*table, result.oldImage ? &*result.oldImage : nullptr, nullptr);
    return withCapacity(withCapacity(body, used.member()), collectionMetricsMember(metrics, *table, key));
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
