#pragma once

#include "attribute_value.h"
#include "secondary_index.h"
#include "service_error.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// The item collections of a table with a local secondary index (docs/dynamodb-indexes.md, "Item collections").
namespace orderlab::dynamodb {

/// DynamoDB's limit on an item collection: 10 GB, counted as 10 × 2^30 bytes (DynamoDB's GB and KB are binary, as
/// its 400 KB item limit is 400 × 1024 bytes).
inline constexpr std::uint64_t kDefaultItemCollectionLimit = 10ULL << 30;

/// DynamoDB's text for a write that would take an item collection over the limit: the exception's message and a
/// transaction's cancellation reason (AWS's developer guide, "Error handling"; the API reference's
/// CancellationReason list).
inline constexpr std::string_view kItemCollectionSizeLimitMessage = "Collection size exceeded.";

/// ItemCollectionSizeLimitExceededException "Collection size exceeded.".
inline ServiceError itemCollectionTooLarge()
{
    return ServiceError("ItemCollectionSizeLimitExceededException", std::string(kItemCollectionSizeLimitMessage));
}

/**
 * The running size of every item collection of one table: the items with one partition key value, plus their
 * entries in the table's local secondary indexes. An item counts its sizeBytes; each LSI that indexes it counts
 * its entry (the projection's sizeBytes) plus kLsiEntryOverhead, as DynamoDB charges an LSI write.
 *
 * Memory: one map entry per partition key value that holds items (an entry is erased when its size drops to 0).
 * Not thread-safe: the owning Table changes and reads it under its own lock.
 */
class ItemCollections
{
  public:
    /// The bytes `item` adds to its collection, given the table's indexes (only the local ones count).
    static std::uint64_t itemBytes(const AttributeMap &item,
                                   const std::vector<std::unique_ptr<SecondaryIndex>> &indexes);

    /// Replaces `before` bytes by `after` bytes in the collection of partition key text `hash`.
    void change(const std::string &hash, std::uint64_t before, std::uint64_t after);
    /// The size of the collection of `hash`; 0 when it holds nothing.
    std::uint64_t bytes(const std::string &hash) const;
    /// The number of collections held.
    std::size_t count() const { return m_bytes.size(); }
    void clear() { m_bytes.clear(); }

  private:
    std::map<std::string, std::uint64_t> m_bytes; ///< no entry of 0 bytes
};

/// SizeEstimateRangeGB of a collection of `bytes`: the whole GB (2^30 bytes) below it and the one above.
std::pair<double, double> sizeEstimateRangeGb(std::uint64_t bytes);

} // namespace orderlab::dynamodb
