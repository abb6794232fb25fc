#pragma once

#include "apps/subscriber_apps.h"
#include "cache_store.h"
#include "dynamodb/key_schema.h"
#include "dynamodb/secondary_index.h"
#include "dynamodb/table.h"
#include "fault_injector.h"
#include "mapping/event_source_mapping.h"
#include "mapping/mapping_config.h"
#include "stream/stream.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::state {

/// The `"orderlab-state"` version this build writes and reads.
inline constexpr int kStateVersion = 1;
/// A state file larger than this is refused before it is parsed (docs/state-files.md, "Limits").
inline constexpr std::size_t kMaxStateBytes = 64 * 1024 * 1024;

/// One table of the world, as a state file keeps it.
struct TableState
{
    std::string name;
    dynamodb::KeySchema keySchema;
    StreamSpecification stream;
    std::optional<std::string> ttlAttribute; ///< TimeToLiveSpecification's attribute, when enabled
    std::uint64_t lastTraceId = 0;           ///< the trace id of the table's last committed change
    /// Its secondary indexes, in the order they were added: definitions only (a restore fills them from `items`).
    std::vector<dynamodb::IndexDefinition> indexes;
    std::vector<dynamodb::AttributeMap> items;
};

/**
 * A world's state at one instant of its emulator clock: what a state file holds
 * (docs/state-files.md). A value: the writer turns it into the file's text, the reader back, capture
 * takes it from a running world and a World built with WorldConfig::state starts from it.
 * Times are emulator milliseconds since the Unix epoch.
 */
struct WorldState
{
    // The world's configuration.
    TimeMs time = kDefaultStartTime; ///< the emulator clock at the snapshot
    std::uint64_t seed = 1;
    int shards = 1;
    StreamViewType viewType = StreamViewType::NewAndOldImages;
    MappingConfig mapping;
    std::string timing = "in-region";    ///< a named profile (docs/timing-model.md)
    std::optional<TimeMs> callLatencyMs; ///< instead of `timing`: a fixed call latency
    TimeMs handlerTtlMs = 60000;
    bool apps = true;
    TimeMs checkEveryMs = 1000;
    std::vector<std::pair<std::string, FaultRule>> faults; ///< the faults in effect, by operation

    // What the world holds.
    std::vector<TableState> tables;                          ///< `orders` first, then the others by name
    Stream::Saved stream;                                    ///< the orders table's stream
    std::vector<EventSourceMapping::Checkpoint> checkpoints; ///< with each lane's next poll, when scheduled
    std::uint64_t nextInvocation = 1;                        ///< the mapping's next invocation id
    std::vector<std::string> caches;                         ///< the caches' names, sorted
    std::vector<CacheStore::SavedEntry> cacheEntries;        ///< live keys, least recently used first
    SubscriberApps::Saved subscribers;
};

} // namespace orderlab::state
