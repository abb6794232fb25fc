#pragma once

#include "request_params.h"

#include <initializer_list>
#include <string_view>

namespace orderlab::aws {

/**
 * The one place where request members that need DynamoDB's expression language (or its legacy
 * conditional parameters) are met: ConditionExpression, UpdateExpression, ProjectionExpression,
 * KeyConditionExpression, FilterExpression, ExpressionAttributeNames/Values, and Expected,
 * AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, ConditionalOperator. Until the
 * expression library is wired in, any of them present in `params` is refused with a
 * ValidationException naming it ("orderlab does not support ConditionExpression yet"), except the
 * members the operation names in `served` (those it reads itself, docs/dynamodb-api.md). First, a
 * request that mixes legacy parameters with expressions is refused with DynamoDB's text ("Can not use
 * both expression and non-expression parameters in the same request: ...").
 * docs/dynamodb-api.md, "Expressions".
 * @throws ApiError.
 */
void refuseExpressions(const Params &params, std::initializer_list<std::string_view> served = {});

} // namespace orderlab::aws
