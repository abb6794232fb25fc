#pragma once

#include "document_path.h"
#include "expression_context.h"

#include <string>
#include <string_view>
#include <vector>

namespace orderlab::dynamodb::expr {

/// A parsed ProjectionExpression: the paths in the order written.
struct Projection
{
    std::vector<DocumentPath> paths;
};

/**
 * Parses `text` as a ProjectionExpression: document paths separated by commas.
 * @throws ValidationError "Invalid ProjectionExpression: Syntax error; …", reserved words, undefined
 *         names, "… Two document paths overlap with each other; …" and "… conflict …".
 */
Projection parseProjection(std::string_view text, ExpressionContext &context);

/**
 * The part of `item` the projection names: top-level attributes in the item's order; a nested path keeps
 * its maps (only the named entries); list elements named by index come back as a list of those elements
 * in index order (`a[3], a[1]` of [x,y,z,w] gives [y,w]). Absent paths are left out.
 */
AttributeMap project(const Projection &projection, const AttributeMap &item);

} // namespace orderlab::dynamodb::expr
