#pragma once

#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/key_condition.h"
#include "request_params.h"

#include <optional>
#include <string_view>

/// DynamoDB's legacy conditional parameters, translated to the expression language's parsed forms so that
/// one evaluator serves both (docs/dynamodb-legacy-parameters.md). Every refusal is a ValidationException
/// with DynamoDB's text; a member of the wrong JSON type is a SerializationException.
namespace orderlab::aws {

/**
 * `Expected` (Exists/Value or ComparisonOperator + AttributeValueList/Value per attribute), joined by
 * `ConditionalOperator` (AND when absent), as a Condition; nullopt when the request has no Expected
 * or it is empty.
 * @throws ApiError ("One or more parameter values were invalid: Value must be provided when Exists is
 *         null for Attribute: a", "... Invalid number of argument(s) for the EQ ComparisonOperator", ...),
 *         dynamodb::ValidationError for a malformed attribute value.
 */
std::optional<dynamodb::expr::Condition> expectedCondition(const Params &params);

/**
 * `QueryFilter` or `ScanFilter` (`member`), joined by `ConditionalOperator`, as a filter Condition;
 * nullopt when absent or empty. QueryFilter may not name a key attribute of `keys` ("QueryFilter can
 * only contain non-primary key attributes: Primary key attribute: pk"); pass nullptr for ScanFilter.
 * @throws ApiError, dynamodb::ValidationError.
 */
std::optional<dynamodb::expr::Condition> filterCondition(const Params &params, std::string_view member,
                                                         const dynamodb::expr::KeySchema *keys);

/**
 * Query's `KeyConditions` on `schema` as a KeyCondition: EQ on the hash key, optionally one of EQ, LE,
 * LT, GE, GT, BEGINS_WITH, BETWEEN on the range key.
 * @throws ApiError ("Conditions can be of length 1 or 2 only", "Query condition missed key schema
 *         element: pk", "Attempted conditional constraint is not an indexable operation", "Query key
 *         condition not supported", "One or more parameter values were invalid: Condition parameter type
 *         does not match schema type", and the argument checks of every condition).
 */
dynamodb::expr::KeyCondition keyConditions(const Params &params, const dynamodb::expr::KeySchema &schema);

} // namespace orderlab::aws
