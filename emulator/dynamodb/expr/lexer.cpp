#include "lexer.h"

namespace orderlab::dynamodb::expr {

namespace {

bool isIdentifierStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isIdentifierPart(char c)
{
    return isIdentifierStart(c) || isDigit(c);
}

char upper(char c)
{
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

} // namespace

std::vector<Token> tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    const auto push = [&](Token::Type type, std::size_t end) {
        tokens.push_back(Token{type, text.substr(i, end - i), i});
        i = end;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        if (isIdentifierStart(c)) {
            while (end < text.size() && isIdentifierPart(text[end]))
                ++end;
            push(Token::Type::Name, end);
        } else if (isDigit(c)) {
            while (end < text.size() && isDigit(text[end]))
                ++end;
            push(Token::Type::Number, end);
        } else if (c == '#' || c == ':') {
            while (end < text.size() && isIdentifierPart(text[end]))
                ++end;
            if (end == i + 1)
                push(Token::Type::Invalid, end);
            else
                push(c == '#' ? Token::Type::NameRef : Token::Type::ValueRef, end);
        } else if (c == '<' && end < text.size() && (text[end] == '=' || text[end] == '>')) {
            push(Token::Type::Punct, end + 1);
        } else if (c == '>' && end < text.size() && text[end] == '=') {
            push(Token::Type::Punct, end + 1);
        } else if (std::string_view("()[],.=<>+-").find(c) != std::string_view::npos) {
            push(Token::Type::Punct, end);
        } else {
            // One UTF-8 character, so that the message quotes it whole.
            if (static_cast<unsigned char>(c) >= 0xC0) {
                while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
                    ++end;
            }
            push(Token::Type::Invalid, end);
        }
    }
    tokens.push_back(Token{Token::Type::End, text.substr(text.size()), text.size()});
    return tokens;
}

bool isKeyword(const Token &token, std::string_view word)
{
    if (token.type != Token::Type::Name || token.text.size() != word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (upper(token.text[i]) != word[i])
            return false;
    }
    return true;
}

} // namespace orderlab::dynamodb::expr
