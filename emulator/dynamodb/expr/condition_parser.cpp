// parseCondition: DynamoDB's condition grammar, lowest precedence first:
//   or    := and (OR and)*
//   and   := not (AND not)*
//   not   := NOT not | compare
//   compare := primary [ comparator operand | BETWEEN operand AND operand | IN ( operand, … ) ]
//   primary := ( or ) | operand
//   operand := ( operand ) | :value | function ( operand, … ) | path
// A parenthesised primary may hold a condition or an operand, so the levels pass a Unit that is either.
#include "condition.h"

#include "decimal.h"
#include "dynamodb/base64.h"
#include "key_order.h"
#include "parser_base.h"

#include <array>
#include <utility>

namespace orderlab::dynamodb::expr {

namespace {

struct FunctionInfo
{
    std::string_view name;
    std::size_t operands;
    bool isCondition; ///< used as a condition (all but size, which is an operand)
};

constexpr std::array<FunctionInfo, 6> kFunctions = {{{"attribute_exists", 1, true},
                                                     {"attribute_not_exists", 1, true},
                                                     {"attribute_type", 2, true},
                                                     {"begins_with", 2, true},
                                                     {"contains", 2, true},
                                                     {"size", 1, false}}};

const FunctionInfo *functionInfo(std::string_view name)
{
    for (const FunctionInfo &info : kFunctions) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

bool isComparator(const Token &token)
{
    if (token.type != Token::Type::Punct)
        return false;
    for (const std::string_view op : {"=", "<>", "<", "<=", ">", ">="}) {
        if (token.text == op)
            return true;
    }
    return false;
}

/// "{N:5}", as DynamoDB quotes a constant in BETWEEN's messages.
std::string quoted(const AttributeValue &v)
{
    std::string text = v.type() == AttributeValue::Type::B ? base64Encode(v.text()) : v.text();
    return "AttributeValue: {" + std::string(typeName(v.type())) + ":" + text + "}";
}

bool isScalarKey(const AttributeValue &v)
{
    using Type = AttributeValue::Type;
    return v.type() == Type::S || v.type() == Type::N || v.type() == Type::B;
}

class ConditionParser : public ParserBase
{
  public:
    ConditionParser(std::string_view text, ExpressionContext &context, ExpressionKind kind)
        : ParserBase(kind, text, context, {"AND", "OR", "NOT", "BETWEEN", "IN"})
    {
    }

    Condition parse()
    {
        Unit unit = parseOr();
        if (!atEnd())
            syntaxError();
        Condition condition = toCondition(std::move(unit));
        m_problems.throwFirst();
        return condition;
    }

  private:
    /// A condition, or an operand still waiting for its comparator.
    struct Unit
    {
        bool isCondition = false;
        Condition condition;
        Operand operand;
        bool parenthesized = false;
    };

    static Unit conditionUnit(Condition condition)
    {
        Unit unit;
        unit.isCondition = true;
        unit.condition = std::move(condition);
        return unit;
    }

    /// A unit where a condition must stand: an operand there is a syntax error at the token after it,
    /// except a function call, which is a condition when the function is one.
    Condition toCondition(Unit unit)
    {
        if (unit.isCondition)
            return std::move(unit.condition);
        if (unit.operand.kind != Operand::Kind::Call)
            syntaxError();
        const FunctionInfo *info = functionInfo(unit.operand.name);
        if (info && !info->isCondition)
            m_problems.add(Problems::MisusedFunction,
                           "The function is not allowed to be used this way in an expression; function: " +
                               unit.operand.name);
        Condition condition;
        condition.kind = Condition::Kind::Function;
        condition.op = unit.operand.name;
        condition.operands = std::move(unit.operand.args);
        return condition;
    }

    /// An operand where a value must stand: a condition function there is misused.
    void checkValueOperand(const Operand &operand)
    {
        if (operand.kind != Operand::Kind::Call)
            return;
        const FunctionInfo *info = functionInfo(operand.name);
        if (info && info->isCondition)
            m_problems.add(Problems::MisusedFunction,
                           "The function is not allowed to be used this way in an expression; function: " +
                               operand.name);
    }

    void checkDistinct(std::string_view op, const Operand &first, const Operand &second)
    {
        if (first.kind == Operand::Kind::Path && second.kind == Operand::Kind::Path && first.path == second.path)
            m_problems.add(Problems::Distinct, "The first operand must be distinct from the remaining operands for "
                                               "this operator or function; operator: " +
                                                   std::string(op) + ", first operand: " + pathText(first.path));
    }

    Unit combine(Condition::Kind kind, std::string_view keyword, Unit (ConditionParser::*lower)())
    {
        Unit first = (this->*lower)();
        if (!atKeyword(keyword))
            return first;
        Condition combined;
        combined.kind = kind;
        combined.children.push_back(toCondition(std::move(first)));
        while (atKeyword(keyword)) {
            next();
            combined.children.push_back(toCondition((this->*lower)()));
        }
        return conditionUnit(std::move(combined));
    }

    Unit parseOr() { return combine(Condition::Kind::Or, "OR", &ConditionParser::parseAnd); }
    Unit parseAnd() { return combine(Condition::Kind::And, "AND", &ConditionParser::parseNot); }

    Unit parseNot()
    {
        if (!atKeyword("NOT"))
            return parseCompare();
        Nest nest(*this);
        next();
        Condition negated;
        negated.kind = Condition::Kind::Not;
        negated.children.push_back(toCondition(parseNot()));
        return conditionUnit(std::move(negated));
    }

    Unit parseCompare()
    {
        Unit left = parsePrimary();
        if (left.isCondition)
            return left;
        Condition condition;
        condition.operands.push_back(std::move(left.operand));
        const Token &token = peek();
        if (isComparator(token)) {
            condition.kind = Condition::Kind::Compare;
            condition.op = std::string(next().text);
            condition.operands.push_back(parseOperand());
            checkDistinct(condition.op, condition.operands[0], condition.operands[1]);
        } else if (isKeyword(token, "BETWEEN")) {
            next();
            condition.kind = Condition::Kind::Between;
            condition.op = "BETWEEN";
            condition.operands.push_back(parseOperand());
            if (!atKeyword("AND"))
                syntaxError();
            next();
            condition.operands.push_back(parseOperand());
            checkBounds(condition.operands[1], condition.operands[2]);
        } else if (isKeyword(token, "IN")) {
            next();
            condition.kind = Condition::Kind::In;
            condition.op = "IN";
            expectPunct("(");
            condition.operands.push_back(parseOperand());
            while (acceptPunct(","))
                condition.operands.push_back(parseOperand());
            expectPunct(")");
            if (condition.operands.size() - 1 > kMaxInOperands)
                m_problems.add(Problems::Operands,
                               "The IN operator is provided with too many operands; number of operands: " +
                                   std::to_string(condition.operands.size() - 1));
        } else {
            Unit unit;
            unit.operand = std::move(condition.operands[0]);
            unit.parenthesized = left.parenthesized;
            return unit;
        }
        for (const Operand &operand : condition.operands)
            checkValueOperand(operand);
        return conditionUnit(std::move(condition));
    }

    void checkBounds(const Operand &low, const Operand &high)
    {
        if (low.kind != Operand::Kind::Value || high.kind != Operand::Kind::Value)
            return;
        if (low.value.type() != high.value.type()) {
            m_problems.add(Problems::Function,
                           "The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
                           "operand: " +
                               quoted(low.value) + ", upper bound operand: " + quoted(high.value));
        } else if (isScalarKey(low.value) && compareKeyValues(low.value, high.value) > 0) {
            m_problems.add(Problems::Function, "The BETWEEN operator requires upper bound to be greater than or equal "
                                               "to lower bound; lower bound operand: " +
                                                   quoted(low.value) + ", upper bound operand: " + quoted(high.value));
        }
    }

    Unit parsePrimary()
    {
        if (!atPunct("(")) {
            Unit unit;
            unit.operand = parseAtom();
            return unit;
        }
        Nest nest(*this);
        next();
        Unit inner = parseOr();
        expectPunct(")");
        if (inner.parenthesized)
            m_problems.add(Problems::Parens, "The expression has redundant parentheses;");
        inner.parenthesized = true;
        inner.operand.parenthesized = !inner.isCondition;
        return inner;
    }

    Operand parseOperand()
    {
        if (!atPunct("("))
            return parseAtom();
        Nest nest(*this);
        next();
        Operand inner = parseOperand();
        expectPunct(")");
        if (inner.parenthesized)
            m_problems.add(Problems::Parens, "The expression has redundant parentheses;");
        inner.parenthesized = true;
        return inner;
    }

    Operand parseAtom()
    {
        return ParserBase::parseAtom([this] { return parseOperand(); },
                                     [this](const Operand &call) { checkCall(call); });
    }

    /// The checks of a call that do not depend on where it stands: name, operand count, operand types.
    void checkCall(const Operand &call)
    {
        const FunctionInfo *info = functionInfo(call.name);
        if (!info) {
            m_problems.add(Problems::UnknownFunction, "Invalid function name; function: " + call.name);
            return;
        }
        for (const Operand &arg : call.args)
            checkValueOperand(arg);
        if (call.args.size() != info->operands) {
            m_problems.add(Problems::Operands, "Incorrect number of operands for operator or function; operator or "
                                               "function: " +
                                                   call.name +
                                                   ", number of operands: " + std::to_string(call.args.size()));
            return;
        }
        if (call.args.size() == 2)
            checkDistinct(call.name, call.args[0], call.args[1]);
        const auto wrongType = [&](std::string_view type) {
            m_problems.add(Problems::Function,
                           "Incorrect operand type for operator or function; operator or function: " + call.name +
                               ", operand type: " + std::string(type));
        };
        const auto needsPath = [&] {
            m_problems.add(Problems::Function,
                           "Operator or function requires a document path; operator or function: " + call.name);
        };
        if (call.name == "attribute_exists" || call.name == "attribute_not_exists") {
            if (call.args[0].kind != Operand::Kind::Path)
                needsPath();
        } else if (call.name == "attribute_type") {
            if (call.args[0].kind != Operand::Kind::Path) {
                needsPath();
                return;
            }
            const Operand &type = call.args[1];
            if (type.kind != Operand::Kind::Value || type.value.type() != AttributeValue::Type::S) {
                const std::string_view known = knownType(type);
                wrongType(known.empty() ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : known);
                return;
            }
            static constexpr std::array<std::string_view, 10> kTypes = {"S",    "N", "B",  "NULL", "SS",
                                                                        "BOOL", "L", "BS", "NS",   "M"};
            bool valid = false;
            for (const std::string_view t : kTypes)
                valid = valid || t == type.value.text();
            if (!valid)
                m_problems.add(Problems::Function, "Invalid attribute type name found; type: " + type.value.text() +
                                                       ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        } else if (call.name == "begins_with") {
            for (const Operand &arg : call.args) {
                const std::string_view type = knownType(arg);
                if (!type.empty() && type != "S" && type != "B") {
                    wrongType(type);
                    return;
                }
            }
        } else if (call.name == "size") {
            const std::string_view type = knownType(call.args[0]);
            if (type == "N" || type == "BOOL" || type == "NULL")
                wrongType(type);
        }
    }
};

} // namespace

Condition parseCondition(std::string_view text, ExpressionContext &context, ExpressionKind kind)
{
    return ConditionParser(text, context, kind).parse();
}

} // namespace orderlab::dynamodb::expr
