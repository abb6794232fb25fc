#pragma once
// The times a stream record and the items it carries are written with. Pure functions.

#include <cstdint>
#include <string>

namespace orderlab {

/// `2024-11-24T12:00:00.000Z` for epoch milliseconds: ISO-8601 UTC with milliseconds
/// (years 0..9999; times before 1970 round down to the millisecond before).
std::string isoTimeMs(std::int64_t epochMs);

/// A record's `ApproximateCreationDateTime`: whole epoch seconds, rounded down (also before 1970).
constexpr std::int64_t approximateCreationSeconds(std::int64_t epochMs)
{
    return epochMs >= 0 ? epochMs / 1000 : (epochMs - 999) / 1000;
}

} // namespace orderlab
