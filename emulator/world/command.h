#pragma once

#include "mapping/mapping_config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

/**
 * One user action on a world, as a value: what World::apply takes, what CommandAppliedEvent
 * carries and what a recording replays (docs/event-stream.md, "Commands"). Only the fields
 * of its kind matter; toJson writes exactly those.
 */
struct Command
{
    enum class Kind {
        NewOrder,         ///< creator, items (JSON array); pk is chosen when applied and recorded
        AdvanceStatus,    ///< pk
        EditItems,        ///< pk, items
        CancelOrder,      ///< pk
        PutItem,          ///< item (AttributeValue JSON of the whole item); table (empty: orders)
        UpdateItem,       ///< pk, item (attributes to SET, AttributeValue JSON; may be empty), names (to REMOVE)
        DeleteItem,       ///< pk; or table and item (AttributeValue JSON of the key) for another table
        SetFault,         ///< op, spec (FaultRule::parse)
        ClearFault,       ///< op
        AddSubscriber,    ///< name, topic (or pattern with *)
        RemoveSubscriber, ///< name
        Pause,            ///< flag: paused or not
        Step,             ///< ms
        SetSpeed,         ///< number (0 = as fast as possible)
        SetFeeding,       ///< flag
        SetRate,          ///< number: table writes per second of the feed
        UpdateMapping,    ///< mapping
        Redeliver,        ///< shard, lane
    };

    Kind kind = Kind::NewOrder;
    std::string pk;
    std::string creator;
    std::string items;
    std::string item;
    std::string table; ///< PutItem, DeleteItem: a table made through the DynamoDB API; empty: orders
    std::string op;
    std::string spec;
    std::string name;
    std::string topic;
    std::vector<std::string> names;
    int shard = 0;
    int lane = 0;
    std::int64_t ms = 0;
    double number = 0;
    bool flag = false;
    MappingConfig mapping;

    static const char *kindName(Kind kind);
    /// Compact JSON: {"command":"<kind>", ...the kind's fields}.
    std::string toJson() const;
    /// Parses toJson's form; on failure returns nothing and says why in `error`.
    static std::optional<Command> fromJson(const std::string &json, std::string *error);
};

/// MappingConfig as JSON (AWS's parameter names) and back; fromJson says what was wrong.
std::string mappingConfigJson(const MappingConfig &config);
std::optional<MappingConfig> mappingConfigFromJson(const std::string &json, std::string *error);

} // namespace orderlab
