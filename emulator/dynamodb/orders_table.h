#pragma once

#include "attribute_value.h"
#include "clock.h"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

/// One committed modification of the orders table: what its stream record is made of.
struct TableChange
{
    enum class Kind { Insert, Modify, Remove };
    Kind kind = Kind::Insert;
    std::string pk;
    std::optional<dynamodb::AttributeMap> oldImage, newImage; ///< absent for Insert / Remove
    TimeMs time = 0;                                          ///< commit time on the table's clock
    bool byTtl = false;                                       ///< a delete made by TTL
    std::uint64_t traceId = 0;
};

class EventBus;

/// INSERT, MODIFY or REMOVE: the change's eventName in its stream record.
const char *tableChangeName(TableChange::Kind kind);

/**
 * The fake DynamoDB `orders` table: a single string partition key (`pk` by default), items of
 * AttributeValues, and the write rules the stream depends on (`docs/stream-and-mapping.md`, "The table").
 *
 * Every write validates first and changes nothing when it fails: it throws
 * dynamodb::ValidationError with DynamoDB's wording (missing key, key not S, empty key, key over
 * 2048 bytes, updating the key, item over 400 KB, nesting too deep, duplicate attribute names).
 * A write that changes data commits, takes the next trace id (1, 2, …) and is published to the
 * event bus (TableChangedEvent) before the lock is released, so the bus orders changes in commit
 * order. A subscriber that the write's own thread runs then runs under the table's lock: bus
 * subscribers must not call back into the table. A write that changes no
 * data (same attributes, same values) and a delete of a missing item commit nothing.
 *
 * Thread-safe: one mutex guards everything. The clock and the bus are not owned and must outlive
 * the table.
 */
class OrdersTable
{
  public:
    struct WriteResult
    {
        bool changed = false;      ///< a change was committed (and published)
        std::uint64_t traceId = 0; ///< the change's trace id; 0 when nothing changed
        std::optional<TableChange::Kind> kind;
    };

    /// `events` may be null (nothing is published).
    OrdersTable(const Clock &clock, EventBus *events, std::string keyName = "pk");
    OrdersTable(const OrdersTable &) = delete;
    OrdersTable &operator=(const OrdersTable &) = delete;

    /// PutItem: replaces the whole item (Insert or Modify). Storing an equal item (same attributes,
    /// equal values, any order) commits nothing and leaves the stored item as it was, so every
    /// record's OldImage is the previous record's NewImage.
    WriteResult put(dynamodb::AttributeMap item);

    /// UpdateItem: SETs `set` (existing attributes keep their position, new ones are appended) and
    /// REMOVEs `remove` (absent names are ignored); creates the item, key first, when it is absent
    /// (Insert, even with nothing to set). Naming an attribute twice across `set` and `remove` is
    /// a ValidationError, as overlapping document paths are in DynamoDB.
    WriteResult update(const std::string &pk, const dynamodb::AttributeMap &set,
                       const std::vector<std::string> &remove);

    /// DeleteItem; nothing happens for a missing item.
    WriteResult remove(const std::string &pk);

    /// A delete made by TTL (TableChange::byTtl); nothing happens for a missing item.
    WriteResult ttlDelete(const std::string &pk);

    std::optional<dynamodb::AttributeMap> get(const std::string &pk) const;
    /// Every item, in key order (byte-wise).
    std::vector<dynamodb::AttributeMap> scan() const;
    std::size_t size() const;
    /// The trace id of the last committed change; 0 before the first.
    std::uint64_t lastTraceId() const;
    const std::string &keyName() const { return m_keyName; }

  private:
    void checkKey(const std::string &pk) const;
    void checkItem(const dynamodb::AttributeMap &item) const;
    WriteResult erase(const std::string &pk, bool byTtl);
    /// Assigns the trace id and publishes the change; the caller holds m_mutex and has stored it.
    WriteResult commit(TableChange::Kind kind, const std::string &pk, std::optional<dynamodb::AttributeMap> oldImage,
                       std::optional<dynamodb::AttributeMap> newImage, bool byTtl);

    const Clock &m_clock;
    EventBus *const m_events;
    const std::string m_keyName;
    mutable std::mutex m_mutex;
    std::map<std::string, dynamodb::AttributeMap, std::less<>> m_items;
    std::uint64_t m_lastTraceId = 0;
};

} // namespace orderlab
