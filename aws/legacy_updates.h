#pragma once

#include "dynamodb/expr/update.h"
#include "request_params.h"

#include <optional>

namespace orderlab::aws {

/**
 * UpdateItem's legacy `AttributeUpdates` as the UpdateExpression it stands for
 * (docs/dynamodb-legacy-parameters.md, "AttributeUpdates"): PUT (the default Action) is `SET a = v`,
 * DELETE without a value `REMOVE a`, DELETE with a set `DELETE a v`, ADD of a number or a set `ADD a v`,
 * ADD of a list `SET a = list_append(if_not_exists(a, []), v)`. nullopt when the request has none.
 * @throws ApiError with DynamoDB's texts ("One or more parameter values were invalid: Only DELETE action
 *         is allowed when no attribute value is specified", "... ADD action is not supported for the type S",
 *         "... DELETE action with value is not supported for the type S", the Action enum),
 *         dynamodb::ValidationError for a malformed value.
 */
std::optional<dynamodb::expr::UpdateExpression> attributeUpdates(const Params &params);

/// The error of applying an update made by attributeUpdates(): DynamoDB's "Type mismatch for attribute to
/// update" where the expression's text is "An operand in the update expression has an incorrect data type";
/// `error` itself otherwise.
dynamodb::ValidationError legacyUpdateError(const dynamodb::ValidationError &error);

} // namespace orderlab::aws
