#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/update.h"
#include "dynamodb/key_schema.h"
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

/// The request's ConditionExpression parsed with `context`, else its legacy Expected (legacy_conditions.h),
/// or nullopt when it has neither. @throws ApiError, ValidationError.
std::optional<dynamodb::expr::Condition> conditionOf(const Params &params, dynamodb::expr::ExpressionContext &context);

/**
 * Throws ConditionalCheckFailedException "The conditional request failed" unless `condition` (when set)
 * holds for `item` (nullptr: no item). With ReturnValuesOnConditionCheckFailure ALL_OLD and an item, the
 * error carries it as "Item".
 * @throws ApiError.
 */
void requireCondition(const std::optional<dynamodb::expr::Condition> &condition, const dynamodb::AttributeMap *item,
                      const Params &params);

/// Whether `condition` (when set) holds for `item` (nullptr: no item), checking
/// ReturnValuesOnConditionCheckFailure in `params` first. @throws ApiError for a bad mode.
bool conditionHolds(const std::optional<dynamodb::expr::Condition> &condition, const dynamodb::AttributeMap *item,
                    const Params &params);

/// UpdateItem's refusal of an update that writes a key attribute ("One or more parameter values were invalid:
/// Cannot update attribute pk. This attribute is part of the key"). @throws ApiError.
void refuseKeyUpdates(const dynamodb::expr::UpdateExpression &update, const dynamodb::KeySchema &schema);

/// The item `update` makes of `old` (nullptr: absent, then created from `key` first).
/// @throws dynamodb::ValidationError as applyUpdate does.
dynamodb::AttributeMap updatedItem(const dynamodb::expr::UpdateExpression &update, const dynamodb::AttributeMap *old,
                                   const dynamodb::KeySchema &schema, const dynamodb::AttributeMap &key);

} // namespace orderlab::aws
