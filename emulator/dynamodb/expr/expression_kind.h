#pragma once

#include "dynamodb/attribute_value.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace orderlab::dynamodb::expr {

/// Which request parameter an expression came from; it names the expression in every message.
enum class ExpressionKind { Condition, Filter, KeyCondition, Update, Projection };

/// "ConditionExpression", "FilterExpression", "KeyConditionExpression", "UpdateExpression", "ProjectionExpression".
std::string_view kindName(ExpressionKind kind);

/// ValidationError "Invalid <Kind>Expression: <detail>", DynamoDB's form for an expression it refuses.
ValidationError invalidExpression(ExpressionKind kind, std::string_view detail);

/// Longest expression DynamoDB accepts, in UTF-8 bytes.
inline constexpr std::size_t kMaxExpressionBytes = 4096;
/// Deepest nesting of parentheses, NOT and function calls the parsers accept (orderlab's bound; it keeps
/// every recursion over a parsed expression shallow).
inline constexpr int kMaxExpressionDepth = 100;
/// Most operands on the right of IN.
inline constexpr std::size_t kMaxInOperands = 100;

/// Refuses an empty expression or one over kMaxExpressionBytes with DynamoDB's messages.
void checkExpressionSize(ExpressionKind kind, std::string_view text);

/**
 * The semantic problems found while parsing one expression. DynamoDB reports one problem per request,
 * chosen by category rather than by position, so the parsers note the first problem of each category
 * and throw the most important one once the whole expression parsed (syntax errors are thrown at once).
 */
class Problems
{
  public:
    enum Category {
        Parens,
        UnknownFunction,
        MisusedFunction,
        Reserved,
        Section,
        UndefinedName,
        UndefinedValue,
        Overlap,
        Conflict,
        Operands,
        Distinct,
        Function,
        Count
    };

    explicit Problems(ExpressionKind kind) : m_kind(kind) {}
    void add(Category category, std::string detail);
    bool has(Category category) const { return m_first[category].has_value(); }
    /// Throws invalidExpression for the most important problem noted, if any.
    void throwFirst() const;

  private:
    ExpressionKind m_kind;
    std::array<std::optional<std::string>, Count> m_first;
};

} // namespace orderlab::dynamodb::expr
