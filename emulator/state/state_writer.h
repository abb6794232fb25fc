#pragma once

#include "world_state.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace orderlab::state {

/**
 * The text of a state file (docs/state-files.md, "The format"): `{"orderlab-state": 1, ...}`, four-space
 * indentation, keys in a fixed order, each item, record and cache key on one line. A function of `state`
 * alone: the same state gives the same bytes. Thread-safe (pure).
 */
std::string writeState(const WorldState &state);

/// The byte offset of the first byte of `s` that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF), or npos when it all is. A cache value that is not is written as base64.
std::size_t utf8Error(std::string_view s);

/// A fault rule as the spec text FaultRule::parse reads back to an equal rule.
std::string faultSpec(const FaultRule &rule);

} // namespace orderlab::state
