#pragma once

#include "random.h"

#include <cstdint>
#include <string>

namespace orderlab {

/// What identifies one stream record: its eventID and its place in the shard.
struct RecordId
{
    std::string eventId;        ///< 32 lower-case hex characters
    std::uint64_t ordinal = 0;  ///< the sequence number minus 10^20
    std::string sequenceNumber; ///< sequenceNumberText(ordinal)
};

/**
 * The one source of stream record identities (the generator's StreamRecordWriter and the
 * emulated Stream both draw from one). Seeded: the same seed gives the same identities.
 *
 * Each next() draws the eventID (two 64-bit draws, 32 hex digits), then the ordinal: 1 for the
 * first record, then the previous one plus a gap of 1..1000, so ordinals strictly increase.
 *
 * Not thread-safe: its owner serialises the calls.
 */
class RecordIdSource
{
  public:
    explicit RecordIdSource(std::uint64_t seed) : m_random(seed) {}

    RecordId next();

    /// Where the source is: its generator and the last ordinal drawn (docs/state-files.md).
    struct State
    {
        Random::State random{};
        std::uint64_t ordinal = 0;
    };
    State state() const { return {m_random.state(), m_ordinal}; }
    void setState(const State &state)
    {
        m_random.setState(state.random);
        m_ordinal = state.ordinal;
    }

  private:
    Random m_random;
    std::uint64_t m_ordinal = 0; ///< 0 before the first record
};

/// The 21-digit decimal text Lambda sees: 10^20 + ordinal, i.e. "1" and the ordinal in 20 digits.
/// @pre ordinal < 10^20.
std::string sequenceNumberText(std::uint64_t ordinal);

} // namespace orderlab
