// ReturnItemCollectionMetrics: the size estimate of the item collections a write touched
// (docs/dynamodb-indexes.md, "Item collections").
#include "item_collection_metrics.h"

#include "capacity.h"
#include "dynamodb/item_collections.h"
#include "js/json.h"

namespace orderlab::aws {

namespace {

/// The partition key attribute of `key` (a key or an item of `table`).
dynamodb::AttributeMap collectionKey(const Table &table, const dynamodb::AttributeMap &key)
{
    const std::string &name = table.keySchema().hash.name;
    for (const auto &[attribute, value] : key)
        if (attribute == name)
            return {{attribute, value}};
    return {};
}

} // namespace

bool wantsCollectionMetrics(const Params &params)
{
    const auto mode = params.string("ReturnItemCollectionMetrics");
    if (!mode || *mode == "NONE")
        return false;
    if (*mode == "SIZE")
        return true;
    throw validation("1 validation error detected: Value '" + *mode +
                     "' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value "
                     "set: [SIZE, NONE]");
}

std::string collectionMetricsJson(const Table &table, const dynamodb::AttributeMap &key)
{
    const dynamodb::AttributeMap partition = collectionKey(table, key);
    const auto bytes = table.itemCollectionBytes(partition);
    if (!bytes)
        return {};
    const auto [lower, upper] = dynamodb::sizeEstimateRangeGb(*bytes);
    return "{\"ItemCollectionKey\":" + dynamodb::itemJson(partition) + ",\"SizeEstimateRangeGB\":[" + unitsJson(lower) +
           "," + unitsJson(upper) + "]}";
}

std::string collectionMetricsMember(bool wanted, const Table &table, const dynamodb::AttributeMap &key)
{
    if (!wanted)
        return {};
    const std::string metrics = collectionMetricsJson(table, key);
    return metrics.empty() ? std::string() : "\"ItemCollectionMetrics\":" + metrics;
}

void CollectionMetrics::add(const std::shared_ptr<Table> &table, const dynamodb::AttributeMap &key)
{
    if (!m_wanted)
        return;
    Written &written = m_tables[table->name()];
    written.table = table;
    const dynamodb::AttributeMap partition = collectionKey(*table, key);
    if (written.hashes.insert(dynamodb::itemJson(partition)).second)
        written.keys.push_back(partition);
}

std::string CollectionMetrics::member() const
{
    std::string out;
    for (const auto &[name, written] : m_tables) {
        std::string list;
        for (const auto &key : written.keys) {
            const std::string metrics = collectionMetricsJson(*written.table, key);
            if (metrics.empty())
                break; // no LSI: no collections
            list += (list.empty() ? "" : ",") + metrics;
        }
        if (list.empty())
            continue;
        out += out.empty() ? "" : ",";
        js::appendQuoted(out, name);
        out += ":[" + list + "]";
    }
    return out.empty() ? std::string() : "\"ItemCollectionMetrics\":{" + out + "}";
}

} // namespace orderlab::aws
