#include "state_restore.h"

#include "world/world_config.h"

#include <stdexcept>

namespace orderlab::state {

void applyStateConfig(const WorldState &s, WorldConfig &config)
{
    PipelineConfig &p = config.pipeline;
    p.startTime = s.time;
    p.seed = s.seed;
    p.shards = s.shards;
    p.viewType = s.viewType;
    p.mapping = s.mapping;
    p.callLatencyMs = s.callLatencyMs;
    if (const auto profile = TimingProfile::named(s.timing))
        p.timing = *profile;
    p.handlerTtlMs = s.handlerTtlMs;
    p.faults = s.faults;
    p.caches = s.caches;
    config.apps = s.apps;
    config.checkEveryMs = s.checkEveryMs;
}

void restoreContents(const WorldState &s, Pipeline &p)
{
    TableRegistry &tables = p.tables();
    for (const TableState &t : s.tables) {
        Table *table = &p.table();
        if (t.name != kOrdersTableName) {
            TableSettings settings;
            settings.createdAt = s.time;
            table = tables.create(t.name, t.keySchema, t.stream, settings).table.get();
        }
        // The items first: each index is then filled from them as UpdateTable fills a new one (an item whose
        // index key has another type stays out of it, as it was).
        table->restore(t.items, t.lastTraceId);
        for (const dynamodb::IndexDefinition &index : t.indexes)
            if (!table->index(index.name))
                table->addIndex(index);
        tables.updateSettings(t.name, [&](TableSettings &settings) { settings.ttlAttribute = t.ttlAttribute; });
    }
    p.stream().restore(s.stream);
    p.mapping().restoreCheckpoints(s.checkpoints, s.nextInvocation);
    p.cache().restore(s.caches, s.cacheEntries);
}

bool restoreSubscribers(const WorldState &s, SubscriberApps &apps, std::string *error)
{
    return apps.restore(s.subscribers, error);
}

} // namespace orderlab::state
