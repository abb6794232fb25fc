#include "item_collections.h"

#include <algorithm>

namespace orderlab::dynamodb {

std::uint64_t ItemCollections::itemBytes(const AttributeMap &item,
                                         const std::vector<std::unique_ptr<SecondaryIndex>> &indexes)
{
    std::uint64_t bytes = sizeBytes(item);
    for (const auto &index : indexes) {
        if (index->definition().global || !index->entryKey(item))
            continue;
        bytes += sizeBytes(index->project(item)) + kLsiEntryOverhead;
    }
    return bytes;
}

void ItemCollections::change(const std::string &hash, std::uint64_t before, std::uint64_t after)
{
    if (before == after)
        return;
    const auto it = m_bytes.find(hash);
    const std::uint64_t current = it == m_bytes.end() ? 0 : it->second;
    const std::uint64_t next = current - std::min(current, before) + after;
    if (next == 0) {
        if (it != m_bytes.end())
            m_bytes.erase(it);
    } else if (it == m_bytes.end()) {
        m_bytes.emplace(hash, next);
    } else {
        it->second = next;
    }
}

std::uint64_t ItemCollections::bytes(const std::string &hash) const
{
    const auto it = m_bytes.find(hash);
    return it == m_bytes.end() ? 0 : it->second;
}

std::pair<double, double> sizeEstimateRangeGb(std::uint64_t bytes)
{
    const double lower = static_cast<double>(bytes >> 30);
    return {lower, lower + 1};
}

} // namespace orderlab::dynamodb
