// The ComparisonOperator conditions of the legacy parameters (docs/dynamodb-legacy-parameters.md).
#include "legacy_comparisons.h"

#include "dynamodb/expr/key_order.h"
#include "js/value.h"

#include <algorithm>
#include <array>

namespace orderlab::aws {

namespace {

using Type = dynamodb::AttributeValue::Type;

/// DynamoDB's enum, in the order its validation message lists it.
constexpr std::array<std::string_view, 13> kOperators = {
    "IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"};

bool countFits(const std::string &op, std::size_t n)
{
    if (op == "NULL" || op == "NOT_NULL")
        return n == 0;
    if (op == "IN")
        return n >= 1;
    if (op == "BETWEEN")
        return n == 2;
    return n == 1;
}

/// EQ and NE compare any type; BEGINS_WITH takes S and B; every other operator S, N and B.
bool typeFits(const std::string &op, Type type)
{
    if (op == "EQ" || op == "NE")
        return true;
    if (op == "BEGINS_WITH")
        return type == Type::S || type == Type::B;
    return type == Type::S || type == Type::N || type == Type::B;
}

} // namespace

std::optional<std::string> comparisonOperator(const Params &condition, const std::string &where, bool required)
{
    const auto op = condition.string("ComparisonOperator");
    const std::string path = where + ".member.comparisonOperator";
    if (!op) {
        if (required)
            throw validation("1 validation error detected: Value null at '" + path +
                             "' failed to satisfy constraint: Member must not be null");
        return std::nullopt;
    }
    if (std::find(kOperators.begin(), kOperators.end(), *op) == kOperators.end()) {
        std::string set;
        for (const auto name : kOperators)
            set += (set.empty() ? "" : ", ") + std::string(name);
        throw validation("1 validation error detected: Value '" + *op + "' at '" + path +
                         "' failed to satisfy constraint: Member must satisfy enum value set: [" + set + "]");
    }
    return op;
}

std::vector<dynamodb::AttributeValue> attributeValueList(const Params &condition)
{
    std::vector<dynamodb::AttributeValue> values;
    for (const js::Value &value : condition.array("AttributeValueList"))
        values.push_back(dynamodb::parseAttributeValue(value));
    return values;
}

void checkArguments(const std::string &op, const std::vector<dynamodb::AttributeValue> &values)
{
    const std::string invalid(kInvalidParameters);
    if (!countFits(op, values.size()))
        throw validation(invalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    for (const auto &value : values) {
        if (value.type() != values.front().type())
            throw validation(invalid + "AttributeValues inside AttributeValueList must be of same type");
    }
    for (const auto &value : values) {
        if (!typeFits(op, value.type()))
            throw validation(invalid + "ComparisonOperator " + op + " is not valid for " +
                             std::string(dynamodb::typeName(value.type())) + " AttributeValue type");
    }
    if (op == "BETWEEN" && dynamodb::expr::compareKeyValues(values[0], values[1]) > 0)
        throw validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper "
                         "bound");
}

std::vector<LegacyComparison> readComparisons(const Params &params, std::string_view member)
{
    std::vector<LegacyComparison> out;
    const auto conditions = params.object(member);
    if (!conditions)
        return out;
    for (const std::string &attribute : conditions->names()) {
        const auto condition = conditions->object(attribute);
        if (!condition)
            continue; // a JSON null: no condition
        LegacyComparison c;
        c.attribute = attribute;
        c.op = *comparisonOperator(*condition, memberPath(member) + "." + attribute, true);
        c.values = attributeValueList(*condition);
        checkArguments(c.op, c.values);
        out.push_back(std::move(c));
    }
    return out;
}

std::string conditionalOperator(const Params &params)
{
    const std::string op = params.string("ConditionalOperator").value_or("AND");
    if (op != "AND" && op != "OR")
        throw validation("1 validation error detected: Value '" + op +
                         "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value "
                         "set: [OR, AND]");
    return op;
}

} // namespace orderlab::aws
