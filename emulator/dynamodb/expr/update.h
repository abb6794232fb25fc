#pragma once

#include "expression_context.h"
#include "operand.h"

#include <string>
#include <string_view>
#include <vector>

namespace orderlab::dynamodb::expr {

/// One action of an UpdateExpression.
struct UpdateAction
{
    enum class Type { Set, Remove, Add, Delete };
    Type type = Type::Set;
    DocumentPath path;
    /// SET: the value (Path, Value, Call if_not_exists / list_append, Plus, Minus); ADD, DELETE: a Value.
    Operand value;
};

/// A parsed UpdateExpression: its actions in the order written (each clause appears at most once).
struct UpdateExpression
{
    std::vector<UpdateAction> actions;

    /// The top-level attribute names the actions write, each once, in first-written order (the caller
    /// refuses an update of a key attribute with these).
    std::vector<std::string> topLevelAttributes() const;
};

/**
 * Parses `text` as an UpdateExpression: SET, REMOVE, ADD and DELETE clauses, each at most once.
 * @throws ValidationError with DynamoDB's messages ("Invalid UpdateExpression: Syntax error; …",
 *         "… The \"SET\" section can only be used once in an update expression;", "… Two document paths
 *         overlap with each other; …", "… Incorrect operand type for operator or function; operator: ADD,
 *         operand type: STRING", undefined placeholders, reserved words, function misuse, size).
 */
UpdateExpression parseUpdate(std::string_view text, ExpressionContext &context);

/**
 * The item `update` makes of `item` (nullptr: no item yet; the result then holds only what the update
 * writes: the caller adds the key). Every operand is read from the item as it was before the update.
 * @throws ValidationError "The provided expression refers to an attribute that does not exist in the item",
 *         "The document path provided in the update expression is invalid for update",
 *         "An operand in the update expression has an incorrect data type", canonicalNumber's messages
 *         for arithmetic out of range, kNestingLevelsMessage.
 */
AttributeMap applyUpdate(const UpdateExpression &update, const AttributeMap *item);

} // namespace orderlab::dynamodb::expr
