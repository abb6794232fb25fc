#include "state_capture.h"

#include "world/world.h"

#include <algorithm>
#include <map>

namespace orderlab::state {

namespace {

TableState tableState(const TableRegistry::Entry &entry)
{
    TableState t;
    t.name = entry.table->name();
    t.keySchema = entry.table->keySchema();
    t.stream = entry.table->streamSpecification();
    t.ttlAttribute = entry.settings.ttlAttribute;
    // The items and the last trace id under one lock: no write falls between them.
    entry.table->locked([&] {
        t.items = entry.table->scan();
        t.lastTraceId = entry.table->lastTraceId();
        for (const auto &index : entry.table->indexes())
            t.indexes.push_back(index.definition);
    });
    return t;
}

} // namespace

WorldState captureState(World &world)
{
    Pipeline &p = world.pipeline();
    const WorldConfig &c = world.config();
    WorldState s;
    s.time = p.scheduler().now();
    s.seed = c.pipeline.seed;
    s.shards = p.stream().shardCount();
    s.viewType = p.stream().viewType();
    s.mapping = p.mapping().config();
    s.timing = c.pipeline.timing.name;
    s.callLatencyMs = c.pipeline.callLatencyMs;
    s.handlerTtlMs = c.pipeline.handlerTtlMs;
    s.apps = c.apps;
    s.checkEveryMs = c.checkEveryMs;
    for (const auto &[op, rule] : p.faults().rules())
        s.faults.emplace_back(op, rule);

    TableRegistry &tables = p.tables();
    s.tables.push_back(tableState(tables.get(kOrdersTableName)));
    for (const auto &name : tables.names())
        if (name != kOrdersTableName)
            if (const auto entry = tables.find(name); entry.table)
                s.tables.push_back(tableState(entry));

    s.stream = p.stream().saved();
    const std::vector<LaneState> lanes = p.mapping().lanes();
    if (!p.mapping().updating()) {
        for (const auto &lane : lanes)
            s.checkpoints.push_back({lane.shard, lane.lane, lane.checkpoint, lane.nextPollAt});
    } else {
        // A ParallelizationFactor change waits for the old lanes: each new lane starts from its shard's lowest
        // old checkpoint (docs/state-files.md, "What is saved, and what is not": at least once).
        std::map<int, std::uint64_t> lowest;
        for (const auto &lane : lanes)
            if (auto [it, fresh] = lowest.emplace(lane.shard, lane.checkpoint); !fresh)
                it->second = std::min(it->second, lane.checkpoint);
        for (const auto &[shard, checkpoint] : lowest)
            for (int lane = 0; lane < s.mapping.parallelizationFactor; ++lane)
                s.checkpoints.push_back({shard, lane, checkpoint, -1});
    }
    s.nextInvocation = p.mapping().nextInvocation();
    s.caches = p.cache().listCaches();
    s.cacheEntries = p.cache().saved();
    if (auto *apps = world.apps())
        s.subscribers = apps->saved();
    return s;
}

} // namespace orderlab::state
