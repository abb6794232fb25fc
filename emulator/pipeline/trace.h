#pragma once

#include "events/event_bus.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace orderlab {

/**
 * The causal trace, built from the event stream: every table change's trace id follows it
 * into its stream record, each invocation that carried it (one event per invocation, however
 * many records it had), every cache call and publish it caused, each delivery of those
 * publishes and its discard. A table change is kept without its item images (kind, key,
 * time, trace id). Keeps the most recent `maxTraces` chains and, per order, the ids of its
 * changes among them (at most 1000): memory is bounded by `maxTraces`, not by uptime
 * (docs/memory-bounds.md). Thread-safe.
 */
class Trace
{
  public:
    explicit Trace(std::size_t maxTraces = kDefaultMaxTraces) : m_maxTraces(maxTraces < 1 ? 1 : maxTraces) {}
    static constexpr std::size_t kDefaultMaxTraces = 20000;

    /// Adds every event of `bus` from now on (until the subscription ends).
    [[nodiscard]] EventBus::Subscription follow(EventBus &bus);
    /// Files one event under each trace id it concerns; events of no table change are ignored.
    void add(const Event &event);

    /// The chain of one table change, in the order the bus delivered it.
    std::vector<Event> chain(std::uint64_t traceId) const;
    /// Trace ids of the changes of one order, oldest first.
    std::vector<std::uint64_t> changesOf(const std::string &pk) const;
    std::size_t size() const;
    /// Orders with at least one change among the kept chains.
    std::size_t ordersKept() const;
    std::size_t maxTraces() const { return m_maxTraces; }

  private:
    void file(std::uint64_t traceId, const std::shared_ptr<const Event> &event); // m_mutex held
    void forget(std::uint64_t traceId);                                          // m_mutex held

    mutable std::mutex m_mutex;
    std::size_t m_maxTraces;
    std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<const Event>>> m_chains;
    std::deque<std::uint64_t> m_order;
    std::unordered_map<std::string, std::vector<std::uint64_t>> m_byOrder;
};

} // namespace orderlab
