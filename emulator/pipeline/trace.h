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
 * changes among them (at most 1000). A chain keeps at most `kMaxEventsPerChain` events: its first
 * `kHeadKept` and its latest, the ones between counted by omitted() (a record retried for hours
 * would otherwise grow its chain without end); and all chains together keep at most
 * `kEventsPerTrace` events per kept change on average, the oldest chains forgotten first. Memory is
 * bounded by `maxTraces`, not by uptime (docs/memory-bounds.md). Thread-safe.
 */
class Trace
{
  public:
    explicit Trace(std::size_t maxTraces = kDefaultMaxTraces)
        : m_maxTraces(maxTraces < 1 ? 1 : maxTraces), m_maxEvents(m_maxTraces * kEventsPerTrace)
    {
    }
    static constexpr std::size_t kDefaultMaxTraces = 20000;
    static constexpr std::size_t kMaxEventsPerChain = 64;
    static constexpr std::size_t kHeadKept = 16;
    /// The average events per chain the whole trace keeps: a change that went through once without
    /// retries has about ten (write, record, invocation start and finish, seven calls).
    static constexpr std::size_t kEventsPerTrace = 12;

    /// Adds every event of `bus` from now on (until the subscription ends).
    [[nodiscard]] EventBus::Subscription follow(EventBus &bus);
    /// Files one event under each trace id it concerns; events of no table change are ignored.
    void add(const Event &event);

    /// The chain of one table change, in the order the bus delivered it; when omitted() is not 0,
    /// that many events were left out between its first kHeadKept and the rest.
    std::vector<Event> chain(std::uint64_t traceId) const;
    std::size_t omitted(std::uint64_t traceId) const;
    /// Events the kept chains hold together (an invocation's event counts once per change it carried).
    std::size_t events() const;
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
    struct Chain
    {
        std::vector<std::shared_ptr<const Event>> events;
        std::size_t omitted = 0;
    };
    std::size_t m_maxTraces;
    std::size_t m_maxEvents;
    std::size_t m_events = 0;
    std::unordered_map<std::uint64_t, Chain> m_chains;
    std::deque<std::uint64_t> m_order;
    std::unordered_map<std::string, std::vector<std::uint64_t>> m_byOrder;
};

} // namespace orderlab
