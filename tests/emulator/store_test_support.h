#pragma once
// Shared by the cache store and topic hub tests: a clock moved by hand and response helpers.

#include "cache_store.h"
#include "clock.h"

#include <atomic>
#include <optional>
#include <string>
#include <variant>

namespace orderlab::testing {

/// A clock the test moves by hand.
class TestClock final : public Clock
{
  public:
    TimeMs now() const override { return m_now.load(); }
    void set(TimeMs t) { m_now = t; }
    void advance(TimeMs d) { m_now += d; }

  private:
    std::atomic<TimeMs> m_now{kDefaultStartTime};
};

inline constexpr TimeMs T0 = kDefaultStartTime;

inline momento::CacheValue val(const std::string &s)
{
    return momento::makeValue(s);
}

template <typename V> std::optional<momento::Error> errorOf(const V &response)
{
    if (auto *e = std::get_if<momento::Error>(&response))
        return *e;
    return std::nullopt;
}
inline std::optional<momento::Error> errorOf(const momento::Status &status)
{
    return status;
}

template <typename V> bool hasCode(const V &response, momento::ErrorCode code)
{
    auto e = errorOf(response);
    return e && e->code == code;
}

inline bool ok(const momento::Status &status)
{
    return !status.has_value();
}

inline std::string hitValue(const momento::GetResponse &r)
{
    auto *hit = std::get_if<momento::Hit>(&r);
    return hit ? *hit->value : std::string("<not a hit>");
}

inline bool isMiss(const momento::GetResponse &r)
{
    return std::holds_alternative<momento::Miss>(r);
}

} // namespace orderlab::testing
