#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/table.h"
#include "request_params.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace orderlab::aws {

/// The request's ReturnItemCollectionMetrics: true for SIZE, false for NONE or absent. @throws ApiError "1 validation
/// error detected: Value 'x' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum
/// value set: [SIZE, NONE]".
bool wantsCollectionMetrics(const Params &params);

/// `{"ItemCollectionKey":{...},"SizeEstimateRangeGB":[lower,upper]}` of the collection of `key` (a key or an item
/// of `table`) as it is now; "" when the table has no local secondary index (docs/dynamodb-indexes.md, "Item
/// collections").
std::string collectionMetricsJson(const Table &table, const dynamodb::AttributeMap &key);

/// `"ItemCollectionMetrics":{...}` of a single-item write (PutItem, UpdateItem, DeleteItem); "" when not `wanted`
/// or when the table has no local secondary index.
std::string collectionMetricsMember(bool wanted, const Table &table, const dynamodb::AttributeMap &key);

/**
 * The ItemCollectionMetrics of a write of several items (BatchWriteItem, TransactWriteItems): a map of table name to
 * a list holding each item collection written once, in the order first written; tables without a local secondary
 * index are left out. Not thread-safe: one per request.
 */
class CollectionMetrics
{
  public:
    explicit CollectionMetrics(bool wanted) : m_wanted(wanted) {}
    /// Notes a write of the item at `key` (a key or an item) of `table`.
    void add(const std::shared_ptr<Table> &table, const dynamodb::AttributeMap &key);
    /// `"ItemCollectionMetrics":{...}`, the sizes read now; "" when not wanted or no table has an LSI.
    std::string member() const;

  private:
    struct Written
    {
        std::shared_ptr<Table> table;
        std::vector<dynamodb::AttributeMap> keys;
        std::set<std::string> hashes;
    };
    bool m_wanted;
    std::map<std::string, Written> m_tables;
};

} // namespace orderlab::aws
