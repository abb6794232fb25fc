// DynamoDB's PartiQL statements (docs/dynamodb-partiql.md, "Statements" and "Syntax"), parsed into
// the expression language's conditions and update actions.
#include "partiql_parser.h"

#include "partiql_lexer.h"

#include <algorithm>
#include <array>

namespace orderlab::aws {

namespace expr = dynamodb::expr;
using dynamodb::AttributeValue;
using Token = PartiqlToken;

namespace {

constexpr std::array kReserved = {"select",  "from",  "where",   "and",    "or",       "not",    "in",
                                  "between", "is",    "missing", "null",   "true",     "false",  "insert",
                                  "into",    "value", "values",  "update", "set",      "remove", "delete",
                                  "exists",  "limit", "order",   "by",     "returning"};

class Parser
{
  public:
    Parser(std::string_view text, const std::vector<AttributeValue> &parameters)
        : m_tokens(partiqlTokens(text)), m_parameters(parameters)
    {
    }

    PartiqlStatement statement()
    {
        PartiqlStatement out;
        if (peek().is("select"))
            select(out);
        else if (peek().is("insert"))
            insert(out);
        else if (peek().is("update"))
            update(out);
        else if (peek().is("delete"))
            remove(out);
        else if (peek().is("exists"))
            exists(out);
        else
            fail("Expected data manipulation");
        if (peek().isSymbol(";"))
            next();
        if (peek().kind != Token::Kind::End)
            unexpected();
        if (m_used != m_parameters.size())
            throw dynamodb::ValidationError(std::string(kPartiqlParameterCountMessage));
        return out;
    }

  private:
    const Token &peek() const { return m_tokens[m_at]; }
    const Token &next()
    {
        const Token &t = m_tokens[m_at];
        if (t.kind != Token::Kind::End)
            ++m_at;
        return t;
    }
    [[noreturn]] void fail(const std::string &detail) const
    {
        throw dynamodb::ValidationError(partiqlSyntaxMessage(detail));
    }
    [[noreturn]] void unexpected() const
    {
        const Token &t = peek();
        if (t.kind == Token::Kind::End)
            fail("Unexpected end of statement");
        if (t.kind == Token::Kind::Word && reserved(t))
            fail("Unexpected keyword: " + t.text);
        fail("Unexpected token: " + t.text);
    }
    static bool reserved(const Token &t)
    {
        return std::any_of(kReserved.begin(), kReserved.end(), [&](const char *k) { return t.is(k); });
    }
    void keyword(const char *word)
    {
        if (!peek().is(word))
            unexpected();
        next();
    }
    void symbol(const char *s)
    {
        if (!peek().isSymbol(s))
            unexpected();
        next();
    }
    bool accept(const char *word)
    {
        if (!peek().is(word))
            return false;
        next();
        return true;
    }
    bool acceptSymbol(const char *s)
    {
        if (!peek().isSymbol(s))
            return false;
        next();
        return true;
    }
    void deeper()
    {
        if (++m_depth > kMaxPartiqlDepth)
            fail("Statement is nested too deeply");
    }

    /// A name: a "quoted identifier" or a bare word that is no keyword.
    bool atName() const
    {
        const Token &t = peek();
        return t.kind == Token::Kind::Identifier || (t.kind == Token::Kind::Word && !reserved(t));
    }
    std::string name()
    {
        if (!atName())
            unexpected();
        return next().text;
    }

    void tableRef(PartiqlStatement &out)
    {
        out.table = name();
        if (acceptSymbol("."))
            out.index = name();
    }

    expr::DocumentPath path()
    {
        expr::DocumentPath out;
        out.push_back({name(), 0, false});
        for (;;) {
            if (acceptSymbol(".")) {
                out.push_back({name(), 0, false});
            } else if (acceptSymbol("[")) {
                const Token &n = peek();
                if (n.kind != Token::Kind::Number || n.text.find_first_not_of("0123456789") != std::string::npos ||
                    n.text.size() > 9)
                    fail("Invalid path index: " + n.text);
                out.push_back({{}, static_cast<std::size_t>(std::stoul(next().text)), true});
                symbol("]");
            } else {
                return out;
            }
        }
    }

    // --- values ---

    AttributeValue parameter()
    {
        if (m_used == m_parameters.size())
            throw dynamodb::ValidationError(std::string(kPartiqlParameterCountMessage));
        return m_parameters[m_used++];
    }

    bool atValue() const
    {
        const Token &t = peek();
        return t.kind == Token::Kind::String || t.kind == Token::Kind::Number || t.isSymbol("?") || t.isSymbol("-") ||
               t.isSymbol("{") || t.isSymbol("[") || t.isSymbol("<<") || t.is("true") || t.is("false") || t.is("null");
    }

    AttributeValue value()
    {
        deeper();
        AttributeValue out = valueBody();
        --m_depth;
        return out;
    }

    AttributeValue valueBody()
    {
        const Token &t = peek();
        if (t.kind == Token::Kind::String)
            return AttributeValue::string(next().text);
        if (t.kind == Token::Kind::Number)
            return AttributeValue::number(next().text);
        if (acceptSymbol("-")) {
            if (peek().kind != Token::Kind::Number)
                unexpected();
            return AttributeValue::number("-" + next().text);
        }
        if (acceptSymbol("?"))
            return parameter();
        if (accept("true"))
            return AttributeValue::boolean(true);
        if (accept("false"))
            return AttributeValue::boolean(false);
        if (accept("null"))
            return AttributeValue::null();
        if (acceptSymbol("{"))
            return AttributeValue::map(mapEntries());
        if (acceptSymbol("[")) {
            std::vector<AttributeValue> items;
            if (!acceptSymbol("]")) {
                do
                    items.push_back(value());
                while (acceptSymbol(","));
                symbol("]");
            }
            return AttributeValue::list(std::move(items));
        }
        if (acceptSymbol("<<"))
            return set();
        unexpected();
    }

    dynamodb::AttributeMap mapEntries()
    {
        dynamodb::AttributeMap entries;
        if (acceptSymbol("}"))
            return entries;
        do {
            if (peek().kind != Token::Kind::String)
                fail("Expected a string literal as a key of a tuple, got: " + peek().text);
            std::string key = next().text;
            symbol(":");
            entries.emplace_back(std::move(key), value());
        } while (acceptSymbol(","));
        symbol("}");
        return entries;
    }

    AttributeValue set()
    {
        std::vector<AttributeValue> items;
        if (!acceptSymbol(">>")) {
            do
                items.push_back(value());
            while (acceptSymbol(","));
            symbol(">>");
        }
        std::vector<std::string> texts;
        const auto type = items.empty() ? AttributeValue::Type::S : items.front().type();
        for (const auto &item : items) {
            if (item.type() != type ||
                (type != AttributeValue::Type::S && type != AttributeValue::Type::N && type != AttributeValue::Type::B))
                throw dynamodb::ValidationError(
                    "Invalid set: a set holds strings, numbers or binary values, all of one type");
            texts.push_back(item.text());
        }
        if (type == AttributeValue::Type::N)
            return AttributeValue::numberSet(std::move(texts));
        if (type == AttributeValue::Type::B)
            return AttributeValue::binarySet(std::move(texts));
        return AttributeValue::stringSet(std::move(texts));
    }

    // --- conditions ---

    expr::Operand operand()
    {
        if (atValue()) {
            expr::Operand out;
            out.kind = expr::Operand::Kind::Value;
            out.value = value();
            return out;
        }
        if (peek().is("size") && m_tokens[m_at + 1].isSymbol("(")) {
            next();
            next();
            expr::Operand out;
            out.kind = expr::Operand::Kind::Call;
            out.name = "size";
            out.args.push_back(pathOperand());
            symbol(")");
            return out;
        }
        return pathOperand();
    }

    expr::Operand pathOperand()
    {
        expr::Operand out;
        out.kind = expr::Operand::Kind::Path;
        out.path = path();
        return out;
    }

    static expr::Condition combine(expr::Condition::Kind kind, std::vector<expr::Condition> parts)
    {
        if (parts.size() == 1)
            return std::move(parts.front());
        expr::Condition out;
        out.kind = kind;
        for (auto &part : parts) {
            if (part.kind == kind)
                std::move(part.children.begin(), part.children.end(), std::back_inserter(out.children));
            else
                out.children.push_back(std::move(part));
        }
        return out;
    }

    static expr::Condition negate(expr::Condition c)
    {
        expr::Condition out;
        out.kind = expr::Condition::Kind::Not;
        out.children.push_back(std::move(c));
        return out;
    }

    expr::Condition condition()
    {
        deeper();
        std::vector<expr::Condition> parts{conjunction()};
        while (accept("or"))
            parts.push_back(conjunction());
        --m_depth;
        return combine(expr::Condition::Kind::Or, std::move(parts));
    }

    expr::Condition conjunction()
    {
        std::vector<expr::Condition> parts{negation()};
        while (accept("and"))
            parts.push_back(negation());
        return combine(expr::Condition::Kind::And, std::move(parts));
    }

    expr::Condition negation()
    {
        if (accept("not")) {
            deeper();
            expr::Condition out = negate(negation());
            --m_depth;
            return out;
        }
        return predicate();
    }

    expr::Condition predicate()
    {
        if (acceptSymbol("(")) {
            expr::Condition inner = condition();
            symbol(")");
            return inner;
        }
        for (const char *function : {"begins_with", "contains", "attribute_type", "exists"}) {
            if (peek().is(function) && m_tokens[m_at + 1].isSymbol("(")) {
                next();
                next();
                return functionCall(function);
            }
        }
        expr::Condition out;
        out.operands.push_back(operand());
        const Token &t = peek();
        if (t.isSymbol("=") || t.isSymbol("<>") || t.isSymbol("!=") || t.isSymbol("<") || t.isSymbol("<=") ||
            t.isSymbol(">") || t.isSymbol(">=")) {
            out.kind = expr::Condition::Kind::Compare;
            out.op = next().text == "!=" ? "<>" : m_tokens[m_at - 1].text;
            out.operands.push_back(operand());
            return out;
        }
        const bool negated = accept("not");
        if (accept("in")) {
            out.kind = expr::Condition::Kind::In;
            const bool bracket = acceptSymbol("[");
            if (!bracket)
                symbol("(");
            do
                out.operands.push_back(operand());
            while (acceptSymbol(","));
            symbol(bracket ? "]" : ")");
            if (out.operands.size() > 101)
                fail("Too many values in an IN list");
            return negated ? negate(std::move(out)) : out;
        }
        if (accept("between")) {
            out.kind = expr::Condition::Kind::Between;
            out.operands.push_back(operand());
            keyword("and");
            out.operands.push_back(operand());
            return negated ? negate(std::move(out)) : out;
        }
        if (negated)
            unexpected();
        if (accept("is")) {
            const bool isNot = accept("not");
            if (accept("missing")) {
                if (out.operands.front().kind != expr::Operand::Kind::Path)
                    fail("IS MISSING needs a path");
                out.kind = expr::Condition::Kind::Function;
                out.op = isNot ? "attribute_exists" : "attribute_not_exists";
                return out;
            }
            keyword("null");
            out.kind = expr::Condition::Kind::Compare;
            out.op = isNot ? "<>" : "=";
            expr::Operand null;
            null.kind = expr::Operand::Kind::Value;
            out.operands.push_back(null);
            return out;
        }
        unexpected();
    }

    expr::Condition functionCall(const std::string &function)
    {
        expr::Condition out;
        out.kind = expr::Condition::Kind::Function;
        out.op = function == "exists" ? "attribute_exists" : function;
        out.operands.push_back(pathOperand());
        if (function != "exists") {
            symbol(",");
            out.operands.push_back(operand());
        }
        symbol(")");
        return out;
    }

    // --- statements ---

    void select(PartiqlStatement &out)
    {
        out.kind = PartiqlStatement::Kind::Select;
        next();
        if (!acceptSymbol("*")) {
            expr::Projection projection;
            do
                projection.paths.push_back(path());
            while (acceptSymbol(","));
            out.projection = std::move(projection);
        }
        keyword("from");
        tableRef(out);
        if (accept("where"))
            out.where = condition();
    }

    void exists(PartiqlStatement &out)
    {
        next();
        symbol("(");
        if (!peek().is("select"))
            unexpected();
        select(out);
        symbol(")");
        out.kind = PartiqlStatement::Kind::Exists;
    }

    void insert(PartiqlStatement &out)
    {
        out.kind = PartiqlStatement::Kind::Insert;
        next();
        keyword("into");
        tableRef(out);
        if (out.index)
            throw dynamodb::ValidationError(std::string(kPartiqlSingleTableMessage));
        keyword("value");
        if (!peek().isSymbol("{") && !peek().isSymbol("?"))
            fail("INSERT's VALUE must be a tuple {'name': value, ...}");
        const AttributeValue item = value();
        if (item.type() != AttributeValue::Type::M)
            fail("INSERT's VALUE must be a tuple {'name': value, ...}");
        out.item = item.map();
    }

    expr::Operand setOperand()
    {
        for (const char *function : {"list_append", "if_not_exists"}) {
            if (peek().is(function) && m_tokens[m_at + 1].isSymbol("(")) {
                next();
                next();
                deeper();
                expr::Operand call;
                call.kind = expr::Operand::Kind::Call;
                call.name = function;
                call.args.push_back(setOperand());
                symbol(",");
                call.args.push_back(setOperand());
                symbol(")");
                --m_depth;
                return call;
            }
        }
        return operand();
    }

    void update(PartiqlStatement &out)
    {
        out.kind = PartiqlStatement::Kind::Update;
        next();
        tableRef(out);
        bool any = false;
        for (;;) {
            if (accept("set")) {
                do {
                    expr::UpdateAction action;
                    action.type = expr::UpdateAction::Type::Set;
                    action.path = path();
                    symbol("=");
                    action.value = setOperand();
                    if (peek().isSymbol("+") || peek().isSymbol("-")) {
                        expr::Operand sum;
                        sum.kind = next().text == "+" ? expr::Operand::Kind::Plus : expr::Operand::Kind::Minus;
                        sum.args.push_back(std::move(action.value));
                        sum.args.push_back(setOperand());
                        action.value = std::move(sum);
                    }
                    out.update.actions.push_back(std::move(action));
                } while (acceptSymbol(","));
            } else if (accept("remove")) {
                do {
                    expr::UpdateAction action;
                    action.type = expr::UpdateAction::Type::Remove;
                    action.path = path();
                    out.update.actions.push_back(std::move(action));
                } while (acceptSymbol(","));
            } else {
                break;
            }
            any = true;
        }
        if (!any)
            unexpected();
        checkPaths(out.update);
        keyword("where");
        out.where = condition();
    }

    /// Two SET or REMOVE paths that overlap or conflict, refused as UpdateExpression refuses them.
    static void checkPaths(const expr::UpdateExpression &update)
    {
        for (std::size_t j = 1; j < update.actions.size(); ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                const auto &one = update.actions[i].path;
                const auto &two = update.actions[j].path;
                const auto relation = expr::relatePaths(one, two);
                if (relation == expr::PathRelation::Independent)
                    continue;
                throw dynamodb::ValidationError(
                    std::string("Invalid UpdateExpression: Two document paths ") +
                    (relation == expr::PathRelation::Overlap ? "overlap" : "conflict") +
                    " with each other; must remove or rewrite one of these paths; path one: " + expr::pathText(one) +
                    ", path two: " + expr::pathText(two));
            }
        }
    }

    void remove(PartiqlStatement &out)
    {
        out.kind = PartiqlStatement::Kind::Delete;
        next();
        keyword("from");
        tableRef(out);
        keyword("where");
        out.where = condition();
    }

    std::vector<Token> m_tokens;
    std::size_t m_at = 0;
    const std::vector<AttributeValue> &m_parameters;
    std::size_t m_used = 0;
    int m_depth = 0;
};

} // namespace

PartiqlStatement parsePartiql(std::string_view statement, const std::vector<AttributeValue> &parameters)
{
    return Parser(statement, parameters).statement();
}

} // namespace orderlab::aws
