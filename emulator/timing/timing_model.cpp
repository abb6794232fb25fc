#include "timing_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace orderlab {

namespace {
/// No draw is longer than this (a minute): the log-normal's tail is unbounded.
constexpr double kMaxDrawMs = 60000;
/// The standard normal's 0.99 quantile.
constexpr double kZ99 = 2.3263478740408408;

/// The standard normal's quantile (Acklam's rational approximation, relative error < 1.2e-9).
double normalQuantile(double p)
{
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    p = std::clamp(p, 1e-300, 1 - 1e-16);
    if (p < low || p > 1 - low) {
        const double q = std::sqrt(-2 * std::log(p < low ? p : 1 - p));
        const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                         ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        return p < low ? x : -x;
    }
    const double q = p - 0.5;
    const double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/// A generator of its own for (seed, what, a, b): independent streams from one seed.
std::uint64_t derive(std::uint64_t seed, std::uint64_t what, std::uint64_t a = 0, std::uint64_t b = 0)
{
    std::uint64_t x = seed ^ 0x7469'6d69'6e67'0000ULL; // "timing": apart from the faults' and the stream's seeds
    std::uint64_t h = Random::splitmix64(x);
    for (std::uint64_t v : {what, a, b}) {
        x = h ^ v;
        h = Random::splitmix64(x);
    }
    return h;
}
} // namespace

LatencyDistribution LatencyDistribution::fixed(TimeMs ms)
{
    LatencyDistribution d;
    d.m_mu = static_cast<double>(std::max<TimeMs>(ms, 0));
    return d;
}

LatencyDistribution LatencyDistribution::logNormal(double p50Ms, double p99Ms)
{
    if (!(p50Ms > 0 && p99Ms > p50Ms))
        throw std::invalid_argument("a log-normal latency needs 0 < p50 < p99");
    LatencyDistribution d;
    d.m_mu = std::log(p50Ms);
    d.m_sigma = std::log(p99Ms / p50Ms) / kZ99;
    return d;
}

double LatencyDistribution::quantileMs(double p) const
{
    return isFixed() ? m_mu : std::exp(m_mu + m_sigma * normalQuantile(p));
}

double LatencyDistribution::drawMs(Random &random) const
{
    if (isFixed())
        return m_mu;
    // unit() is in [0, 1): shift by half a step so that p is never 0.
    const double p = random.unit() + 0x1.0p-54;
    return std::min(quantileMs(p), kMaxDrawMs);
}

TimeMs LatencyDistribution::draw(Random &random) const
{
    const double ms = drawMs(random);
    if (isFixed())
        return static_cast<TimeMs>(ms);
    const double whole = std::floor(ms);
    return static_cast<TimeMs>(whole) + (random.unit() < ms - whole ? 1 : 0);
}

TimingProfile TimingProfile::instant()
{
    return fixed(0);
}

TimingProfile TimingProfile::inRegion()
{
    return TimingProfile{};
}

TimingProfile TimingProfile::laptopToCloud()
{
    TimingProfile p;
    p.name = "laptop-to-cloud";
    p.callLatency = LatencyDistribution::logNormal(40.0, 120.0);
    return p;
}

TimingProfile TimingProfile::fixed(TimeMs ms)
{
    TimingProfile p;
    p.name = ms == 0 ? "instant" : "fixed " + std::to_string(ms) + " ms";
    p.callLatency = LatencyDistribution::fixed(ms);
    p.invocationOverhead = LatencyDistribution::fixed(0);
    p.jitteredPolls = false;
    p.pollJitterMs = 0;
    return p;
}

std::optional<TimingProfile> TimingProfile::named(std::string_view name)
{
    if (name == "instant")
        return instant();
    if (name == "in-region")
        return inRegion();
    if (name == "laptop-to-cloud")
        return laptopToCloud();
    return std::nullopt;
}

std::vector<std::string> TimingProfile::names()
{
    return {"instant", "in-region", "laptop-to-cloud"};
}

PollSchedule::PollSchedule(TimeMs jitterMs, std::uint64_t seed)
    : m_jittered(true), m_jitterMs(std::clamp<TimeMs>(jitterMs, 0, kBasePollIntervalMs - 1)), m_random(seed)
{
}

TimeMs PollSchedule::firstDelay()
{
    return m_jittered ? static_cast<TimeMs>(m_random.uniform(kBasePollIntervalMs)) : 0;
}

TimeMs PollSchedule::nextDelay()
{
    if (!m_jittered)
        return kBasePollIntervalMs;
    const auto span = static_cast<std::uint64_t>(2 * m_jitterMs + 1);
    return kBasePollIntervalMs - m_jitterMs + static_cast<TimeMs>(m_random.uniform(span));
}

TimingModel::TimingModel(TimingProfile profile, std::uint64_t seed)
    : m_profile(std::move(profile)), m_seed(seed), m_calls(derive(seed, 1)), m_overheads(derive(seed, 2))
{
}

PollSchedule TimingModel::pollSchedule(int shard, int lane) const
{
    if (!m_profile.jitteredPolls)
        return PollSchedule{};
    return PollSchedule(m_profile.pollJitterMs,
                        derive(m_seed, 3, static_cast<std::uint64_t>(shard), static_cast<std::uint64_t>(lane)));
}

} // namespace orderlab
