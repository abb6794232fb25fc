// parseUpdate: DynamoDB's update grammar.
//   update := clause+        clause := SET set (, set)* | REMOVE path (, path)* | ADD path :v (, …)* | DELETE path :v
//   (, …)* set    := path = value   value  := operand [ (+|-) operand ] operand := ( value ) | :v | if_not_exists (
//   operand , operand ) | list_append ( operand , operand ) | path
#include "update.h"

#include "parser_base.h"

#include <algorithm>
#include <array>
#include <utility>

namespace orderlab::dynamodb::expr {

namespace {

/// DynamoDB's names of value types in ADD and DELETE messages.
std::string_view longTypeName(AttributeValue::Type type)
{
    using Type = AttributeValue::Type;
    switch (type) {
    case Type::S:
        return "STRING";
    case Type::N:
        return "NUMBER";
    case Type::B:
        return "BINARY";
    case Type::BOOL:
        return "BOOLEAN";
    case Type::NUL:
        return "NULL";
    case Type::L:
        return "LIST";
    case Type::M:
        return "MAP";
    default:
        break;
    }
    return {};
}

bool isConditionFunction(std::string_view name)
{
    for (const std::string_view f :
         {"attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size"}) {
        if (f == name)
            return true;
    }
    return false;
}

class UpdateParser : public ParserBase
{
  public:
    UpdateParser(std::string_view text, ExpressionContext &context)
        : ParserBase(ExpressionKind::Update, text, context, {"SET", "REMOVE", "ADD", "DELETE"})
    {
    }

    UpdateExpression parse()
    {
        UpdateExpression update;
        std::array<bool, 4> seen{};
        do {
            UpdateAction::Type type;
            if (atKeyword("SET"))
                type = UpdateAction::Type::Set;
            else if (atKeyword("REMOVE"))
                type = UpdateAction::Type::Remove;
            else if (atKeyword("ADD"))
                type = UpdateAction::Type::Add;
            else if (atKeyword("DELETE"))
                type = UpdateAction::Type::Delete;
            else
                syntaxError();
            const std::string clause = upper(next().text);
            bool &used = seen[static_cast<std::size_t>(type)];
            if (used)
                m_problems.add(Problems::Section,
                               "The \"" + clause + "\" section can only be used once in an update expression;");
            used = true;
            do
                update.actions.push_back(parseAction(type));
            while (acceptPunct(","));
        } while (!atEnd());
        checkPaths(update);
        m_problems.throwFirst();
        return update;
    }

  private:
    static std::string upper(std::string_view word)
    {
        std::string out(word);
        for (char &c : out) {
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
        }
        return out;
    }

    UpdateAction parseAction(UpdateAction::Type type)
    {
        UpdateAction action;
        action.type = type;
        action.path = parsePath();
        switch (type) {
        case UpdateAction::Type::Set:
            expectPunct("=");
            action.value = parseValue();
            break;
        case UpdateAction::Type::Remove:
            break;
        case UpdateAction::Type::Add:
        case UpdateAction::Type::Delete: {
            action.value = parseValueRef();
            const AttributeValue::Type valueType = action.value.value.type();
            const bool allowed =
                action.value.value.isSet() || (type == UpdateAction::Type::Add && valueType == AttributeValue::Type::N);
            if (!allowed)
                m_problems.add(Problems::Operands, "Incorrect operand type for operator or function; operator: " +
                                                       std::string(type == UpdateAction::Type::Add ? "ADD" : "DELETE") +
                                                       ", operand type: " + std::string(longTypeName(valueType)));
            break;
        }
        }
        return action;
    }

    Operand parseValue()
    {
        Operand first = parseOperand();
        if (!atPunct("+") && !atPunct("-"))
            return first;
        const bool plus = next().text == "+";
        Operand sum;
        sum.kind = plus ? Operand::Kind::Plus : Operand::Kind::Minus;
        sum.args.push_back(std::move(first));
        sum.args.push_back(parseOperand());
        for (const Operand &arg : sum.args) {
            const std::string_view type = knownType(arg);
            if (!type.empty() && type != "N") {
                operandType(plus ? "+" : "-", type);
                break;
            }
        }
        return sum;
    }

    void operandType(std::string_view function, std::string_view type)
    {
        m_problems.add(Problems::Function, "Incorrect operand type for operator or function; operator or function: " +
                                               std::string(function) + ", operand type: " + std::string(type));
    }

    Operand parseOperand()
    {
        if (atPunct("(")) {
            Nest nest(*this);
            next();
            Operand inner = parseValue();
            expectPunct(")");
            return inner;
        }
        return parseAtom([this] { return parseOperand(); }, [this](const Operand &call) { checkCall(call); });
    }

    void checkCall(const Operand &call)
    {
        if (call.name != "if_not_exists" && call.name != "list_append") {
            m_problems.add(Problems::UnknownFunction,
                           isConditionFunction(call.name)
                               ? "The function is not allowed in an update expression; function: " + call.name
                               : "Invalid function name; function: " + call.name);
            return;
        }
        if (call.args.size() != 2) {
            m_problems.add(Problems::Operands, "Incorrect number of operands for operator or function; operator or "
                                               "function: " +
                                                   call.name +
                                                   ", number of operands: " + std::to_string(call.args.size()));
            return;
        }
        if (call.name == "if_not_exists") {
            if (call.args[0].kind != Operand::Kind::Path)
                m_problems.add(Problems::Function,
                               "Operator or function requires a document path; operator or function: if_not_exists");
            return;
        }
        for (const Operand &arg : call.args) {
            if (arg.kind == Operand::Kind::Value && arg.value.type() != AttributeValue::Type::L) {
                operandType(call.name, typeName(arg.value.type()));
                return;
            }
        }
    }

    void checkPaths(const UpdateExpression &update)
    {
        for (std::size_t j = 1; j < update.actions.size(); ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                const DocumentPath &one = update.actions[i].path;
                const DocumentPath &two = update.actions[j].path;
                const PathRelation relation = relatePaths(one, two);
                if (relation == PathRelation::Independent)
                    continue;
                const bool overlap = relation == PathRelation::Overlap;
                m_problems.add(overlap ? Problems::Overlap : Problems::Conflict,
                               std::string("Two document paths ") + (overlap ? "overlap" : "conflict") +
                                   " with each other; must remove or rewrite one of these paths; path one: " +
                                   pathText(one) + ", path two: " + pathText(two));
            }
        }
    }
};

} // namespace

UpdateExpression parseUpdate(std::string_view text, ExpressionContext &context)
{
    return UpdateParser(text, context).parse();
}

std::vector<std::string> UpdateExpression::topLevelAttributes() const
{
    std::vector<std::string> names;
    for (const UpdateAction &action : actions) {
        const std::string &name = action.path.front().name;
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    }
    return names;
}

} // namespace orderlab::dynamodb::expr
