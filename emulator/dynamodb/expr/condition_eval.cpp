// evaluate and operandValue: a parsed condition against an item (docs/dynamodb-expressions.md, "Evaluation").
#include "condition.h"

#include "key_order.h"

#include <algorithm>

namespace orderlab::dynamodb::expr {

namespace {

using Type = AttributeValue::Type;

bool isOrderable(Type type)
{
    return type == Type::S || type == Type::N || type == Type::B;
}

/// Ordering comparisons: both present, of one type among S, N, B.
bool compareHolds(std::string_view op, const std::optional<AttributeValue> &a, const std::optional<AttributeValue> &b)
{
    if (op == "=")
        return a && b && *a == *b;
    if (op == "<>")
        return !(a && b && *a == *b);
    if (!a || !b || a->type() != b->type() || !isOrderable(a->type()))
        return false;
    const int c = compareKeyValues(*a, *b);
    if (op == "<")
        return c < 0;
    if (op == "<=")
        return c <= 0;
    if (op == ">")
        return c > 0;
    return c >= 0;
}

bool setContains(const AttributeValue &set, const AttributeValue &element)
{
    const std::vector<std::string> &items = set.set();
    return std::find(items.begin(), items.end(), element.text()) != items.end();
}

bool containsHolds(const AttributeValue &container, const AttributeValue &operand)
{
    switch (container.type()) {
    case Type::S:
    case Type::B:
        return operand.type() == container.type() && container.text().find(operand.text()) != std::string::npos;
    case Type::SS:
        return operand.type() == Type::S && setContains(container, operand);
    case Type::NS:
        return operand.type() == Type::N && setContains(container, operand);
    case Type::BS:
        return operand.type() == Type::B && setContains(container, operand);
    case Type::L:
        return std::find(container.list().begin(), container.list().end(), operand) != container.list().end();
    default:
        break;
    }
    return false;
}

bool functionHolds(const Condition &condition, const AttributeMap *item)
{
    const std::string &name = condition.op;
    if (condition.operands.empty())
        return false;
    if (name == "attribute_exists")
        return operandValue(condition.operands[0], item).has_value();
    if (name == "attribute_not_exists")
        return !operandValue(condition.operands[0], item).has_value();
    if (condition.operands.size() != 2)
        return false;
    const auto a = operandValue(condition.operands[0], item);
    const auto b = operandValue(condition.operands[1], item);
    if (!a || !b)
        return false;
    if (name == "attribute_type")
        return b->type() == Type::S && typeName(a->type()) == b->text();
    if (name == "begins_with")
        return (a->type() == Type::S || a->type() == Type::B) && b->type() == a->type() &&
               a->text().compare(0, b->text().size(), b->text()) == 0;
    if (name == "contains")
        return containsHolds(*a, *b);
    return false;
}

} // namespace

std::optional<AttributeValue> operandValue(const Operand &operand, const AttributeMap *item)
{
    switch (operand.kind) {
    case Operand::Kind::Path:
        if (const AttributeValue *value = resolvePath(item, operand.path))
            return *value;
        return std::nullopt;
    case Operand::Kind::Value:
        return operand.value;
    case Operand::Kind::Call: {
        if (operand.name != "size" || operand.args.size() != 1)
            return std::nullopt;
        const auto value = operandValue(operand.args[0], item);
        if (!value)
            return std::nullopt;
        std::size_t size = 0;
        switch (value->type()) {
        case Type::S:
        case Type::B:
            size = value->text().size();
            break;
        case Type::SS:
        case Type::NS:
        case Type::BS:
            size = value->set().size();
            break;
        case Type::L:
            size = value->list().size();
            break;
        case Type::M:
            size = value->map().size();
            break;
        default:
            return std::nullopt;
        }
        return AttributeValue::number(std::to_string(size));
    }
    case Operand::Kind::Plus:
    case Operand::Kind::Minus:
        break;
    }
    return std::nullopt;
}

bool evaluate(const Condition &condition, const AttributeMap *item)
{
    // A hand-built condition with too few operands is false, never out of bounds.
    static constexpr std::size_t kOperands[] = {2, 3, 1, 0, 0, 0, 0};
    if (condition.operands.size() < kOperands[static_cast<int>(condition.kind)] ||
        (condition.kind == Condition::Kind::Not && condition.children.size() != 1))
        return false;
    switch (condition.kind) {
    case Condition::Kind::Compare:
        return compareHolds(condition.op, operandValue(condition.operands[0], item),
                            operandValue(condition.operands[1], item));
    case Condition::Kind::Between: {
        const auto value = operandValue(condition.operands[0], item);
        const auto low = operandValue(condition.operands[1], item);
        const auto high = operandValue(condition.operands[2], item);
        return compareHolds(">=", value, low) && compareHolds("<=", value, high);
    }
    case Condition::Kind::In: {
        const auto value = operandValue(condition.operands[0], item);
        for (std::size_t i = 1; value && i < condition.operands.size(); ++i) {
            if (compareHolds("=", value, operandValue(condition.operands[i], item)))
                return true;
        }
        return false;
    }
    case Condition::Kind::Function:
        return functionHolds(condition, item);
    case Condition::Kind::And:
        return std::all_of(condition.children.begin(), condition.children.end(),
                           [item](const Condition &child) { return evaluate(child, item); });
    case Condition::Kind::Or:
        return std::any_of(condition.children.begin(), condition.children.end(),
                           [item](const Condition &child) { return evaluate(child, item); });
    case Condition::Kind::Not:
        return !evaluate(condition.children[0], item);
    }
    return false;
}

} // namespace orderlab::dynamodb::expr
