#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace orderlab::dynamodb::expr {

/// One token of an expression; `text` views the expression (the caller keeps it alive).
struct Token
{
    enum class Type {
        Name,     ///< [A-Za-z_][A-Za-z0-9_]*: an attribute name, a keyword or a function name
        NameRef,  ///< #[A-Za-z0-9_]+: an ExpressionAttributeNames placeholder
        ValueRef, ///< :[A-Za-z0-9_]+: an ExpressionAttributeValues placeholder
        Number,   ///< [0-9]+: a list index
        Punct,    ///< ( ) [ ] , . = <> < <= > >= + -
        Invalid,  ///< any other character (no rule accepts it: a syntax error where it stands)
        End       ///< after the last token; `text` is empty
    };
    Type type = Type::End;
    std::string_view text;
    std::size_t offset = 0;
};

/// The tokens of `text`, whitespace (space, tab, CR, LF) skipped, always ending with one End token.
std::vector<Token> tokenize(std::string_view text);

/// True when `token` is the Name `word`, compared case-insensitively (keywords: AND, OR, NOT, BETWEEN, IN,
/// SET, REMOVE, ADD, DELETE).
bool isKeyword(const Token &token, std::string_view word);

} // namespace orderlab::dynamodb::expr
