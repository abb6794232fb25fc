// UpdateItem with UpdateExpression or AttributeUpdates, and ConditionExpression or Expected
// (docs/dynamodb-api.md, "Expressions"; docs/dynamodb-legacy-parameters.md).
#include "api_context.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "item_collection_metrics.h"
#include "legacy_updates.h"

#include "dynamodb/expr/projection.h"
#include "dynamodb/expr/update.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

std::string updateReturnValues(const Params &params)
{
    const std::string mode = params.string("ReturnValues").value_or("NONE");
    if (mode == "NONE" || mode == "ALL_OLD" || mode == "UPDATED_OLD" || mode == "ALL_NEW" || mode == "UPDATED_NEW")
        return mode;
    throw validation("1 validation error detected: Value '" + mode +
                     "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: "
                     "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
}

} // namespace

std::string updateItem(Context &context, const Params &params)
{
    refuseExpressions(params, {"UpdateExpression", "ConditionExpression", "ExpressionAttributeNames",
                               "ExpressionAttributeValues", "Expected", "ConditionalOperator", "AttributeUpdates"});
    const std::string name = params.requiredString("TableName");
    checkTableName(name);
    const std::string returnValues = updateReturnValues(params);
    Consumption used(capacityMode(params), true);
    const bool metrics = wantsCollectionMetrics(params);
    const auto key = params.requiredAttributeMap("Key");
    auto expressions = expressionContext(params);
    expr::UpdateExpression update;
    const auto legacy = attributeUpdates(params);
    if (const auto text = params.string("UpdateExpression"))
        update = expr::parseUpdate(*text, expressions);
    else if (legacy)
        update = *legacy;
    const auto condition = conditionOf(params, expressions);
    expressions.checkAllUsed();
    const auto table = context.tables.get(name).table;
    const auto &schema = table->keySchema();
    refuseKeyUpdates(update, schema);
    expr::Projection updated;
    for (const auto &action : update.actions)
        updated.paths.push_back(action.path);

    std::optional<dynamodb::AttributeMap> old;
    dynamodb::AttributeMap fresh;
    table->locked([&] {
        old = table->get(key);
        requireCondition(condition, old ? &*old : nullptr, params);
        try {
            fresh = updatedItem(update, old ? &*old : nullptr, schema, key);
        } catch (const dynamodb::ValidationError &e) {
            if (legacy)
                throw legacyUpdateError(e);
            throw;
        }
        table->validate(fresh);
        table->put(fresh);
    });

    std::string body = "{}";
    if (returnValues == "ALL_OLD" && old)
        body = "{\"Attributes\":" + dynamodb::itemJson(*old) + "}";
    else if (returnValues == "ALL_NEW")
        body = "{\"Attributes\":" + dynamodb::itemJson(fresh) + "}";
    else if (returnValues == "UPDATED_OLD" && old) {
        const auto part = expr::project(updated, *old);
        if (!part.empty())
            body = "{\"Attributes\":" + dynamodb::itemJson(part) + "}";
    } else if (returnValues == "UPDATED_NEW") {
        const auto part = expr::project(updated, fresh);
        if (!part.empty())
            body = "{\"Attributes\":" + dynamodb::itemJson(part) + "}";
    }
    used.addWrite(*table, old ? &*old : nullptr, &fresh);
    return withCapacity(withCapacity(std::move(body), used.member()), collectionMetricsMember(metrics, *table, key));
}

} // namespace orderlab::aws
