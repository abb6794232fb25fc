#pragma once

#include "document_path.h"
#include "dynamodb/attribute_value.h"

#include <string>
#include <vector>

namespace orderlab::dynamodb::expr {

/// One operand of a condition or of an update's SET value, as parsed (names and values substituted).
struct Operand
{
    enum class Kind {
        Path,  ///< `path`
        Value, ///< an ExpressionAttributeValues placeholder; `value` (NULL when undefined: the parse then fails)
        Call,  ///< a function call: `name` (as written) and `args`
        Plus,  ///< `args[0] + args[1]` (update SET only)
        Minus  ///< `args[0] - args[1]` (update SET only)
    };
    Kind kind = Kind::Value;
    DocumentPath path;
    AttributeValue value;
    std::string name;
    std::vector<Operand> args;
    /// Written inside parentheses: DynamoDB refuses a pair directly around another pair.
    bool parenthesized = false;
};

} // namespace orderlab::dynamodb::expr
