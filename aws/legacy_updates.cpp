// AttributeUpdates as an UpdateExpression (docs/dynamodb-legacy-parameters.md, "AttributeUpdates").
#include "legacy_updates.h"

#include "legacy_comparisons.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

using Type = dynamodb::AttributeValue::Type;

expr::Operand valueOperand(dynamodb::AttributeValue value)
{
    expr::Operand operand;
    operand.kind = expr::Operand::Kind::Value;
    operand.value = std::move(value);
    return operand;
}

expr::Operand callOperand(const char *name, std::vector<expr::Operand> args)
{
    expr::Operand operand;
    operand.kind = expr::Operand::Kind::Call;
    operand.name = name;
    operand.args = std::move(args);
    return operand;
}

bool isSet(Type type)
{
    return type == Type::SS || type == Type::NS || type == Type::BS;
}

} // namespace

std::optional<expr::UpdateExpression> attributeUpdates(const Params &params)
{
    const auto updates = params.object("AttributeUpdates");
    if (!updates)
        return std::nullopt;
    const std::string invalid(kInvalidParameters);
    expr::UpdateExpression out;
    for (const std::string &attribute : updates->names()) {
        const auto update = updates->object(attribute);
        if (!update)
            continue;
        const std::string action = update->string("Action").value_or("PUT");
        if (action != "PUT" && action != "ADD" && action != "DELETE")
            throw validation("1 validation error detected: Value '" + action + "' at 'attributeUpdates." + attribute +
                             ".member.action' failed to satisfy constraint: Member must satisfy enum value set: "
                             "[ADD, PUT, DELETE]");
        std::optional<dynamodb::AttributeValue> value;
        if (const js::Value *given = update->find("Value"))
            value = dynamodb::parseAttributeValue(*given);
        if (!value && action != "DELETE")
            throw validation(invalid + "Only DELETE action is allowed when no attribute value is specified");
        expr::UpdateAction a;
        a.path.push_back(expr::PathElement{attribute, 0, false});
        if (action == "PUT") {
            a.type = expr::UpdateAction::Type::Set;
            a.value = valueOperand(*value);
        } else if (action == "DELETE") {
            if (value && !isSet(value->type()))
                throw validation(invalid + "DELETE action with value is not supported for the type " +
                                 std::string(dynamodb::typeName(value->type())));
            a.type = value ? expr::UpdateAction::Type::Delete : expr::UpdateAction::Type::Remove;
            if (value)
                a.value = valueOperand(*value);
        } else if (value->type() == Type::L) {
            expr::Operand path;
            path.kind = expr::Operand::Kind::Path;
            path.path = a.path;
            a.type = expr::UpdateAction::Type::Set;
            a.value = callOperand(
                "list_append", {callOperand("if_not_exists", {path, valueOperand(dynamodb::AttributeValue::list({}))}),
                                valueOperand(*value)});
        } else {
            if (value->type() != Type::N && !isSet(value->type()))
                throw validation(invalid + "ADD action is not supported for the type " +
                                 std::string(dynamodb::typeName(value->type())));
            a.type = expr::UpdateAction::Type::Add;
            a.value = valueOperand(*value);
        }
        out.actions.push_back(std::move(a));
    }
    return out;
}

dynamodb::ValidationError legacyUpdateError(const dynamodb::ValidationError &error)
{
    if (error.message() == "An operand in the update expression has an incorrect data type")
        return dynamodb::ValidationError("Type mismatch for attribute to update");
    return error;
}

} // namespace orderlab::aws
