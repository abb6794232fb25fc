#pragma once

#include "clock.h"
#include "momento/responses.h"
#include "random.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

class EventBus;

/// What a fault does to the operations it targets.
struct FaultRule
{
    enum class HandlerMode { Throw, Timeout };

    double probability = 0; ///< each call fails with this probability (0..1)
    int nextCalls = 0;      ///< the next N calls fail (on top of the probability)
    momento::ErrorCode code = momento::ErrorCode::ServerUnavailable; ///< Momento error to answer with
    TimeMs latencyMs = 0;                                            ///< added to every call, failing or not
    HandlerMode handlerMode = HandlerMode::Throw;                    ///< for the `handler` operation

    /// Parses `0.1`, `next:3`, `p=0.1,code=unavailable,latency=50ms,mode=timeout` (comma-separated, no empty
    /// settings). Numbers follow docs/command-line.md, "Numbers": a probability is 0..1, next 0..1000000,
    /// latency 0..3600000 ms. Throws std::invalid_argument naming the setting and what is wrong.
    static FaultRule parse(const std::string &spec);
    /// The rule as a spec that parse() reads back to an equal rule: `p=` (the shortest exact text), `next=`,
    /// `code=`, `latency=`, and `mode=timeout` when the handler times out.
    std::string toString() const;
    /// The rule in words for a person, as `operation`'s rule ("50% of calls fail with SERVER_UNAVAILABLE;
    /// every call 20 ms slower"; for `handler`, "fail by throwing" or "by timing out").
    std::string describe(const std::string &operation) const;
};

/**
 * Seeded fault injection for every cache and topic operation and for the handler itself.
 * Operations: `cache.get`, `cache.set`, `cache.delete`, `topic.publish`, `handler`; a rule
 * on `cache.*` or `*` covers several. A run with the same seed and calls fails the same
 * calls. Thread-safe.
 */
class FaultInjector
{
  public:
    static const std::vector<std::string> &operations();

    /// Every fault that fires is published to `events` (FaultFiredEvent) when given; the bus is
    /// borrowed and must outlive the injector.
    explicit FaultInjector(std::uint64_t seed = 1, EventBus *events = nullptr) : m_random(seed), m_events(events) {}

    /// Throws std::invalid_argument for an unknown operation or pattern.
    void set(const std::string &operation, const FaultRule &rule);
    void clear(const std::string &operation);
    void clearAll();
    std::map<std::string, FaultRule> rules() const;

    struct Decision
    {
        bool fail = false;
        momento::ErrorCode code{};
        TimeMs latencyMs = 0;
        FaultRule::HandlerMode handlerMode{};
    };
    /// What happens to this call of `operation` (consumes next-N counts and randomness).
    Decision decide(const std::string &operation);
    std::uint64_t injected() const;

  private:
    const FaultRule *ruleFor(const std::string &operation) const;

    mutable std::mutex m_mutex;
    std::map<std::string, FaultRule> m_rules; // by operation or pattern
    Random m_random;
    std::uint64_t m_injected = 0;
    EventBus *const m_events;
};

} // namespace orderlab
