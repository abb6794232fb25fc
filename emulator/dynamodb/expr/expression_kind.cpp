#include "expression_kind.h"

namespace orderlab::dynamodb::expr {

std::string_view kindName(ExpressionKind kind)
{
    switch (kind) {
    case ExpressionKind::Condition:
        return "ConditionExpression";
    case ExpressionKind::Filter:
        return "FilterExpression";
    case ExpressionKind::KeyCondition:
        return "KeyConditionExpression";
    case ExpressionKind::Update:
        return "UpdateExpression";
    case ExpressionKind::Projection:
        break;
    }
    return "ProjectionExpression";
}

ValidationError invalidExpression(ExpressionKind kind, std::string_view detail)
{
    std::string message = "Invalid ";
    message.append(kindName(kind)).append(": ").append(detail);
    return ValidationError(message);
}

void checkExpressionSize(ExpressionKind kind, std::string_view text)
{
    if (text.empty())
        throw invalidExpression(kind, "The expression can not be empty;");
    if (text.size() > kMaxExpressionBytes)
        throw invalidExpression(kind, "Expression size has exceeded the maximum allowed size; expression size: " +
                                          std::to_string(text.size()));
}

void Problems::add(Category category, std::string detail)
{
    // Conditions report an undefined name or value in the order they appear, as one category.
    if (category == UndefinedValue && m_kind != ExpressionKind::Update)
        category = UndefinedName;
    if (!m_first[category])
        m_first[category] = std::move(detail);
}

void Problems::throwFirst() const
{
    using Order = std::array<Category, Count>;
    // DynamoDB's precedence among problems of different categories (observed; see docs/dynamodb-expressions.md).
    static constexpr Order kConditionOrder = {Parens,        UnknownFunction, MisusedFunction, Reserved,
                                              UndefinedName, UndefinedValue,  Operands,        Distinct,
                                              Function,      Section,         Overlap,         Conflict};
    static constexpr Order kUpdateOrder = {Reserved,      UnknownFunction, MisusedFunction, Section,
                                           UndefinedName, UndefinedValue,  Overlap,         Conflict,
                                           Operands,      Function,        Parens,          Distinct};
    const Order &order = m_kind == ExpressionKind::Update ? kUpdateOrder : kConditionOrder;
    for (const Category category : order) {
        if (m_first[category])
            throw invalidExpression(m_kind, *m_first[category]);
    }
}

} // namespace orderlab::dynamodb::expr
