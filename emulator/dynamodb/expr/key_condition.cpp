#include "key_condition.h"

#include "condition.h"
#include "key_order.h"

#include <vector>

namespace orderlab::dynamodb::expr {

namespace {

using RangeOp = KeyCondition::RangeOp;

const std::string kInvalidCondition = "Invalid condition in KeyConditionExpression: ";

/// One condition on one key attribute.
struct Leaf
{
    std::string name;
    RangeOp op = RangeOp::None;
    AttributeValue low;
    AttributeValue high;
};

RangeOp comparator(std::string_view op, bool flipped)
{
    if (op == "=")
        return RangeOp::Equal;
    if (op == "<")
        return flipped ? RangeOp::Greater : RangeOp::Less;
    if (op == "<=")
        return flipped ? RangeOp::GreaterOrEqual : RangeOp::LessOrEqual;
    if (op == ">")
        return flipped ? RangeOp::Less : RangeOp::Greater;
    return flipped ? RangeOp::LessOrEqual : RangeOp::GreaterOrEqual;
}

bool isPath(const Operand &operand)
{
    return operand.kind == Operand::Kind::Path;
}

bool isNested(const Operand &operand)
{
    return isPath(operand) && operand.path.size() > 1;
}

[[noreturn]] void refuse(const std::string &message)
{
    throw ValidationError(message);
}

/// The key conditions of `condition`, in the order written; refuses every other operator.
void collect(const Condition &condition, std::vector<Leaf> &leaves)
{
    switch (condition.kind) {
    case Condition::Kind::And:
        for (const Condition &child : condition.children)
            collect(child, leaves);
        return;
    case Condition::Kind::Or:
        refuse("Invalid operator used in KeyConditionExpression: OR");
    case Condition::Kind::Not:
        refuse("Invalid operator used in KeyConditionExpression: NOT");
    case Condition::Kind::In:
        refuse("Invalid operator used in KeyConditionExpression: IN");
    case Condition::Kind::Function:
        if (condition.op != "begins_with")
            refuse("Invalid operator used in KeyConditionExpression: " + condition.op);
        break;
    case Condition::Kind::Compare:
        if (condition.op == "<>")
            refuse("Invalid operator used in KeyConditionExpression: <>");
        break;
    case Condition::Kind::Between:
        break;
    }
    const std::vector<Operand> &operands = condition.operands;
    Leaf leaf;
    if (condition.kind == Condition::Kind::Compare) {
        const Operand &left = operands[0];
        const Operand &right = operands[1];
        if (left.kind == Operand::Kind::Call || right.kind == Operand::Kind::Call)
            refuse("KeyConditionExpressions cannot contain nested operations");
        if (isNested(left))
            refuse("KeyConditionExpressions cannot have conditions on nested attributes");
        if (isPath(left) && isPath(right))
            refuse(kInvalidCondition + "Multiple attribute names used in one condition");
        if (!isPath(left) && !isPath(right))
            refuse(kInvalidCondition + "No key attribute specified");
        if (isNested(right))
            refuse("KeyConditionExpressions cannot have conditions on nested attributes");
        const bool flipped = isPath(right);
        leaf.name = (flipped ? right : left).path.front().name;
        leaf.op = comparator(condition.op, flipped);
        leaf.low = (flipped ? left : right).value;
    } else {
        const std::string op = condition.kind == Condition::Kind::Between ? "BETWEEN" : "begins_with";
        if (!isPath(operands[0]))
            refuse(kInvalidCondition + op + " operator must have the key attribute as its first operand");
        if (isNested(operands[0]))
            refuse("KeyConditionExpressions cannot have conditions on nested attributes");
        for (std::size_t i = 1; i < operands.size(); ++i) {
            if (operands[i].kind == Operand::Kind::Call)
                refuse("KeyConditionExpressions cannot contain nested operations");
            if (isPath(operands[i]))
                refuse(kInvalidCondition + "Multiple attribute names used in one condition");
        }
        leaf.name = operands[0].path.front().name;
        leaf.op = condition.kind == Condition::Kind::Between ? RangeOp::Between : RangeOp::BeginsWith;
        leaf.low = operands[1].value;
        if (operands.size() > 2)
            leaf.high = operands[2].value;
    }
    leaves.push_back(std::move(leaf));
}

void checkType(const AttributeValue &value, const std::optional<AttributeValue::Type> &type)
{
    if (type && value.type() != *type)
        refuse("One or more parameter values were invalid: Condition parameter type does not match schema type");
}

} // namespace

KeyCondition parseKeyCondition(std::string_view text, ExpressionContext &context, const KeySchema &schema)
{
    const Condition condition = parseCondition(text, context, ExpressionKind::KeyCondition);
    std::vector<Leaf> leaves;
    collect(condition, leaves);
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (leaves[i].name == leaves[j].name)
                refuse("KeyConditionExpressions must only contain one condition per key");
        }
    }
    KeyCondition result;
    const Leaf *hash = nullptr;
    const Leaf *range = nullptr;
    for (const Leaf &leaf : leaves) {
        if (leaf.name == schema.hashName)
            hash = &leaf;
        else if (!schema.rangeName.empty() && leaf.name == schema.rangeName)
            range = &leaf;
    }
    if (!hash)
        refuse("Query condition missed key schema element: " + schema.hashName);
    if (hash->op != RangeOp::Equal)
        refuse("Query key condition not supported");
    for (const Leaf &leaf : leaves) {
        if (&leaf != hash && &leaf != range) {
            if (schema.rangeName.empty())
                refuse("Query key condition not supported");
            refuse("Query condition missed key schema element: " + schema.rangeName);
        }
    }
    checkType(hash->low, schema.hashType);
    result.hashName = hash->name;
    result.hashValue = hash->low;
    if (range) {
        checkType(range->low, schema.rangeType);
        if (range->op == RangeOp::Between)
            checkType(range->high, schema.rangeType);
        result.rangeName = range->name;
        result.rangeOp = range->op;
        result.low = range->low;
        result.high = range->high;
    }
    return result;
}

bool KeyCondition::rangeMatches(const AttributeValue *value) const
{
    if (rangeOp == RangeOp::None)
        return true;
    if (!value || value->type() != low.type())
        return false;
    const int c = compareKeyValues(*value, low);
    switch (rangeOp) {
    case RangeOp::None:
        return true;
    case RangeOp::Equal:
        return c == 0;
    case RangeOp::Less:
        return c < 0;
    case RangeOp::LessOrEqual:
        return c <= 0;
    case RangeOp::Greater:
        return c > 0;
    case RangeOp::GreaterOrEqual:
        return c >= 0;
    case RangeOp::Between:
        return c >= 0 && value->type() == high.type() && compareKeyValues(*value, high) <= 0;
    case RangeOp::BeginsWith:
        return (value->type() == AttributeValue::Type::S || value->type() == AttributeValue::Type::B) &&
               value->text().compare(0, low.text().size(), low.text()) == 0;
    }
    return false;
}

bool KeyCondition::matches(const AttributeMap &item) const
{
    const AttributeValue *hash = find(item, hashName);
    if (!hash || !(*hash == hashValue))
        return false;
    return rangeMatches(rangeName.empty() ? nullptr : find(item, rangeName));
}

} // namespace orderlab::dynamodb::expr
