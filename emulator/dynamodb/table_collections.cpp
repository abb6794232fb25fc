// Table's item collections: their running sizes, the limit, and the check a batch or a transaction makes before it
// writes (docs/dynamodb-indexes.md, "Item collections").
#include "table.h"

#include <map>
#include <shared_mutex>

namespace orderlab {

using dynamodb::AttributeMap;
using dynamodb::ItemCollections;

void Table::checkCollection(const std::string &hash, const AttributeMap *old, const AttributeMap &item) const
{
    if (!m_collectionsKept)
        return;
    const std::uint64_t before = old ? ItemCollections::itemBytes(*old, m_indexes) : 0;
    const std::uint64_t after = ItemCollections::itemBytes(item, m_indexes);
    if (after > before && m_collections.bytes(hash) + (after - before) > m_collectionLimit)
        throw dynamodb::itemCollectionTooLarge();
}

void Table::recountCollections()
{
    m_collections.clear();
    m_collectionsKept = false;
    for (const auto &index : m_indexes)
        m_collectionsKept = m_collectionsKept || !index->definition().global;
    if (!m_collectionsKept)
        return;
    for (const auto &[key, item] : m_items)
        m_collections.change(key.hash, 0, ItemCollections::itemBytes(item, m_indexes));
}

std::vector<std::size_t> Table::oversizedCollections(const std::vector<PlannedWrite> &writes) const
{
    std::vector<dynamodb::ItemKey> keys;
    keys.reserve(writes.size());
    for (const auto &write : writes)
        keys.push_back(dynamodb::keyOf(m_schema, *write.key));
    std::lock_guard lock(m_mutex);
    if (!m_collectionsKept)
        return {};
    std::vector<std::int64_t> growth(writes.size());
    std::map<std::string, std::int64_t> collectionGrowth;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const auto it = m_items.find(keys[i]);
        const auto before =
            static_cast<std::int64_t>(it == m_items.end() ? 0 : ItemCollections::itemBytes(it->second, m_indexes));
        const auto after =
            static_cast<std::int64_t>(writes[i].item ? ItemCollections::itemBytes(*writes[i].item, m_indexes) : 0);
        growth[i] = after - before;
        collectionGrowth[keys[i].hash] += growth[i];
    }
    std::vector<std::size_t> oversized;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const std::int64_t grows = collectionGrowth[keys[i].hash];
        if (growth[i] > 0 && grows > 0 &&
            m_collections.bytes(keys[i].hash) + static_cast<std::uint64_t>(grows) > m_collectionLimit)
            oversized.push_back(i);
    }
    return oversized;
}

std::optional<std::uint64_t> Table::itemCollectionBytes(const AttributeMap &key) const
{
    const dynamodb::AttributeValue *hash = nullptr;
    for (const auto &[name, value] : key)
        if (name == m_schema.hash.name)
            hash = &value;
    std::shared_lock lock(m_mutex);
    if (!m_collectionsKept)
        return std::nullopt;
    if (!hash)
        throw dynamodb::ValidationError("The provided key element does not match the schema");
    return m_collections.bytes(
        dynamodb::itemKey(dynamodb::KeySchema{m_schema.hash, std::nullopt}, AttributeMap{{m_schema.hash.name, *hash}})
            .hash);
}

std::size_t Table::itemCollectionCount() const
{
    std::shared_lock lock(m_mutex);
    return m_collections.count();
}

std::uint64_t Table::itemCollectionLimit() const
{
    std::shared_lock lock(m_mutex);
    return m_collectionLimit;
}

void Table::setItemCollectionLimit(std::uint64_t bytes)
{
    std::lock_guard lock(m_mutex);
    m_collectionLimit = bytes;
}

} // namespace orderlab
