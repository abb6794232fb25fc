#pragma once

#include "dynamodb/attribute_value.h"

#include <cstddef>
#include <string>
#include <vector>

namespace orderlab::dynamodb::expr {

/// One step of a document path: a map entry (or top-level attribute) name, or a list index.
struct PathElement
{
    std::string name; ///< the resolved name (placeholders already substituted); empty for an index
    std::size_t index = 0;
    bool isIndex = false;

    bool operator==(const PathElement &other) const = default;
};

/// `a.b[2].c` as [a, b, [2], c]; the first element is always a name.
using DocumentPath = std::vector<PathElement>;

/// DynamoDB's rendering in messages: "[a, b, [2], c]".
std::string pathText(const DocumentPath &path);

/// The value at `path` in `item`, or nullptr when any step is missing (absent name, index past the end,
/// a name step into a non-map, an index step into a non-list). `item` may be null (no item).
const AttributeValue *resolvePath(const AttributeMap *item, const DocumentPath &path);

/// Whether `a` and `b` overlap (one is a prefix of the other, or equal) or conflict (at the first
/// step where they differ in kind, one is an index and the other a name).
enum class PathRelation { Independent, Overlap, Conflict };
PathRelation relatePaths(const DocumentPath &a, const DocumentPath &b);

} // namespace orderlab::dynamodb::expr
