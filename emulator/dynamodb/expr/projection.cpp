#include "projection.h"

#include "parser_base.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace orderlab::dynamodb::expr {

namespace {

class ProjectionParser : public ParserBase
{
  public:
    ProjectionParser(std::string_view text, ExpressionContext &context)
        : ParserBase(ExpressionKind::Projection, text, context, {})
    {
    }

    Projection parse()
    {
        Projection projection;
        projection.paths.push_back(parsePath());
        while (acceptPunct(","))
            projection.paths.push_back(parsePath());
        if (!atEnd())
            syntaxError();
        const auto &paths = projection.paths;
        for (std::size_t j = 1; j < paths.size(); ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                const PathRelation relation = relatePaths(paths[i], paths[j]);
                if (relation == PathRelation::Independent)
                    continue;
                const bool overlap = relation == PathRelation::Overlap;
                m_problems.add(overlap ? Problems::Overlap : Problems::Conflict,
                               std::string("Two document paths ") + (overlap ? "overlap" : "conflict") +
                                   " with each other; must remove or rewrite one of these paths; path one: " +
                                   pathText(paths[i]) + ", path two: " + pathText(paths[j]));
            }
        }
        m_problems.throwFirst();
        return projection;
    }
};

/// The projection's paths as a tree; node 0 is the item. A node is a leaf (take the whole value), or has
/// named children (a map) or indexed children (a list), never two of these (overlap and conflict are
/// refused when parsing).
struct Tree
{
    struct Node
    {
        bool leaf = false;
        std::vector<std::pair<std::string, std::size_t>> names;
        std::map<std::size_t, std::size_t> indexes;
    };
    std::vector<Node> nodes{Node{}};

    void add(const DocumentPath &path)
    {
        std::size_t at = 0;
        for (const PathElement &step : path) {
            std::size_t child = 0;
            if (step.isIndex) {
                const auto found = nodes[at].indexes.find(step.index);
                if (found != nodes[at].indexes.end()) {
                    child = found->second;
                } else {
                    child = newChild(); // invalidates references into `nodes`
                    nodes[at].indexes[step.index] = child;
                }
            } else {
                child = named(at, step.name);
                if (child == 0) {
                    child = newChild(); // invalidates references into `nodes`
                    nodes[at].names.emplace_back(step.name, child);
                }
            }
            at = child;
        }
        nodes[at].leaf = true;
    }

    std::size_t newChild()
    {
        nodes.emplace_back();
        return nodes.size() - 1;
    }

    std::size_t named(std::size_t node, std::string_view name) const
    {
        for (const auto &[childName, child] : nodes[node].names) {
            if (childName == name)
                return child;
        }
        return 0;
    }

    /// The part of `value` under `node`, or nullopt when none of it is there. Follows the value, so the
    /// recursion is at most kMaxNestingLevel deep.
    std::optional<AttributeValue> take(const AttributeValue &value, std::size_t node) const
    {
        const Node &n = nodes[node];
        if (n.leaf)
            return value;
        if (!n.names.empty() && value.type() == AttributeValue::Type::M) {
            AttributeMap entries;
            for (const auto &[name, entry] : value.map()) {
                if (const std::size_t child = named(node, name)) {
                    if (auto part = take(entry, child))
                        entries.emplace_back(name, std::move(*part));
                }
            }
            if (entries.empty())
                return std::nullopt;
            return AttributeValue::map(std::move(entries));
        }
        if (!n.indexes.empty() && value.type() == AttributeValue::Type::L) {
            std::vector<AttributeValue> items;
            for (const auto &[index, child] : n.indexes) {
                if (index >= value.list().size())
                    break;
                if (auto part = take(value.list()[index], child))
                    items.push_back(std::move(*part));
            }
            if (items.empty())
                return std::nullopt;
            return AttributeValue::list(std::move(items));
        }
        return std::nullopt;
    }
};

} // namespace

Projection parseProjection(std::string_view text, ExpressionContext &context)
{
    return ProjectionParser(text, context).parse();
}

AttributeMap project(const Projection &projection, const AttributeMap &item)
{
    Tree tree;
    for (const DocumentPath &path : projection.paths)
        tree.add(path);
    AttributeMap out;
    for (const auto &[name, value] : item) {
        if (const std::size_t node = tree.named(0, name)) {
            if (auto part = tree.take(value, node))
                out.emplace_back(name, std::move(*part));
        }
    }
    return out;
}

} // namespace orderlab::dynamodb::expr
