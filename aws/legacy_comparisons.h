#pragma once

#include "dynamodb/attribute_value.h"
#include "request_params.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The ComparisonOperator conditions that Expected, QueryFilter, ScanFilter and KeyConditions share
/// (docs/dynamodb-legacy-parameters.md, "Comparison operators").
namespace orderlab::aws {

/// One attribute's condition: its ComparisonOperator (EQ, NE, ..., BETWEEN) and its arguments.
struct LegacyComparison
{
    std::string attribute;
    std::string op;
    std::vector<dynamodb::AttributeValue> values;
};

/// "One or more parameter values were invalid: ", DynamoDB's prefix of most legacy refusals.
inline constexpr std::string_view kInvalidParameters = "One or more parameter values were invalid: ";

/**
 * The ComparisonOperator of `condition`, checked against DynamoDB's set; `where` is the condition's
 * path in messages ("scanFilter.a"). nullopt when absent and not `required`.
 * @throws ApiError "1 validation error detected: Value null at 'scanFilter.a.member.comparisonOperator'
 *         failed to satisfy constraint: Member must not be null", or "... Member must satisfy enum value set:
 *         [IN, NULL, BETWEEN, ...]".
 */
std::optional<std::string> comparisonOperator(const Params &condition, const std::string &where, bool required);

/// The AttributeValueList of `condition` (empty when absent). @throws dynamodb::ValidationError, ApiError.
std::vector<dynamodb::AttributeValue> attributeValueList(const Params &condition);

/**
 * DynamoDB's checks of an operator's arguments, in its order: their number ("Invalid number of
 * argument(s) for the EQ ComparisonOperator"), one type for all ("AttributeValues inside
 * AttributeValueList must be of same type"), a type the operator takes ("ComparisonOperator LT is not
 * valid for BOOL AttributeValue type"), BETWEEN's order ("The BETWEEN condition was provided a range
 * where the lower bound is greater than the upper bound"). @throws ApiError.
 */
void checkArguments(const std::string &op, const std::vector<dynamodb::AttributeValue> &values);

/// Every condition of the map member `member` (QueryFilter, ScanFilter, KeyConditions), in request
/// order, each with a required operator and checked arguments. @throws ApiError, dynamodb::ValidationError.
std::vector<LegacyComparison> readComparisons(const Params &params, std::string_view member);

/// ConditionalOperator: "AND" (also when absent) or "OR". @throws ApiError for another value.
std::string conditionalOperator(const Params &params);

} // namespace orderlab::aws
