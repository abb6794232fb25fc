#include "parser_base.h"

#include "reserved_words.h"

#include <algorithm>

namespace orderlab::dynamodb::expr {

ParserBase::ParserBase(ExpressionKind kind, std::string_view text, ExpressionContext &context,
                       std::initializer_list<std::string_view> keywords)
    : m_kind(kind), m_text(text), m_context(context), m_problems(kind), m_keywords(keywords)
{
    checkExpressionSize(kind, text);
    m_tokens = tokenize(text);
}

const Token &ParserBase::peek(std::size_t ahead) const
{
    const std::size_t at = m_pos + ahead;
    return at < m_tokens.size() ? m_tokens[at] : m_tokens.back();
}

const Token &ParserBase::next()
{
    const Token &token = m_tokens[m_pos];
    if (m_pos + 1 < m_tokens.size())
        ++m_pos;
    return token;
}

bool ParserBase::atPunct(std::string_view punct) const
{
    return peek().type == Token::Type::Punct && peek().text == punct;
}

bool ParserBase::acceptPunct(std::string_view punct)
{
    if (!atPunct(punct))
        return false;
    next();
    return true;
}

void ParserBase::expectPunct(std::string_view punct)
{
    if (!acceptPunct(punct))
        syntaxError();
}

bool ParserBase::atKeyword(std::string_view word) const
{
    return isKeyword(peek(), word);
}

bool ParserBase::atCall() const
{
    const Token &after = peek(1);
    return peek().type == Token::Type::Name && after.type == Token::Type::Punct && after.text == "(";
}

void ParserBase::syntaxError() const
{
    const Token &bad = m_tokens[m_pos];
    const std::size_t first = m_pos > 0 ? m_pos - 1 : m_pos;
    std::size_t last = m_pos;
    if (bad.type != Token::Type::End && m_pos + 1 < m_tokens.size() && m_tokens[m_pos + 1].type != Token::Type::End)
        last = m_pos + 1;
    const std::size_t begin = m_tokens[first].offset;
    // At the end, "near" is the last token alone, without the whitespace after it.
    const Token &until = bad.type == Token::Type::End ? m_tokens[first] : m_tokens[last];
    const std::size_t end = std::max(begin, until.offset + until.text.size());
    std::string detail = "Syntax error; token: \"";
    detail.append(bad.type == Token::Type::End ? std::string_view("<EOF>") : bad.text);
    detail.append("\", near: \"").append(m_text.substr(begin, end - begin)).append("\"");
    throw invalidExpression(m_kind, detail);
}

bool ParserBase::isGrammarKeyword(const Token &token) const
{
    for (const std::string_view word : m_keywords) {
        if (isKeyword(token, word))
            return true;
    }
    return false;
}

DocumentPath ParserBase::parsePath()
{
    DocumentPath path;
    const auto element = [&] {
        const Token &token = peek();
        PathElement step;
        if (token.type == Token::Type::Name && !isGrammarKeyword(token)) {
            if (isReservedWord(token.text))
                m_problems.add(Problems::Reserved,
                               "Attribute name is a reserved keyword; reserved keyword: " + std::string(token.text));
            step.name = std::string(token.text);
        } else if (token.type == Token::Type::NameRef) {
            if (const std::string *name = m_context.useName(token.text)) {
                step.name = *name;
            } else {
                m_problems.add(Problems::UndefinedName,
                               "An expression attribute name used in the document path is not defined; attribute "
                               "name: " +
                                   std::string(token.text));
                step.name = std::string(token.text);
            }
        } else {
            syntaxError();
        }
        next();
        path.push_back(std::move(step));
    };
    element();
    for (;;) {
        if (acceptPunct(".")) {
            element();
        } else if (atPunct("[")) {
            next();
            const Token &number = peek();
            // An index past 9 digits could not address any element of a 400 KB item.
            if (number.type != Token::Type::Number || number.text.size() > 9)
                syntaxError();
            PathElement step;
            step.isIndex = true;
            for (const char c : number.text)
                step.index = step.index * 10 + static_cast<std::size_t>(c - '0');
            next();
            expectPunct("]");
            path.push_back(std::move(step));
        } else {
            return path;
        }
    }
}

Operand ParserBase::parseValueRef()
{
    const Token &token = peek();
    if (token.type != Token::Type::ValueRef)
        syntaxError();
    Operand operand;
    operand.kind = Operand::Kind::Value;
    operand.name = std::string(token.text);
    if (const AttributeValue *value = m_context.useValue(token.text))
        operand.value = *value;
    else
        m_problems.add(Problems::UndefinedValue,
                       "An expression attribute value used in expression is not defined; attribute value: " +
                           std::string(token.text));
    next();
    return operand;
}

ParserBase::Nest::Nest(ParserBase &parser) : m_parser(parser)
{
    if (++m_parser.m_depth > kMaxExpressionDepth) {
        --m_parser.m_depth;
        throw invalidExpression(m_parser.m_kind, "The expression has too many nested levels; maximum: " +
                                                     std::to_string(kMaxExpressionDepth));
    }
}

std::string_view knownType(const Operand &operand)
{
    if (operand.kind == Operand::Kind::Value)
        return typeName(operand.value.type());
    if (operand.kind == Operand::Kind::Call && operand.name == "size")
        return "N";
    return {};
}

} // namespace orderlab::dynamodb::expr
