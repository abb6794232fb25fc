// Query's KeyConditions as a KeyCondition (docs/dynamodb-legacy-parameters.md, "KeyConditions").
#include "legacy_comparisons.h"
#include "legacy_conditions.h"

#include <algorithm>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

using RangeOp = expr::KeyCondition::RangeOp;

RangeOp rangeOp(const std::string &op)
{
    if (op == "EQ")
        return RangeOp::Equal;
    if (op == "LT")
        return RangeOp::Less;
    if (op == "LE")
        return RangeOp::LessOrEqual;
    if (op == "GT")
        return RangeOp::Greater;
    if (op == "GE")
        return RangeOp::GreaterOrEqual;
    if (op == "BETWEEN")
        return RangeOp::Between;
    return RangeOp::BeginsWith;
}

} // namespace

expr::KeyCondition keyConditions(const Params &params, const expr::KeySchema &schema)
{
    const std::vector<LegacyComparison> conditions = readComparisons(params, "KeyConditions");
    if (conditions.size() != 1 && conditions.size() != 2)
        throw validation("Conditions can be of length 1 or 2 only");
    // DynamoDB's checks, key attribute by key attribute, hash first.
    const auto check = [&](const std::string &name, const std::optional<dynamodb::AttributeValue::Type> &type,
                           bool isHash) -> const LegacyComparison * {
        if (isHash && schema.rangeName.empty() && conditions.size() > 1)
            throw validation("Query key condition not supported");
        const auto it = std::find_if(conditions.begin(), conditions.end(),
                                     [&](const LegacyComparison &c) { return c.attribute == name; });
        if (it == conditions.end()) {
            if (isHash || conditions.size() > 1)
                throw validation("Query condition missed key schema element: " + name);
            return nullptr;
        }
        static const char *const kNotIndexable[] = {"NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN"};
        if (std::find(std::begin(kNotIndexable), std::end(kNotIndexable), it->op) != std::end(kNotIndexable))
            throw validation("Attempted conditional constraint is not an indexable operation");
        for (const auto &value : it->values) {
            if (type && value.type() != *type)
                throw validation(std::string(kInvalidParameters) +
                                 "Condition parameter type does not match schema type");
        }
        if (isHash && it->op != "EQ")
            throw validation("Query key condition not supported");
        return &*it;
    };
    const LegacyComparison *hash = check(schema.hashName, schema.hashType, true);
    const LegacyComparison *range =
        schema.rangeName.empty() ? nullptr : check(schema.rangeName, schema.rangeType, false);
    expr::KeyCondition out;
    out.hashName = schema.hashName;
    out.hashValue = hash->values.front();
    if (range) {
        out.rangeName = schema.rangeName;
        out.rangeOp = rangeOp(range->op);
        out.low = range->values.front();
        if (range->values.size() > 1)
            out.high = range->values[1];
    }
    return out;
}

} // namespace orderlab::aws
