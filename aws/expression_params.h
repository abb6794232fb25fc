#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "request_params.h"

#include <optional>
#include <string>

namespace orderlab::aws {

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues as an expression context
 * (docs/dynamodb-api.md, "Expressions"). An empty map sent is refused with DynamoDB's text
 * ("ExpressionAttributeNames must not be empty"); so is a name that is not a string.
 * @throws ApiError, dynamodb::ValidationError (malformed placeholders).
 */
dynamodb::expr::ExpressionContext expressionContext(const Params &params);

/// The request's ConditionExpression parsed with `context`, or nullopt when absent. @throws ValidationError.
std::optional<dynamodb::expr::Condition> conditionOf(const Params &params, dynamodb::expr::ExpressionContext &context);

/**
 * Throws ConditionalCheckFailedException "The conditional request failed" unless `condition` (when set)
 * holds for `item` (nullptr: no item). With ReturnValuesOnConditionCheckFailure ALL_OLD and an item, the
 * error carries it as "Item".
 * @throws ApiError.
 */
void requireCondition(const std::optional<dynamodb::expr::Condition> &condition, const dynamodb::AttributeMap *item,
                      const Params &params);

} // namespace orderlab::aws
