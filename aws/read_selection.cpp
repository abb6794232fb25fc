// What reads return and which items they keep (docs/dynamodb-api.md, "Reads").
#include "read_selection.h"

#include "api_error.h"

#include <algorithm>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

/// AttributesToGet (legacy): the names to keep.
std::optional<std::vector<std::string>> attributesToGet(const Params &params)
{
    if (!params.has("AttributesToGet"))
        return std::nullopt;
    std::vector<std::string> names;
    for (const auto &v : params.array("AttributesToGet")) {
        if (!v.isString())
            throw ApiError(400, "SerializationException", "AttributesToGet must hold strings");
        if (std::find(names.begin(), names.end(), v.asString()) != names.end())
            throw validation("One or more parameter values were invalid: Duplicate value in attribute name: " +
                             v.asString());
        names.push_back(v.asString());
    }
    if (names.empty())
        throw validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                         "constraint: Member must have length greater than or equal to 1");
    return names;
}

bool namesKeyAttribute(const expr::Operand &operand, const std::string &name)
{
    if (operand.kind == expr::Operand::Kind::Path)
        return !operand.path.empty() && operand.path.front().name == name;
    return std::any_of(operand.args.begin(), operand.args.end(),
                       [&](const expr::Operand &arg) { return namesKeyAttribute(arg, name); });
}

bool namesKeyAttribute(const expr::Condition &condition, const std::string &name)
{
    return std::any_of(condition.operands.begin(), condition.operands.end(),
                       [&](const expr::Operand &o) { return namesKeyAttribute(o, name); }) ||
           std::any_of(condition.children.begin(), condition.children.end(),
                       [&](const expr::Condition &c) { return namesKeyAttribute(c, name); });
}

void collectNames(const expr::Operand &operand, std::vector<std::string> &out)
{
    if (operand.kind == expr::Operand::Kind::Path && !operand.path.empty() &&
        std::find(out.begin(), out.end(), operand.path.front().name) == out.end())
        out.push_back(operand.path.front().name);
    for (const auto &arg : operand.args)
        collectNames(arg, out);
}

void collectNames(const expr::Condition &condition, std::vector<std::string> &out)
{
    for (const auto &o : condition.operands)
        collectNames(o, out);
    for (const auto &c : condition.children)
        collectNames(c, out);
}

} // namespace

std::vector<std::string> conditionNames(const expr::Condition &condition)
{
    std::vector<std::string> out;
    collectNames(condition, out);
    return out;
}

std::vector<std::string> ReadSelection::requestedNames() const
{
    std::vector<std::string> out;
    if (names)
        out = *names;
    if (projection)
        for (const auto &path : projection->paths)
            if (!path.empty() && std::find(out.begin(), out.end(), path.front().name) == out.end())
                out.push_back(path.front().name);
    return out;
}

dynamodb::AttributeMap ReadSelection::apply(const dynamodb::AttributeMap &item) const
{
    if (projection)
        return expr::project(*projection, item);
    if (!names)
        return item;
    dynamodb::AttributeMap out;
    for (const auto &entry : item)
        if (std::find(names->begin(), names->end(), entry.first) != names->end())
            out.push_back(entry);
    return out;
}

void ReadSelection::appendJson(std::string &out, const dynamodb::AttributeMap &item) const
{
    if (!projection && !names)
        dynamodb::appendItemJson(out, item);
    else
        dynamodb::appendItemJson(out, apply(item));
}

ReadSelection readSelection(const Params &params, expr::ExpressionContext &context, bool withSelect, bool index)
{
    ReadSelection selection;
    selection.names = attributesToGet(params);
    if (const auto text = params.string("ProjectionExpression"))
        selection.projection = expr::parseProjection(*text, context);
    if (!withSelect)
        return selection;
    const std::string select = params.string("Select").value_or("ALL_ATTRIBUTES");
    const bool known = select == "ALL_ATTRIBUTES" || select == "COUNT" || select == "SPECIFIC_ATTRIBUTES" ||
                       (index && select == "ALL_PROJECTED_ATTRIBUTES");
    if (!known)
        throw validation(select == "ALL_PROJECTED_ATTRIBUTES"
                             ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                             : "1 validation error detected: Value '" + select +
                                   "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
                                   "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    const bool chosen = selection.names || selection.projection;
    if (select == "SPECIFIC_ATTRIBUTES" && !chosen)
        throw validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                         "SPECIFIC_ATTRIBUTES");
    if (chosen && select != "SPECIFIC_ATTRIBUTES" && params.has("Select"))
        throw validation(std::string("Cannot specify the ") +
                         (selection.projection ? "ProjectionExpression" : "AttributesToGet") +
                         " when choosing to get " + (select == "COUNT" ? "only the Count" : select));
    selection.countOnly = select == "COUNT";
    if (params.has("Select"))
        selection.select = select;
    return selection;
}

std::optional<expr::Condition> filterOf(const Params &params, expr::ExpressionContext &context)
{
    const auto text = params.string("FilterExpression");
    if (!text)
        return std::nullopt;
    return expr::parseCondition(*text, context, expr::ExpressionKind::Filter);
}

void refuseKeyAttributesInFilter(const expr::Condition &filter, const dynamodb::KeySchema &schema)
{
    for (const auto *key : {&schema.hash, schema.range ? &*schema.range : nullptr})
        if (key && namesKeyAttribute(filter, key->name))
            throw validation("Filter Expression can only contain non-primary key attributes: Primary key "
                             "attribute: " +
                             key->name);
}

} // namespace orderlab::aws
