// PartiQL's tokens (docs/dynamodb-partiql.md, "Syntax").
#include "partiql_lexer.h"

#include "dynamodb/attribute_value.h"

namespace orderlab::aws {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[noreturn]] void fail(const std::string &detail)
{
    throw dynamodb::ValidationError(partiqlSyntaxMessage(detail));
}

/// The quoted text starting at `s[i]` (the quote), doubled quotes unescaped; `i` ends after the closing quote.
std::string quotedText(std::string_view s, std::size_t &i, char quote, const char *what)
{
    std::string out;
    for (++i; i < s.size(); ++i) {
        if (s[i] != quote) {
            out += s[i];
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == quote) {
            out += quote;
            ++i;
            continue;
        }
        ++i;
        return out;
    }
    fail(std::string("Unterminated ") + what);
}

} // namespace

bool PartiqlToken::is(std::string_view keyword) const
{
    if (kind != Kind::Word || text.size() != keyword.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (lower(text[i]) != lower(keyword[i]))
            return false;
    return true;
}

std::string partiqlSyntaxMessage(std::string_view detail)
{
    return "Statement wasn't well formed, can't be processed: " + std::string(detail);
}

std::vector<PartiqlToken> partiqlTokens(std::string_view s)
{
    std::vector<PartiqlToken> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            while (i < s.size() && s[i] != '\n')
                ++i;
            continue;
        }
        PartiqlToken token;
        token.offset = i;
        if (c == '\'') {
            token.kind = PartiqlToken::Kind::String;
            token.text = quotedText(s, i, '\'', "string literal");
        } else if (c == '"') {
            token.kind = PartiqlToken::Kind::Identifier;
            token.text = quotedText(s, i, '"', "quoted identifier");
        } else if (isNameStart(c)) {
            token.kind = PartiqlToken::Kind::Word;
            while (i < s.size() && (isNameStart(s[i]) || isDigit(s[i])))
                token.text += s[i++];
        } else if (isDigit(c) || (c == '.' && i + 1 < s.size() && isDigit(s[i + 1]))) {
            token.kind = PartiqlToken::Kind::Number;
            while (i < s.size() && isDigit(s[i]))
                token.text += s[i++];
            if (i < s.size() && s[i] == '.') {
                token.text += s[i++];
                while (i < s.size() && isDigit(s[i]))
                    token.text += s[i++];
            }
            if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
                std::size_t j = i + 1;
                if (j < s.size() && (s[j] == '+' || s[j] == '-'))
                    ++j;
                if (j < s.size() && isDigit(s[j])) {
                    token.text.append(s.substr(i, j - i));
                    i = j;
                    while (i < s.size() && isDigit(s[i]))
                        token.text += s[i++];
                }
            }
        } else {
            token.kind = PartiqlToken::Kind::Symbol;
            const std::string_view two = s.substr(i, 2);
            if (two == "<>" || two == "!=" || two == "<=" || two == ">=" || two == "<<" || two == ">>") {
                token.text = std::string(two);
                i += 2;
            } else if (std::string_view("*,.[]{}():;?+-=<>").find(c) != std::string_view::npos) {
                token.text = std::string(1, c);
                ++i;
            } else {
                fail("Unexpected character");
            }
        }
        out.push_back(std::move(token));
    }
    PartiqlToken end;
    end.offset = s.size();
    out.push_back(end);
    return out;
}

} // namespace orderlab::aws
