#pragma once

#include "expression_context.h"

#include <optional>
#include <string>
#include <string_view>

namespace orderlab::dynamodb::expr {

/// The key of the table or index a Query reads: the hash key and the optional range key, with their
/// types when the caller knows them (S, N or B).
struct KeySchema
{
    std::string hashName;
    std::optional<AttributeValue::Type> hashType;
    std::string rangeName; ///< empty: no range key
    std::optional<AttributeValue::Type> rangeType;
};

/// A parsed KeyConditionExpression: the partition to read and the test on the range key.
struct KeyCondition
{
    enum class RangeOp { None, Equal, Less, LessOrEqual, Greater, GreaterOrEqual, Between, BeginsWith };

    std::string hashName;
    AttributeValue hashValue;
    std::string rangeName; ///< empty when rangeOp is None
    RangeOp rangeOp = RangeOp::None;
    AttributeValue low;  ///< the operand of every RangeOp but None; BETWEEN's lower bound
    AttributeValue high; ///< BETWEEN's upper bound

    /// Whether a range key value (nullptr: absent) passes the test; true for RangeOp::None.
    bool rangeMatches(const AttributeValue *value) const;
    /// Whether `item` has the hash value and a range value that passes.
    bool matches(const AttributeMap &item) const;
};

/**
 * Parses `text` as a KeyConditionExpression on `schema`: `hk = :v` and optionally `AND` one range
 * condition (`= < <= > >=`, `BETWEEN :a AND :b`, `begins_with(rk, :p)`); either order, parentheses allowed.
 * @throws ValidationError with DynamoDB's messages: the condition grammar's ("Invalid
 *         KeyConditionExpression: …"), "Invalid operator used in KeyConditionExpression: OR",
 *         "Query condition missed key schema element: pk", "Query key condition not supported",
 *         "KeyConditionExpressions must only contain one condition per key", "KeyConditionExpressions
 *         cannot have conditions on nested attributes", "Invalid condition in KeyConditionExpression: …",
 *         "One or more parameter values were invalid: Condition parameter type does not match schema type".
 */
KeyCondition parseKeyCondition(std::string_view text, ExpressionContext &context, const KeySchema &schema);

} // namespace orderlab::dynamodb::expr
