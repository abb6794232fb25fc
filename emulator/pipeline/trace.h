#pragma once

#include "clock.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace orderlab {

/// One link of a table change's causal chain.
struct TraceEvent
{
    enum class Kind { TableWrite, StreamRecord, InvocationStarted, InvocationFinished, CacheCall, Publish, Discard, Lost };
    std::uint64_t traceId = 0;      ///< the table change (OrdersTable's traceId)
    Kind kind = Kind::TableWrite;
    TimeMs time = 0;
    TimeMs durationMs = 0;
    std::uint64_t invocationId = 0; ///< 0 outside invocations
    bool ok = true;
    std::string detail;             ///< e.g. "set ord-1 (412 B)", "publish new-order #12 → 2 subscribers"

    static const char *kindName(Kind kind);
};

/**
 * The causal trace: every table change gets an id that follows it into its stream record,
 * each invocation that carried it, every cache call and publish it caused. Keeps the most
 * recent `maxTraces` chains. Thread-safe; listeners run on the adding thread, unlocked.
 */
class Trace
{
public:
    explicit Trace(std::size_t maxTraces = 20000) : m_maxTraces(maxTraces) {}

    void add(TraceEvent event);
    /// The chain of one table change, in the order it happened.
    std::vector<TraceEvent> chain(std::uint64_t traceId) const;
    /// Trace ids of the changes of one order, oldest first.
    std::vector<std::uint64_t> changesOf(const std::string &pk) const;
    void noteOrder(std::uint64_t traceId, const std::string &pk);
    std::size_t size() const;

    using Listener = std::function<void(const TraceEvent &)>;
    void setListener(Listener listener);

private:
    mutable std::mutex m_mutex;
    std::size_t m_maxTraces;
    std::unordered_map<std::uint64_t, std::vector<TraceEvent>> m_chains;
    std::deque<std::uint64_t> m_order;
    std::unordered_map<std::string, std::vector<std::uint64_t>> m_byOrder;
    Listener m_listener;
};

} // namespace orderlab
