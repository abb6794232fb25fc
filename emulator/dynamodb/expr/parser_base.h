#pragma once

#include "expression_context.h"
#include "expression_kind.h"
#include "lexer.h"
#include "operand.h"

#include <initializer_list>
#include <string_view>
#include <vector>

namespace orderlab::dynamodb::expr {

/**
 * What every expression parser shares: the token cursor, DynamoDB's syntax-error message, document
 * paths and placeholders, and the nesting bound. The parsers are recursive descent; each recursion that
 * can repeat (parentheses, NOT, calls) holds a Nest, so no input nests deeper than kMaxExpressionDepth.
 */
class ParserBase
{
  protected:
    /// Checks the size and tokenizes; `keywords` are the words this grammar reserves for itself (a
    /// path cannot be named so without a placeholder: a syntax error).
    ParserBase(ExpressionKind kind, std::string_view text, ExpressionContext &context,
               std::initializer_list<std::string_view> keywords);

    const Token &peek(std::size_t ahead = 0) const;
    const Token &next();
    bool atPunct(std::string_view punct) const;
    bool acceptPunct(std::string_view punct);
    void expectPunct(std::string_view punct);
    bool atKeyword(std::string_view word) const;
    bool atEnd() const { return peek().type == Token::Type::End; }
    /// True when the current token starts a function call: a Name followed by '('.
    bool atCall() const;

    /// `Invalid <Kind>: Syntax error; token: "<t>", near: "<previous t next>"` at the current token.
    [[noreturn]] void syntaxError() const;

    /// A document path at the current token (a Name or a NameRef), or a syntax error.
    DocumentPath parsePath();
    /// The value placeholder at the current token (a ValueRef); notes an undefined one.
    Operand parseValueRef();
    /// `name(arg, ...)` at the current token; each argument is read by `argument`.
    template <typename ReadArgument> Operand parseCall(ReadArgument argument)
    {
        Nest nest(*this);
        Operand call;
        call.kind = Operand::Kind::Call;
        call.name = std::string(next().text);
        expectPunct("(");
        call.args.push_back(argument());
        while (acceptPunct(","))
            call.args.push_back(argument());
        expectPunct(")");
        return call;
    }
    /// An operand's atom at the current token: a value placeholder, a call (arguments read by
    /// `argument`, then given to `check`) or a document path.
    template <typename ReadArgument, typename CheckCall> Operand parseAtom(ReadArgument argument, CheckCall check)
    {
        if (peek().type == Token::Type::ValueRef)
            return parseValueRef();
        if (atCall()) {
            Operand call = parseCall(argument);
            check(call);
            return call;
        }
        Operand operand;
        operand.kind = Operand::Kind::Path;
        operand.path = parsePath();
        return operand;
    }

    /// Holds one level of nesting; throws when the input nests deeper than kMaxExpressionDepth.
    class Nest
    {
      public:
        explicit Nest(ParserBase &parser);
        ~Nest() { --m_parser.m_depth; }
        Nest(const Nest &) = delete;
        Nest &operator=(const Nest &) = delete;

      private:
        ParserBase &m_parser;
    };

    ExpressionKind m_kind;
    std::string_view m_text;
    ExpressionContext &m_context;
    Problems m_problems;

  private:
    bool isGrammarKeyword(const Token &token) const;

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
    std::vector<std::string_view> m_keywords;
};

/// A value's type in DynamoDB's notation ("S", "N", "SS", …) when the operand's type is known while
/// parsing (a value, or size(): N); empty otherwise.
std::string_view knownType(const Operand &operand);

} // namespace orderlab::dynamodb::expr
