#pragma once

#include "attribute_value.h"
#include "clock.h"
#include "item_collections.h"
#include "key_schema.h"
#include "secondary_index.h"
#include "stream/view_type.h"
#include "table_change.h"
#include "table_mutex.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

class EventBus;

/// A table's StreamSpecification.
struct StreamSpecification
{
    bool enabled = false;
    StreamViewType viewType = StreamViewType::NewAndOldImages;
    bool operator==(const StreamSpecification &) const = default;
};

/**
 * A fake DynamoDB table: a name, a key schema (hash key, optional range key; S, N or B), items
 * of AttributeValues, and the write rules the stream depends on (`docs/stream-and-mapping.md`,
 * "The table").
 *
 * Every write validates first and changes nothing when it fails: it throws
 * dynamodb::ValidationError with DynamoDB's wording (missing key, wrong key type, empty key,
 * key over 2048 (hash) / 1024 (range) bytes, updating a key attribute, item over 400 KB, nesting
 * too deep, duplicate attribute names). A write that changes data commits, takes the table's next
 * trace id (1, 2, …) and is published to the event bus (TableChangedEvent) before the lock is
 * released, so the bus orders changes in commit order. A subscriber that the write's own thread
 * runs then runs under the table's lock: bus subscribers must not call back into the table. A
 * write that changes no data (same attributes, same values) and a delete of a missing item
 * commit nothing. Every committed write updates the table's secondary indexes in the same step,
 * under the same lock (docs/dynamodb-indexes.md); they add nothing to the change published. A table with a local
 * secondary index keeps the size of each item collection in step too, and a put or an update that would grow one
 * past the table's limit throws dynamodb::ServiceError ItemCollectionSizeLimitExceededException and changes nothing
 * (docs/dynamodb-indexes.md, "Item collections").
 *
 * The overloads taking `const std::string &pk` are for a hash-only table whose hash key is S
 * (the orders table); they look the item up by that text.
 *
 * Thread-safe: one readers-writer lock (TableMutex) guards everything. Writes (and locked()) hold it
 * exclusively; the const reads hold it shared, so reads of one table run at once. A callback that a read runs
 * under the lock (visit's `fn`, the `accept` of scanPage and queryPage, readIndex's `fn`) may read this table but
 * must not write it (TableMutex aborts an upgrade rather than deadlock) nor take another table's lock: a waiting
 * writer holds new readers back, so two readers each waiting for the other's table could wait for ever. Several
 * tables are locked together only exclusively, in name order (batches and transactions, aws/table_locks.h). The
 * clock and the bus are not owned and must outlive the table.
 */
class Table
{
  public:
    struct WriteResult
    {
        bool changed = false;      ///< a change was committed (and published)
        std::uint64_t traceId = 0; ///< the change's trace id; 0 when nothing changed
        std::optional<TableChange::Kind> kind;
        std::optional<dynamodb::AttributeMap> oldImage; ///< the item before the write, when there was one
    };

    /// The orders table as it always was: `name` "orders", hash key `keyName` (S), a
    /// NEW_AND_OLD_IMAGES stream. `events` may be null (nothing is published).
    Table(const Clock &clock, EventBus *events, std::string keyName = "pk");
    Table(const Clock &clock, EventBus *events, std::string name, dynamodb::KeySchema schema,
          StreamSpecification stream);
    Table(const Table &) = delete;
    Table &operator=(const Table &) = delete;

    /// PutItem: replaces the whole item (Insert or Modify). Storing an equal item (same attributes,
    /// equal values, any order) commits nothing and leaves the stored item as it was, so every
    /// record's OldImage is the previous record's NewImage.
    WriteResult put(dynamodb::AttributeMap item);

    /// UpdateItem: SETs `set` (existing attributes keep their position, new ones are appended) and
    /// REMOVEs `remove` (absent names are ignored); creates the item, key first, when it is absent
    /// (Insert, even with nothing to set). Naming an attribute twice across `set` and `remove` is
    /// a ValidationError, as overlapping document paths are in DynamoDB; so is naming a key attribute.
    WriteResult update(const dynamodb::AttributeMap &key, const dynamodb::AttributeMap &set,
                       const std::vector<std::string> &remove);
    WriteResult update(const std::string &pk, const dynamodb::AttributeMap &set,
                       const std::vector<std::string> &remove);

    /// DeleteItem; nothing happens for a missing item. The map form checks the key (keyOf).
    WriteResult remove(const dynamodb::AttributeMap &key);
    WriteResult remove(const std::string &pk);

    /// A delete made by TTL (TableChange::byTtl); nothing happens for a missing item.
    WriteResult ttlDelete(const std::string &pk);
    WriteResult ttlDelete(const dynamodb::AttributeMap &key);

    std::optional<dynamodb::AttributeMap> get(const std::string &pk) const;
    /// GetItem; checks the key (keyOf).
    std::optional<dynamodb::AttributeMap> get(const dynamodb::AttributeMap &key) const;
    /// GetItem without a copy: calls `fn` once with the item, or null when there is none, while holding the
    /// table's lock shared (so `fn` must not write this table, nor wait for another thread that writes it);
    /// checks the key (keyOf) first.
    void visit(const dynamodb::AttributeMap &key, const std::function<void(const dynamodb::AttributeMap *)> &fn) const;
    /// Every item, in key order (hash bytes, then range as DynamoDB sorts it).
    std::vector<dynamodb::AttributeMap> scan() const;
    /// Up to `limit` items (0: no limit) after `exclusiveStart` (a key the table accepts), in scan
    /// order, stopping after the item that brings the page to `maxBytes` (0: no cap); `more` tells
    /// whether items remain after the page. `accept`, when set, skips the items whose hash key text
    /// it refuses (Scan's segments); they count toward nothing.
    std::vector<dynamodb::AttributeMap> scanPage(const std::optional<dynamodb::AttributeMap> &exclusiveStart,
                                                 std::size_t limit, std::size_t maxBytes, bool *more,
                                                 const std::function<bool(const std::string &hash)> &accept = {}) const;
    /// Query: the items whose hash key text is `hash`, in range key order (descending when not
    /// `forward`), after `exclusiveStart` (a key the table accepts) in that order, keeping those
    /// `accept` takes (the key condition on the range key; the others count toward nothing), up to
    /// `limit` (0: no limit), stopping after the item that brings the page to `maxBytes` (0: no cap);
    /// `more` tells whether accepted items remain after the page. A start key of another partition
    /// gives an empty page.
    std::vector<dynamodb::AttributeMap> queryPage(const std::string &hash,
                                                  const std::function<bool(const dynamodb::AttributeMap &)> &accept,
                                                  bool forward,
                                                  const std::optional<dynamodb::AttributeMap> &exclusiveStart,
                                                  std::size_t limit, std::size_t maxBytes, bool *more) const;
    std::size_t size() const;
    /// Checks `item` as put() would, changing nothing. @throws dynamodb::ValidationError.
    void validate(const dynamodb::AttributeMap &item) const { checkItem(item); }
    /// Σ sizeBytes of the items.
    std::size_t bytes() const;
    /// The trace id of the last committed change; 0 before the first.
    std::uint64_t lastTraceId() const;
    /// The hash key's name.
    const std::string &keyName() const { return m_schema.hash.name; }
    const std::string &name() const { return m_name; }
    const dynamodb::KeySchema &keySchema() const { return m_schema; }
    StreamSpecification streamSpecification() const;
    void setStreamSpecification(StreamSpecification spec);

    /// A secondary index as DescribeTable reports it.
    struct IndexInfo
    {
        dynamodb::IndexDefinition definition;
        std::size_t itemCount = 0, bytes = 0;
    };
    /// Adds a secondary index (docs/dynamodb-indexes.md) and fills it from the items now stored;
    /// an item whose index key has another type than the index declares is left out of it. The
    /// caller has checked the definition (a new name, keys of this table's attributes).
    void addIndex(dynamodb::IndexDefinition definition);
    /// Drops index `name`; false when there is none.
    bool dropIndex(const std::string &name);
    /// Sets a GSI's throughput; false when there is no index `name`.
    bool setIndexThroughput(const std::string &name, std::int64_t read, std::int64_t write);
    /// The indexes, in the order they were added.
    std::vector<IndexInfo> indexes() const;
    /// The definition of index `name`, when there is one.
    std::optional<dynamodb::IndexDefinition> index(const std::string &name) const;
    /// Runs `fn` on index `name` holding the table's lock shared (`fn` may read this table); false when
    /// there is no such index.
    bool readIndex(const std::string &name, const std::function<void(const dynamodb::SecondaryIndex &)> &fn) const;
    /// Replaces every item with `items` and sets the last trace id, committing and publishing nothing: a
    /// world being built from a state file (docs/state-files.md). Checks every item as put() would and
    /// refuses two items with one key; throws dynamodb::ValidationError (prefixed "item N: ") and changes
    /// nothing when one is wrong.
    void restore(const std::vector<dynamodb::AttributeMap> &items, std::uint64_t lastTraceId);

    /// A write that a batch or a transaction plans: the key of its item (a key, as keyOf reads it) and the item's
    /// new image (nullptr: the item is deleted).
    struct PlannedWrite
    {
        const dynamodb::AttributeMap *key = nullptr;
        const dynamodb::AttributeMap *item = nullptr;
    };
    /// The positions in `writes` (at most one per item) of those that would take their item collection over the
    /// limit, all of `writes` made against the items as they are: each write that grows a collection whose size after
    /// all of them would be over the limit. Empty when all fit and when the table has no local secondary index. Call
    /// it under locked() together with the writes, so that nothing changes in between.
    /// @throws dynamodb::ValidationError for a key that does not fit the table.
    std::vector<std::size_t> oversizedCollections(const std::vector<PlannedWrite> &writes) const;
    /// The size in bytes of the item collection of the partition that `key` (the partition key attribute, or a
    /// key or an item of this table) names; nullopt when the table has no local secondary index.
    std::optional<std::uint64_t> itemCollectionBytes(const dynamodb::AttributeMap &key) const;
    /// The number of item collections kept: one per partition key value holding items, when the table has a local
    /// secondary index; 0 otherwise.
    std::size_t itemCollectionCount() const;
    /// The limit on an item collection's size in bytes (dynamodb::kDefaultItemCollectionLimit unless set).
    std::uint64_t itemCollectionLimit() const;
    void setItemCollectionLimit(std::uint64_t bytes);

    /// Runs `fn` while holding the table's lock (recursive: `fn` may call this table's members), for
    /// writers that must check and change several items atomically (transactions, batches).
    void locked(const std::function<void()> &fn) const;

  private:
    void checkItem(const dynamodb::AttributeMap &item) const;
    dynamodb::ItemKey pkKey(const std::string &pk) const { return {pk, {}}; }
    WriteResult updateAt(const dynamodb::ItemKey &key, const dynamodb::AttributeMap &keyAttributes,
                         const dynamodb::AttributeMap &set, const std::vector<std::string> &remove);
    WriteResult erase(const dynamodb::ItemKey &key, bool byTtl);
    /// Throws dynamodb::itemCollectionTooLarge when replacing `old` (nullptr: none) by `item` grows the collection of
    /// `hash` past the limit; the caller holds m_mutex.
    void checkCollection(const std::string &hash, const dynamodb::AttributeMap *old,
                         const dynamodb::AttributeMap &item) const;
    /// Counts every collection again from the items (an LSI added or dropped, a restore); the caller holds m_mutex.
    void recountCollections();
    /// Assigns the trace id and publishes the change; the caller holds m_mutex and has stored it.
    WriteResult commit(TableChange::Kind kind, const dynamodb::ItemKey &key,
                       std::optional<dynamodb::AttributeMap> oldImage, std::optional<dynamodb::AttributeMap> newImage,
                       bool byTtl);

    const Clock &m_clock;
    EventBus *const m_events;
    const std::string m_name;
    const dynamodb::KeySchema m_schema;
    mutable TableMutex m_mutex;
    StreamSpecification m_stream;
    std::map<dynamodb::ItemKey, dynamodb::AttributeMap, dynamodb::ItemKeyLess> m_items;
    std::uint64_t m_lastTraceId = 0;
    std::vector<std::unique_ptr<dynamodb::SecondaryIndex>> m_indexes; ///< kept in step by commit()
    bool m_collectionsKept = false;                                   ///< the table has a local secondary index
    dynamodb::ItemCollections m_collections;                          ///< kept in step by commit() when kept
    std::uint64_t m_collectionLimit = dynamodb::kDefaultItemCollectionLimit;
};

} // namespace orderlab
