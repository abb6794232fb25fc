#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/secondary_index.h"
#include "dynamodb/table.h"
#include "request_params.h"

#include <map>
#include <string>

namespace orderlab::aws {

/// ReturnConsumedCapacity: NONE (or absent), TOTAL or INDEXES.
enum class CapacityMode { None, Total, Indexes };

/// The request's ReturnConsumedCapacity. @throws ApiError "1 validation error detected: Value 'x' at
/// 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]".
CapacityMode capacityMode(const Params &params);

/// Read units: ⌈bytes / 4 KB⌉ (at least 1), halved when eventually consistent.
double readUnits(std::size_t bytes, bool consistent);
/// Write units: ⌈bytes / 1 KB⌉, at least 1.
double writeUnits(std::size_t bytes);
/// A capacity figure as JSON (1, 0.5, 1.5).
std::string unitsJson(double units);

/// The units an index is charged for a write that replaced `before` by `after` in a table of key schema `table`
/// (nullptr: no item), as DynamoDB charges an index write (docs/dynamodb-indexes.md, "Capacity"): nothing when the item
/// is in the index neither before nor after, or when its entry is unchanged; ⌈entry / 1 KB⌉ to add or remove an entry;
/// the old and the new entry's units when its index key changes; the larger of the two when only projected attributes
/// change. An LSI entry counts 100 bytes more than its attributes.
double indexWriteUnits(const dynamodb::IndexDefinition &index, const dynamodb::KeySchema &table,
                       const dynamodb::AttributeMap *before, const dynamodb::AttributeMap *after);

/**
 * The capacity units one request consumed (docs/dynamodb-api.md, "Capacity"), kept per table and per secondary
 * index, and its ConsumedCapacity as every operation answers it. A request reads or writes, never both: its figures
 * are ReadCapacityUnits or WriteCapacityUnits by `write`. CapacityUnits is the sum of the table's own units and its
 * indexes'; TOTAL gives that sum, INDEXES adds `Table`, `LocalSecondaryIndexes` and `GlobalSecondaryIndexes`.
 * With CapacityMode::None nothing is counted (the add functions return at once). Not thread-safe: one per request.
 */
class Consumption
{
  public:
    Consumption(CapacityMode mode, bool write) : m_mode(mode), m_write(write) {}

    /// Whether the request asked for ConsumedCapacity.
    bool wanted() const { return m_mode != CapacityMode::None; }

    /// `units` charged to `table` itself; 0 still names the table in the answer.
    void addTable(const std::string &table, double units);
    /// `units` charged to secondary index `index` of `table`.
    void addIndex(const std::string &table, const dynamodb::IndexDefinition &index, double units);
    /// A write of `table` that replaced `before` by `after` (nullptr: no item), every figure times `factor` (2 in a
    /// transaction): the table ⌈larger image / 1 KB⌉, each index indexWriteUnits (the indexes as they are now).
    void addWrite(const Table &table, const dynamodb::AttributeMap *before, const dynamodb::AttributeMap *after,
                  double factor = 1);
    /// One item read by its key (nullptr: absent, charged as an empty item), times `factor` (2 in a transaction).
    void addItemRead(const std::string &table, const dynamodb::AttributeMap *item, bool consistent, double factor = 1);

    /// `"ConsumedCapacity":{...}` of the one table charged ("" when not wanted or nothing was charged).
    std::string member() const;
    /// `"ConsumedCapacity":[{...}, ...]`, one entry per table charged, in name order ("" when not wanted).
    std::string listMember() const;

  private:
    struct Units
    {
        double table = 0;
        std::map<std::string, double> local, global;
    };
    std::string entry(const std::string &table, const Units &units) const;

    CapacityMode m_mode;
    bool m_write;
    std::map<std::string, Units> m_tables;
};

/// `body` (a JSON object) with `member` added; `body` as it is when `member` is empty.
std::string withCapacity(std::string body, const std::string &member);

} // namespace orderlab::aws
