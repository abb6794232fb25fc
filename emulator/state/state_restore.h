#pragma once

#include "world_state.h"

namespace orderlab {
struct WorldConfig;
class Pipeline;
class SubscriberApps;
} // namespace orderlab

namespace orderlab::state {

/// Sets what `config` takes from `state` (docs/state-files.md, "Starting from a state"): the clock's start,
/// the seed, shards, view type, mapping, timing, handler TTL, caches, faults, apps and the checker's period.
/// The clock mode, speed, feed and memory bounds stay the caller's.
void applyStateConfig(const WorldState &state, WorldConfig &config);

/// Fills a pipeline built from applyStateConfig's configuration, before it starts: the tables (with their TTL
/// settings), the stream, the mapping's checkpoints and the caches; nothing is published. Throws
/// std::invalid_argument (or dynamodb::ValidationError) when the state does not fit; the pipeline must then
/// be thrown away (World's constructor does).
void restoreContents(const WorldState &state, Pipeline &pipeline);

/// After the apps started: their subscribers and followed topics. False with the reason in `error`.
bool restoreSubscribers(const WorldState &state, SubscriberApps &apps, std::string *error);

} // namespace orderlab::state
