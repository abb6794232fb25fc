#include "document_path.h"

#include <algorithm>

namespace orderlab::dynamodb::expr {

std::string pathText(const DocumentPath &path)
{
    std::string out = "[";
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i)
            out += ", ";
        if (path[i].isIndex)
            out += "[" + std::to_string(path[i].index) + "]";
        else
            out += path[i].name;
    }
    return out + "]";
}

const AttributeValue *resolvePath(const AttributeMap *item, const DocumentPath &path)
{
    if (!item || path.empty() || path.front().isIndex)
        return nullptr;
    const AttributeValue *current = find(*item, path.front().name);
    for (std::size_t i = 1; current && i < path.size(); ++i) {
        const PathElement &step = path[i];
        if (step.isIndex) {
            if (current->type() != AttributeValue::Type::L || step.index >= current->list().size())
                return nullptr;
            current = &current->list()[step.index];
        } else {
            if (current->type() != AttributeValue::Type::M)
                return nullptr;
            current = find(current->map(), step.name);
        }
    }
    return current;
}

PathRelation relatePaths(const DocumentPath &a, const DocumentPath &b)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i].isIndex != b[i].isIndex)
            return PathRelation::Conflict;
        if (!(a[i] == b[i]))
            return PathRelation::Independent;
    }
    return PathRelation::Overlap;
}

} // namespace orderlab::dynamodb::expr
