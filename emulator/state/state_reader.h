#pragma once

#include "world_state.h"

#include <stdexcept>
#include <string>

namespace orderlab::state {

/// Why a state file was refused: `what()` names the file, then the place (line:column for a JSON
/// syntax error, else the JSON path of the value, `$.tables[0].items[3]`) and what was wrong.
class StateError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/**
 * Reads a state file's text (docs/state-files.md, "The format"), `file` naming it in errors. Every
 * field is checked: its type, its range, unknown and missing fields, items against their table's key
 * schema, the stream's records against its shards, caches, faults and the mapping. Throws StateError at
 * the first problem; never a partial state. Thread-safe (pure).
 */
WorldState readState(const std::string &text, const std::string &file);

/// Reads the file at `path`: refused over kMaxStateBytes before it is read whole, or when it cannot be
/// read. Throws StateError.
WorldState readStateFile(const std::string &path);

} // namespace orderlab::state
