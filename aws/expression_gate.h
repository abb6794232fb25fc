#pragma once

#include "request_params.h"

#include <initializer_list>
#include <string_view>

namespace orderlab::aws {

/**
 * The one place where request members that need DynamoDB's expression language (or its legacy
 * conditional parameters) are met: ConditionExpression, UpdateExpression, ProjectionExpression,
 * KeyConditionExpression, FilterExpression, ExpressionAttributeNames/Values, and Expected,
 * AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, ConditionalOperator. First, with DynamoDB's
 * texts: a request that mixes legacy parameters with expressions is refused ("Can not use both expression
 * and non-expression parameters in the same request: ..."; KeyConditions counts only beside
 * KeyConditionExpression), and so are placeholder maps without an expression of `served` to use them
 * ("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null").
 * Then any member present in `params` that the operation does not name in `served` (those it reads itself)
 * is refused with a ValidationException naming it ("orderlab does not support Expected yet").
 * docs/dynamodb-api.md, "Expressions"; docs/dynamodb-legacy-parameters.md.
 * @throws ApiError.
 */
void refuseExpressions(const Params &params, std::initializer_list<std::string_view> served = {});

} // namespace orderlab::aws
