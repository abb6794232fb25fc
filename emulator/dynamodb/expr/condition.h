#pragma once

#include "expression_context.h"
#include "expression_kind.h"
#include "operand.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// DynamoDB's expression language (`docs/dynamodb-expressions.md`): conditions, updates, projections,
/// key conditions, over the attribute values of attribute_value.h. Pure functions and value types; the
/// parse functions record placeholder use in the ExpressionContext they are given.
namespace orderlab::dynamodb::expr {

/// A parsed ConditionExpression or FilterExpression (also the first stage of a KeyConditionExpression).
struct Condition
{
    enum class Kind {
        Compare,  ///< operands[0] `op` operands[1]; op is one of = <> < <= > >=
        Between,  ///< operands[0] BETWEEN operands[1] AND operands[2]
        In,       ///< operands[0] IN (operands[1], …)
        Function, ///< op(operands…): attribute_exists, attribute_not_exists, attribute_type, begins_with, contains
        And,      ///< all children (two or more)
        Or,       ///< any child (two or more)
        Not       ///< not children[0]
    };
    Kind kind = Kind::Compare;
    std::string op;
    std::vector<Operand> operands;
    std::vector<Condition> children;
};

/**
 * Parses `text` as a condition of `kind` (Condition, Filter or KeyCondition), resolving placeholders
 * through `context` and marking them used.
 * @throws ValidationError with DynamoDB's message: "Invalid ConditionExpression: Syntax error; token: …",
 *         "… Attribute name is a reserved keyword; reserved keyword: …", "… Invalid function name; …",
 *         undefined placeholders, operand counts and types, redundant parentheses, too long, empty.
 */
Condition parseCondition(std::string_view text, ExpressionContext &context,
                         ExpressionKind kind = ExpressionKind::Condition);

/// Whether `item` (nullptr: no item) satisfies `condition`. Never throws: an absent attribute or
/// mismatched types make a comparison false (and `<>` true), as in DynamoDB.
bool evaluate(const Condition &condition, const AttributeMap *item);

/// The value an operand of a condition stands for in `item`, or nullopt when it has none (absent
/// path, size() of an absent attribute or of a type without a size). For Path, Value and Call operands.
std::optional<AttributeValue> operandValue(const Operand &operand, const AttributeMap *item);

} // namespace orderlab::dynamodb::expr
