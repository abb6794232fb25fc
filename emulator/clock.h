#pragma once

#include <cstdint>

namespace orderlab {

/// Emulator time: milliseconds since the Unix epoch, on the emulator's clock (virtual or real).
using TimeMs = std::int64_t;

/// 2024-11-24T12:00:00.000Z: where a virtual clock starts unless told otherwise.
inline constexpr TimeMs kDefaultStartTime = 1732449600000;

/// What everything in the emulator reads instead of the wall clock. `now()` is thread-safe.
class Clock
{
  public:
    virtual ~Clock() = default;
    virtual TimeMs now() const = 0;
};

} // namespace orderlab
