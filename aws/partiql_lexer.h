#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab::aws {

/// One token of a PartiQL statement.
struct PartiqlToken
{
    enum class Kind {
        Word,       ///< a bare name or keyword, as written (keywords compare case-insensitively)
        Identifier, ///< a "double-quoted" name, quotes removed and "" unescaped
        String,     ///< a 'single-quoted' string, quotes removed and '' unescaped
        Number,     ///< digits with an optional fraction and exponent, no sign
        Symbol,     ///< punctuation: * , . [ ] { } ( ) : ; ? + - = <> != < <= > >= << >>
        End         ///< after the last token
    };
    Kind kind = Kind::End;
    std::string text;
    std::size_t offset = 0; ///< where it starts in the statement, in bytes

    /// A Word equal to `keyword` ignoring ASCII case.
    bool is(std::string_view keyword) const;
    bool isSymbol(std::string_view symbol) const { return kind == Kind::Symbol && text == symbol; }
};

/**
 * Splits `statement` into tokens, the last one End. Whitespace and `--` line comments separate tokens.
 * @throws dynamodb::ValidationError "Statement wasn't well formed, can't be processed: ..." for an
 *         unterminated string or quoted name and for a character PartiQL does not know.
 */
std::vector<PartiqlToken> partiqlTokens(std::string_view statement);

/// "Statement wasn't well formed, can't be processed: " + `detail`: DynamoDB's prefix of a syntax error.
std::string partiqlSyntaxMessage(std::string_view detail);

} // namespace orderlab::aws
