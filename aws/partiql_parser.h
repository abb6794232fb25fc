#pragma once

#include "partiql_statement.h"

#include <string_view>
#include <vector>

namespace orderlab::aws {

/// DynamoDB's text when the `?` placeholders and the request's Parameters differ in number.
inline constexpr std::string_view kPartiqlParameterCountMessage =
    "Number of parameters in request and statement don't match.";

/// DynamoDB's text (without the syntax error's prefix) for an index named in INSERT, UPDATE or DELETE.
inline constexpr std::string_view kPartiqlSingleTableMessage =
    "FROM clause may only contain a single table name in data manipulation statements";

/**
 * Parses one statement of DynamoDB's PartiQL (docs/dynamodb-partiql.md, "Statements"): SELECT,
 * INSERT, UPDATE and DELETE in their simple forms, and EXISTS(SELECT ...), binding each `?` to the next of
 * `parameters`. Recursion is bounded (kMaxPartiqlDepth), so any text is safe to parse.
 * @throws dynamodb::ValidationError: "Statement wasn't well formed, can't be processed: <detail>" for
 *         syntax errors; kPartiqlParameterCountMessage; the value factories' texts for literals
 *         DynamoDB cannot store (bad numbers, empty or mixed sets, duplicate map keys, nesting).
 */
PartiqlStatement parsePartiql(std::string_view statement, const std::vector<dynamodb::AttributeValue> &parameters);

/// How deep parentheses, NOT and nested literals may go before the parser refuses the statement.
inline constexpr int kMaxPartiqlDepth = 64;

} // namespace orderlab::aws
