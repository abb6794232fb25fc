#pragma once

#include "attribute_value.h"
#include "clock.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace orderlab {

class Table;
class TableRegistry;

/**
 * DynamoDB's Time to Live on the emulator clock (docs/dynamodb-api.md, "Time to live"): deletes the items
 * of every table with TimeToLive enabled whose TTL attribute is a Number of epoch seconds at or before now,
 * and not more than five years before now, through Table::ttlDelete (so each delete's stream record carries
 * the service's `userIdentity`). Other values (strings, numbers in milliseconds, which read as seconds far
 * in the future) are never deleted.
 *
 * Each sweep() reads at most Limits::maxExamined items and deletes at most Limits::maxDeleted, continuing
 * each table where the previous sweep stopped and the tables in name order, so a sweep's work is bounded
 * whatever the tables hold. An item's expiry is checked again under the table's lock before it is deleted:
 * an item rewritten with a later TTL since it was read stays.
 *
 * Threading: sweep() is called by one thread at a time (the scheduler's driving thread, from the pipeline's
 * housekeeping); the tables and the registry are thread-safe. The registry and the clock are not owned
 * and must outlive the sweeper.
 */
class TtlSweeper
{
  public:
    struct Limits
    {
        std::size_t maxExamined = 10000; ///< items read per sweep
        std::size_t maxDeleted = 1000;   ///< items deleted per sweep
    };
    struct Sweep
    {
        std::size_t examined = 0;
        std::size_t deleted = 0;
    };

    /// Items whose TTL is more than this before now are never deleted (AWS: five years).
    static constexpr std::int64_t kMaxAgeSeconds = 5LL * 365 * 24 * 3600;

    TtlSweeper(const TableRegistry &tables, const Clock &clock, Limits limits);
    TtlSweeper(const TableRegistry &tables, const Clock &clock) : TtlSweeper(tables, clock, Limits()) {}

    /// One bounded pass of work over the TTL tables; what it read and deleted.
    Sweep sweep();

    /// Whether `item`'s attribute `attribute` makes it expired at `now` (the rule above).
    static bool expired(const dynamodb::AttributeMap &item, const std::string &attribute, TimeMs now);

  private:
    /// Sweeps `table` from its cursor within the budget left in `done`; true when it reached the table's end.
    bool sweepTable(const std::string &name, Table &table, const std::string &attribute, Sweep &done);

    const TableRegistry &m_tables;
    const Clock &m_clock;
    const Limits m_limits;
    std::map<std::string, std::optional<dynamodb::AttributeMap>> m_cursors; ///< last key read, per table
    std::string m_resume; ///< the table the next sweep starts with (the first at or after it by name)
};

} // namespace orderlab
