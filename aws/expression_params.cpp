// Reading a request's expression members (docs/dynamodb-api.md, "Expressions").
#include "expression_params.h"

#include "legacy_conditions.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

expr::ExpressionContext expressionContext(const Params &params)
{
    expr::ExpressionContext::Names names;
    expr::ExpressionContext::Values values;
    if (const auto given = params.object("ExpressionAttributeNames")) {
        const auto keys = given->names();
        if (keys.empty())
            throw validation("ExpressionAttributeNames must not be empty");
        for (const auto &key : keys)
            names[key] = given->requiredString(key);
    }
    if (params.has("ExpressionAttributeValues")) {
        const auto given = params.attributeMap("ExpressionAttributeValues");
        if (!given || given->empty())
            throw validation("ExpressionAttributeValues must not be empty");
        for (const auto &[key, value] : *given)
            values.emplace(key, value);
    }
    return expr::ExpressionContext(std::move(names), std::move(values));
}

std::optional<expr::Condition> conditionOf(const Params &params, expr::ExpressionContext &context)
{
    const auto text = params.string("ConditionExpression");
    if (!text)
        return expectedCondition(params);
    return expr::parseCondition(*text, context, expr::ExpressionKind::Condition);
}

bool conditionHolds(const std::optional<expr::Condition> &condition, const dynamodb::AttributeMap *item,
                    const Params &params)
{
    const std::string mode = params.string("ReturnValuesOnConditionCheckFailure").value_or("NONE");
    if (mode != "NONE" && mode != "ALL_OLD")
        throw validation("1 validation error detected: Value '" + mode +
                         "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
                         "satisfy enum value set: [ALL_OLD, NONE]");
    return !condition || expr::evaluate(*condition, item);
}

void requireCondition(const std::optional<expr::Condition> &condition, const dynamodb::AttributeMap *item,
                      const Params &params)
{
    if (conditionHolds(condition, item, params))
        return;
    std::string extra;
    if (params.string("ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD" && item)
        extra = "\"Item\":" + dynamodb::itemJson(*item);
    throw ApiError(400, "ConditionalCheckFailedException", "The conditional request failed", extra);
}

void refuseKeyUpdates(const expr::UpdateExpression &update, const dynamodb::KeySchema &schema)
{
    for (const auto &attribute : update.topLevelAttributes()) {
        if (attribute == schema.hash.name || (schema.range && attribute == schema.range->name))
            throw validation("One or more parameter values were invalid: Cannot update attribute " + attribute +
                             ". This attribute is part of the key");
    }
}

dynamodb::AttributeMap updatedItem(const expr::UpdateExpression &update, const dynamodb::AttributeMap *old,
                                   const dynamodb::KeySchema &schema, const dynamodb::AttributeMap &key)
{
    dynamodb::AttributeMap fresh = expr::applyUpdate(update, old);
    if (old)
        return fresh;
    dynamodb::AttributeMap withKey = dynamodb::keyAttributes(schema, key);
    withKey.insert(withKey.end(), fresh.begin(), fresh.end());
    return withKey;
}

} // namespace orderlab::aws
