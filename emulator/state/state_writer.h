#pragma once

#include "world_state.h"

#include <string>

namespace orderlab::state {

/**
 * The text of a state file (docs/state-files.md, "The format"): `{"orderlab-state": 1, ...}`, four-space
 * indentation, keys in a fixed order, each item, record and cache key on one line. A function of `state`
 * alone: the same state gives the same bytes. Thread-safe (pure).
 */
std::string writeState(const WorldState &state);

/// A fault rule as the spec text FaultRule::parse reads back to an equal rule.
std::string faultSpec(const FaultRule &rule);

} // namespace orderlab::state
