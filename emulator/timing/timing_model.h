#pragma once

#include "clock.h"
#include "random.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab {

/// The mapping's base poll interval: 4 polls a second per shard (and lane).
inline constexpr TimeMs kBasePollIntervalMs = 250;

/**
 * A duration in milliseconds, either fixed or log-normal (fitted to a p50 and a p99).
 * Draws are rounded to whole milliseconds stochastically (floor, plus one with the
 * probability of the fraction), so the mean survives rounding and sub-millisecond draws
 * do not all collapse onto one value. See docs/timing-model.md.
 */
class LatencyDistribution
{
  public:
    /// Always `ms` (no draw from the generator).
    static LatencyDistribution fixed(TimeMs ms);
    /// Log-normal with median `p50Ms` and 99th percentile `p99Ms` (p99Ms > p50Ms > 0).
    static LatencyDistribution logNormal(double p50Ms, double p99Ms);

    bool isFixed() const { return m_sigma == 0; }
    /// The distribution's quantile `p` in (0, 1), before rounding.
    double quantileMs(double p) const;
    /// One draw before rounding (uses the generator unless fixed).
    double drawMs(Random &random) const;
    /// One draw, rounded stochastically to whole milliseconds, at least 0.
    TimeMs draw(Random &random) const;

  private:
    double m_mu = 0;    ///< ln of the median; the fixed value itself when m_sigma == 0
    double m_sigma = 0; ///< 0: fixed
};

/// What a named profile says about time. See docs/timing-model.md.
struct TimingProfile
{
    std::string name = "in-region";
    LatencyDistribution callLatency = LatencyDistribution::logNormal(1.0, 5.0);        ///< one Momento call
    LatencyDistribution invocationOverhead = LatencyDistribution::logNormal(1.5, 6.0); ///< Lambda, before the handler
    bool jitteredPolls = true; ///< false: every lane polls on the same 250 ms grid from time 0
    TimeMs pollJitterMs = 25;  ///< each poll interval is 250 ms ± this (uniform), when jitteredPolls

    /// 0 ms calls, no overhead, lock-step polls: the logic alone.
    static TimingProfile instant();
    /// The default: a Lambda and a Momento cache in the same AWS region.
    static TimingProfile inRegion();
    /// The handler's calls cross the internet from a laptop to a cloud region.
    static TimingProfile laptopToCloud();
    /// The model before profiles existed: every call `ms`, no overhead, lock-step polls.
    static TimingProfile fixed(TimeMs ms);
    /// instant, in-region or laptop-to-cloud; nullopt for any other name.
    static std::optional<TimingProfile> named(std::string_view name);
    static std::vector<std::string> names();
};

/**
 * One lane's poll times: the delay to its first poll, then each interval. Without jitter
 * (default-constructed, or a profile with jitteredPolls false) the first poll is at once
 * and every interval is exactly 250 ms.
 */
class PollSchedule
{
  public:
    PollSchedule() = default;
    PollSchedule(TimeMs jitterMs, std::uint64_t seed);

    /// In [0, 250) with jitter; 0 without.
    TimeMs firstDelay();
    /// In [250 - jitter, 250 + jitter] with jitter; 250 without.
    TimeMs nextDelay();

  private:
    bool m_jittered = false;
    TimeMs m_jitterMs = 0;
    Random m_random{0};
};

/**
 * A timing profile with its seeded generators: every draw of a run comes from here, so a
 * seed repeats a run exactly. Call latencies, invocation overheads and each lane's polls
 * have their own generators, derived from the seed, so one kind of draw never shifts
 * another. Not thread-safe: used on the scheduler's thread. See docs/timing-model.md.
 */
class TimingModel
{
  public:
    TimingModel(TimingProfile profile, std::uint64_t seed);

    const TimingProfile &profile() const { return m_profile; }
    /// How long the next Momento call (cache or topic) takes.
    TimeMs callLatency() { return m_profile.callLatency.draw(m_calls); }
    /// How long Lambda takes before the next invocation's handler starts.
    TimeMs invocationOverhead() { return m_profile.invocationOverhead.draw(m_overheads); }
    /// The poll schedule of one lane of one shard (the same for the same seed, shard and lane).
    PollSchedule pollSchedule(int shard, int lane) const;

  private:
    TimingProfile m_profile;
    std::uint64_t m_seed;
    Random m_calls;
    Random m_overheads;
};

} // namespace orderlab
