#pragma once

#include "attribute_value.h"
#include "key_schema.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

/// A table's global and local secondary indexes (docs/dynamodb-indexes.md).
namespace orderlab::dynamodb {

/// Which attributes an index keeps of an item besides the keys.
enum class ProjectionType { KeysOnly, Include, All };

/// "KEYS_ONLY", "INCLUDE" or "ALL".
std::string_view projectionTypeName(ProjectionType type);

/// What CreateTable or UpdateTable declared of one index.
struct IndexDefinition
{
    std::string name;
    bool global = true; ///< a GSI; false: an LSI (same hash key as the table)
    KeySchema keys;     ///< the index's hash key and optional range key
    ProjectionType projection = ProjectionType::All;
    std::vector<std::string> nonKeyAttributes;                  ///< INCLUDE's attributes, in the order given
    std::int64_t readCapacityUnits = 0, writeCapacityUnits = 0; ///< a GSI's throughput (0 on demand)
    bool operator==(const IndexDefinition &) const = default;
};

/// The bytes DynamoDB adds to an LSI entry: when it charges the entry's write (docs/dynamodb-indexes.md, "Capacity")
/// and when it counts the entry in its item collection ("Item collections").
inline constexpr std::size_t kLsiEntryOverhead = 100;

/// True when an index of `definition` on a table of key schema `table` keeps attribute `name`.
bool projects(const IndexDefinition &definition, const KeySchema &table, const std::string &name);

/// One index entry's place: the index key's texts, then the table key (which makes it unique).
struct IndexEntryKey
{
    std::string hash, range;
    ItemKey table;
};

/// Index key order (index range as its type sorts), then table key order. An empty range or
/// an empty table key sorts first, so {hash, "", {}} is where an index partition starts.
struct IndexEntryKeyLess
{
    KeyType indexRangeType = KeyType::S;
    KeyType tableRangeType = KeyType::S;
    bool operator()(const IndexEntryKey &a, const IndexEntryKey &b) const;
};

/**
 * One secondary index of a table: for every item that has all of the index's key attributes
 * with the types the index declares (a sparse index), one entry holding the item's projection
 * (the table's key, the index's key, and INCLUDE's attributes or, for ALL, every attribute).
 *
 * Not thread-safe: the owning Table changes and reads it under its own lock (docs/threads.md).
 * Memory: at most one entry per item of the table, each no larger than the item.
 */
class SecondaryIndex
{
  public:
    SecondaryIndex(IndexDefinition definition, KeySchema tableSchema);

    const IndexDefinition &definition() const { return m_definition; }
    void setThroughput(std::int64_t read, std::int64_t write)
    {
        m_definition.readCapacityUnits = read;
        m_definition.writeCapacityUnits = write;
    }

    /**
     * Checks the index key attributes `item` has (absent ones are fine: the item is not
     * indexed). @throws ValidationError "One or more parameter values were invalid: Type mismatch
     * for Index Key <name> Expected: S Actual: N IndexName: <index>", or DynamoDB's text for an
     * empty S or B index key value.
     */
    void check(const AttributeMap &item) const;
    /// Replaces the entry of `oldItem` (when indexed) by that of `newItem` (when indexable).
    void replace(const AttributeMap *oldItem, const AttributeMap *newItem);

    /// The entry's place for `item`, when the item is indexed (has every index key, right types).
    std::optional<IndexEntryKey> entryKey(const AttributeMap &item) const;
    /// `item` as the index keeps it (its projection).
    AttributeMap project(const AttributeMap &item) const;
    /// True when the index keeps attribute `name` of every indexed item.
    bool projects(const std::string &name) const;
    /// The key attributes of an entry: the table's, then the index's (a LastEvaluatedKey).
    AttributeMap lastKey(const AttributeMap &entry) const;
    /**
     * Reads an ExclusiveStartKey: exactly the table's and the index's key attributes, right
     * types. @throws ValidationError "The provided starting key is invalid: The provided key
     * element does not match the schema".
     */
    IndexEntryKey startKey(const AttributeMap &key) const;

    /// Query: as Table::queryPage, over the entries of index hash key text `hash`. The pointers
    /// stay valid until the index next changes: copy them under the table's lock.
    std::vector<const AttributeMap *> queryPage(const std::string &hash,
                                                const std::function<bool(const AttributeMap &)> &accept, bool forward,
                                                const std::optional<IndexEntryKey> &start, std::size_t limit,
                                                std::size_t maxBytes, bool *more) const;
    /// Scan: as Table::scanPage, in index key order; `accept` sees the index hash key text.
    std::vector<const AttributeMap *> scanPage(const std::optional<IndexEntryKey> &start, std::size_t limit,
                                               std::size_t maxBytes, bool *more,
                                               const std::function<bool(const std::string &)> &accept) const;

    std::size_t size() const { return m_entries.size(); }
    /// Σ sizeBytes of the entries.
    std::size_t bytes() const { return m_bytes; }

  private:
    IndexDefinition m_definition;
    const KeySchema m_table;
    std::map<IndexEntryKey, AttributeMap, IndexEntryKeyLess> m_entries;
    std::size_t m_bytes = 0;
};

} // namespace orderlab::dynamodb
