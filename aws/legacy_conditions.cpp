// Expected, QueryFilter and ScanFilter as conditions of the expression language
// (docs/dynamodb-legacy-parameters.md, "Conditions").
#include "legacy_conditions.h"

#include "legacy_comparisons.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

expr::Operand pathOperand(const std::string &attribute)
{
    expr::Operand operand;
    operand.kind = expr::Operand::Kind::Path;
    expr::PathElement element;
    element.name = attribute; // a legacy condition names a top-level attribute, dots and all
    operand.path.push_back(std::move(element));
    return operand;
}

expr::Operand valueOperand(const dynamodb::AttributeValue &value)
{
    expr::Operand operand;
    operand.kind = expr::Operand::Kind::Value;
    operand.value = value;
    return operand;
}

/// The condition a ComparisonOperator stands for, as its expression would be written: EQ `a = v`,
/// NULL `attribute_not_exists(a)`, NOT_CONTAINS `NOT contains(a, v)`, IN `a IN (v, ...)`, and so on.
expr::Condition translate(const LegacyComparison &c)
{
    static const std::pair<const char *, const char *> kCompare[] = {{"EQ", "="},  {"NE", "<>"}, {"LT", "<"},
                                                                     {"LE", "<="}, {"GT", ">"},  {"GE", ">="}};
    static const std::pair<const char *, const char *> kFunction[] = {{"NULL", "attribute_not_exists"},
                                                                      {"NOT_NULL", "attribute_exists"},
                                                                      {"CONTAINS", "contains"},
                                                                      {"NOT_CONTAINS", "contains"},
                                                                      {"BEGINS_WITH", "begins_with"}};
    expr::Condition out;
    out.operands.push_back(pathOperand(c.attribute));
    for (const auto &value : c.values)
        out.operands.push_back(valueOperand(value));
    for (const auto &[op, symbol] : kCompare) {
        if (c.op == op) {
            out.kind = expr::Condition::Kind::Compare;
            out.op = symbol;
            return out;
        }
    }
    for (const auto &[op, name] : kFunction) {
        if (c.op == op) {
            out.kind = expr::Condition::Kind::Function;
            out.op = name;
        }
    }
    if (c.op == "NOT_CONTAINS") {
        expr::Condition negation;
        negation.kind = expr::Condition::Kind::Not;
        negation.children.push_back(std::move(out));
        return negation;
    }
    if (c.op == "IN")
        out.kind = expr::Condition::Kind::In;
    else if (c.op == "BETWEEN")
        out.kind = expr::Condition::Kind::Between;
    return out;
}

std::optional<expr::Condition> join(std::vector<expr::Condition> conditions, const std::string &conditionalOperator)
{
    if (conditions.empty())
        return std::nullopt;
    if (conditions.size() == 1)
        return std::move(conditions.front());
    expr::Condition out;
    out.kind = conditionalOperator == "OR" ? expr::Condition::Kind::Or : expr::Condition::Kind::And;
    out.children = std::move(conditions);
    return out;
}

/// One attribute's ExpectedAttributeValue, with DynamoDB's checks in its order.
LegacyComparison expectedComparison(const std::string &attribute, const Params &condition)
{
    const std::string invalid(kInvalidParameters);
    const std::string forAttribute = " for Attribute: " + attribute;
    const bool hasList = condition.has("AttributeValueList");
    const bool hasValue = condition.has("Value");
    if (hasList && hasValue)
        throw validation(invalid + "Value and AttributeValueList cannot be used together" + forAttribute);
    LegacyComparison c;
    c.attribute = attribute;
    if (hasValue)
        c.values.push_back(dynamodb::parseAttributeValue(*condition.find("Value")));
    if (const auto op = comparisonOperator(condition, "expected." + attribute, false)) {
        if (condition.has("Exists"))
            throw validation(invalid + "Exists and ComparisonOperator cannot be used together" + forAttribute);
        if (*op != "NULL" && *op != "NOT_NULL" && !hasList && !hasValue)
            throw validation(invalid + "Value or AttributeValueList must be used with ComparisonOperator: " + *op +
                             forAttribute);
        if (hasList)
            c.values = attributeValueList(condition);
        c.op = *op;
        checkArguments(c.op, c.values);
        return c;
    }
    if (hasList)
        throw validation(invalid + "AttributeValueList can only be used with a ComparisonOperator" + forAttribute);
    const auto exists = condition.boolean("Exists");
    if (exists.value_or(true) && !hasValue)
        throw validation(invalid + "Value must be provided when Exists is " + (exists ? "true" : "null") +
                         forAttribute);
    if (!exists.value_or(true) && hasValue)
        throw validation(invalid + "Value cannot be used when Exists is false" + forAttribute);
    c.op = hasValue ? "EQ" : "NULL";
    return c;
}

} // namespace

std::optional<expr::Condition> expectedCondition(const Params &params)
{
    const auto expected = params.object("Expected");
    if (!expected)
        return std::nullopt;
    const std::string joiner = conditionalOperator(params);
    std::vector<expr::Condition> conditions;
    for (const std::string &attribute : expected->names()) {
        if (const auto condition = expected->object(attribute))
            conditions.push_back(translate(expectedComparison(attribute, *condition)));
    }
    return join(std::move(conditions), joiner);
}

std::optional<expr::Condition> filterCondition(const Params &params, std::string_view member,
                                               const expr::KeySchema *keys)
{
    const std::vector<LegacyComparison> comparisons = readComparisons(params, member);
    const std::string joiner = conditionalOperator(params);
    std::vector<expr::Condition> conditions;
    for (const LegacyComparison &c : comparisons) {
        if (keys && (c.attribute == keys->hashName || (!keys->rangeName.empty() && c.attribute == keys->rangeName)))
            throw validation(std::string(member) +
                             " can only contain non-primary key attributes: Primary key attribute: " + c.attribute);
        conditions.push_back(translate(c));
    }
    return join(std::move(conditions), joiner);
}

} // namespace orderlab::aws
