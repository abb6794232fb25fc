#pragma once

#include "cache_store.h"
#include "consistency_checker.h"
#include "core_invoker.h"
#include "dynamodb/orders_table.h"
#include "emulated_momento.h"
#include "fault_injector.h"
#include "generator/lifecycle_generator.h"
#include "handler/stream_handler.h"
#include "mapping/event_source_mapping.h"
#include "scheduler.h"
#include "stream/stream.h"
#include "timing/timing_model.h"
#include "topic_hub.h"
#include "trace.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace orderlab {

struct PipelineConfig
{
    std::uint64_t seed = 1;
    int shards = 1;
    StreamViewType viewType = StreamViewType::NewAndOldImages;
    MappingConfig mapping;
    /// Call latencies, Lambda's overhead and poll jitter, drawn from `seed` (docs/timing-model.md).
    TimingProfile timing = TimingProfile::inRegion();
    /// When set, overrides `timing` with TimingProfile::fixed: every cache and topic call of the
    /// handler takes exactly this long, no overhead, lock-step polls (the model before profiles).
    std::optional<TimeMs> callLatencyMs;
    TimeMs handlerTtlMs = 60000;      ///< the TTL the handler writes with (the article's 60 s)
    TimeMs startTime = kDefaultStartTime;
    std::vector<std::pair<std::string, FaultRule>> faults;
    std::vector<std::string> caches{"pizza"};
};

/**
 * The whole fake world in one object: orders table → stream → event source mapping → core's
 * handler → cache and topics, with faults, the trace and the consistency checker, all on one
 * scheduler (virtual clock). Owns every part; the parts are reachable for the UI and tests.
 * Driving (the scheduler's run functions) happens on one thread; the stores are thread-safe.
 */
class Pipeline
{
public:
    /// Throws std::invalid_argument for an invalid mapping configuration or fault.
    explicit Pipeline(PipelineConfig config);
    ~Pipeline();
    Pipeline(const Pipeline &) = delete;
    Pipeline &operator=(const Pipeline &) = delete;

    /// Starts the mapping's polling and the housekeeping (TTL sweeps every second, stream trims every minute).
    void start();

    Scheduler &scheduler() { return m_scheduler; }
    OrdersTable &table() { return *m_table; }
    Stream &stream() { return *m_stream; }
    CacheStore &cache() { return *m_cache; }
    TopicHub &topics() { return *m_topics; }
    FaultInjector &faults() { return m_faults; }
    EventSourceMapping &mapping() { return *m_mapping; }
    StreamHandler &handler() { return *m_handler; }
    EmulatedMomento &momento() { return *m_momento; }
    Trace &trace() { return m_trace; }
    ConsistencyChecker &checker() { return *m_checker; }
    const PipelineConfig &config() const { return m_config; }
    /// The profile in effect (`timing`, or the fixed one of `callLatencyMs`).
    const TimingProfile &timing() const { return m_timing.profile(); }

    /// Also tells `observer` what the mapping does (set before start; called on the scheduler's thread).
    void setMappingObserver(EventSourceMapping::Hooks observer) { m_observer = std::move(observer); }

    /// Also hands every committed table change to `observer` (set before writes; called under the table's
    /// lock on the writing thread: it must not call back into the table).
    void setTableObserver(std::function<void(const TableChange &)> observer);

    /// Writes a generated change to the table (put for Insert/Modify, delete for Remove).
    OrdersTable::WriteResult apply(const OrderChange &change);

    /// Runs the scheduler until the mapping has processed everything written so far, or `limit`.
    bool runUntilDrained(TimeMs limit);
    CheckReport check() const;
    /// The mapping's warnings and everything the handler or mapping warned about while running (each once).
    std::vector<std::string> warnings() const;

private:
    class Fanout;
    void housekeeping();
    /// Adds one trace event per record (each record's table change gets the same link).
    void traceRecords(const std::vector<StreamRecordPtr> &records, TraceEvent::Kind kind, std::uint64_t invocationId,
                      bool ok, const std::string &detail);

    PipelineConfig m_config;
    Scheduler m_scheduler;
    FaultInjector m_faults;
    TimingModel m_timing;
    Trace m_trace;
    std::unique_ptr<CacheStore> m_cache;
    std::unique_ptr<TopicHub> m_topics;
    std::unique_ptr<Stream> m_stream;
    std::unique_ptr<Fanout> m_fanout;
    std::unique_ptr<OrdersTable> m_table;
    std::unique_ptr<ConsistencyChecker> m_checker;
    std::unique_ptr<EmulatedMomento> m_momento;
    std::unique_ptr<StreamHandler> m_handler;
    std::unique_ptr<CoreInvoker> m_invoker;
    std::unique_ptr<EventSourceMapping> m_mapping;
    mutable std::mutex m_warningsMutex;
    std::vector<std::string> m_runtimeWarnings;
    EventSourceMapping::Hooks m_observer;
    bool m_started = false;
};

} // namespace orderlab
