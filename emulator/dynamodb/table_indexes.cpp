// Table's secondary indexes: adding, dropping and reading them under the table's lock
// (docs/dynamodb-indexes.md).
#include "table.h"

#include <shared_mutex>

namespace orderlab {

void Table::addIndex(dynamodb::IndexDefinition definition)
{
    auto index = std::make_unique<dynamodb::SecondaryIndex>(std::move(definition), m_schema);
    std::lock_guard lock(m_mutex);
    for (const auto &[key, item] : m_items)
        index->replace(nullptr, &item);
    const bool local = !index->definition().global;
    m_indexes.push_back(std::move(index));
    if (local)
        recountCollections();
}

bool Table::dropIndex(const std::string &name)
{
    std::lock_guard lock(m_mutex);
    if (std::erase_if(m_indexes, [&](const auto &index) { return index->definition().name == name; }) == 0)
        return false;
    recountCollections();
    return true;
}

bool Table::setIndexThroughput(const std::string &name, std::int64_t read, std::int64_t write)
{
    std::lock_guard lock(m_mutex);
    for (const auto &index : m_indexes) {
        if (index->definition().name == name) {
            index->setThroughput(read, write);
            return true;
        }
    }
    return false;
}

std::vector<Table::IndexInfo> Table::indexes() const
{
    std::shared_lock lock(m_mutex);
    std::vector<IndexInfo> out;
    for (const auto &index : m_indexes)
        out.push_back({index->definition(), index->size(), index->bytes()});
    return out;
}

std::optional<dynamodb::IndexDefinition> Table::index(const std::string &name) const
{
    std::shared_lock lock(m_mutex);
    for (const auto &index : m_indexes)
        if (index->definition().name == name)
            return index->definition();
    return std::nullopt;
}

bool Table::readIndex(const std::string &name, const std::function<void(const dynamodb::SecondaryIndex &)> &fn) const
{
    std::shared_lock lock(m_mutex);
    for (const auto &index : m_indexes) {
        if (index->definition().name == name) {
            fn(*index);
            return true;
        }
    }
    return false;
}

} // namespace orderlab
