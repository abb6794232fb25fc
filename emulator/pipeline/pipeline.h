#pragma once

#include "cache_store.h"
#include "consistency_checker.h"
#include "core_invoker.h"
#include "dynamodb/orders_table.h"
#include "dynamodb/table_registry.h"
#include "dynamodb/ttl_sweeper.h"
#include "emulated_momento.h"
#include "events/event_bus.h"
#include "fault_injector.h"
#include "generator/lifecycle_generator.h"
#include "handler/order_domain.h"
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
    TimeMs handlerTtlMs = 60000; ///< the TTL the handler writes with (the article's 60 s)
    TimeMs startTime = kDefaultStartTime;
    std::vector<std::pair<std::string, FaultRule>> faults;
    std::vector<std::string> caches{kCacheName};
    /// The function the mapping invokes; empty: core's handler in process (CoreInvoker).
    InvokerFactory invoker;
    /// Memory bounds (docs/memory-bounds.md): the stream's caps besides its 24 h (0 = none),
    /// the causal chains the trace keeps, what the checker remembers.
    std::size_t streamMaxRecords = kDefaultStreamMaxRecords;
    std::size_t streamMaxBytes = kDefaultStreamMaxBytes;
    std::size_t traceLimit = Trace::kDefaultMaxTraces;
    ConsistencyChecker::Limits checker;
    /// Key + value bytes of all caches together, least recently used evicted past it (0 = none).
    std::size_t cacheMaxBytes = kDefaultCacheMaxBytes;

    static constexpr std::size_t kDefaultStreamMaxRecords = 100000;
    static constexpr std::size_t kDefaultStreamMaxBytes = 32 * 1024 * 1024;
    static constexpr std::size_t kDefaultCacheMaxBytes = 128 * 1024 * 1024;
};

/**
 * The fake world's parts, wired on one scheduler: orders table → stream → event source mapping
 * → invoker (core's handler) → cache and topics, with faults, the trace and the consistency
 * checker. Every part publishes what it does to one event bus (events()); the stream, the
 * trace, the checker and the warning list follow it. Owns every part; the parts are reachable
 * for World, the faces and tests. Driving (the scheduler's run functions) happens on one
 * thread; the stores are thread-safe. World builds a running world around it.
 */
class Pipeline
{
  public:
    /// Throws std::invalid_argument for an invalid mapping configuration or fault.
    explicit Pipeline(PipelineConfig config);
    ~Pipeline();
    Pipeline(const Pipeline &) = delete;
    Pipeline &operator=(const Pipeline &) = delete;

    /// Starts the mapping's polling and the housekeeping (every second: cache expiry and a TTL sweep of the
    /// tables, docs/dynamodb-api.md "Time to live"; every minute: stream trims).
    void start();

    Scheduler &scheduler() { return m_scheduler; }
    EventBus &events() { return m_events; }
    OrdersTable &table() { return *m_table; }
    /// Every table: `orders` (table() and stream()) and those made through the DynamoDB API.
    TableRegistry &tables() { return *m_tables; }
    Stream &stream() { return *m_stream; }
    CacheStore &cache() { return *m_cache; }
    TopicHub &topics() { return *m_topics; }
    FaultInjector &faults() { return m_faults; }
    EventSourceMapping &mapping() { return *m_mapping; }
    StreamHandler &handler() { return *m_handler; }
    Invoker &invoker() { return *m_invoker; }
    EmulatedMomento &momento() { return *m_momento; }
    Trace &trace() { return m_trace; }
    ConsistencyChecker &checker() { return *m_checker; }
    const PipelineConfig &config() const { return m_config; }
    /// The profile in effect (`timing`, or the fixed one of `callLatencyMs`).
    const TimingProfile &timing() const { return m_timing.profile(); }

    /// Writes a generated change to the table (put for Insert/Modify, delete for Remove).
    OrdersTable::WriteResult apply(const OrderChange &change);

    /// Runs the scheduler until the mapping has processed everything written so far, or `limit`.
    bool runUntilDrained(TimeMs limit);
    CheckReport check() const;
    /// The mapping's warnings and everything the handler or mapping warned about while running (each once).
    std::vector<std::string> warnings() const;

  private:
    void housekeeping();

    PipelineConfig m_config;
    Scheduler m_scheduler;
    EventBus m_events;
    FaultInjector m_faults;
    TimingModel m_timing;
    Trace m_trace;
    std::unique_ptr<CacheStore> m_cache;
    std::unique_ptr<TopicHub> m_topics;
    std::unique_ptr<Stream> m_stream;
    std::unique_ptr<OrdersTable> m_table;
    std::unique_ptr<TableRegistry> m_tables;
    std::unique_ptr<TtlSweeper> m_ttl;
    std::unique_ptr<ConsistencyChecker> m_checker;
    std::unique_ptr<EmulatedMomento> m_momento;
    std::unique_ptr<StreamHandler> m_handler;
    std::unique_ptr<Invoker> m_invoker;
    std::unique_ptr<EventSourceMapping> m_mapping;
    mutable std::mutex m_warningsMutex;
    std::vector<std::string> m_runtimeWarnings;
    bool m_started = false;
    std::vector<EventBus::Subscription> m_followers; // ended first, before any part goes
};

} // namespace orderlab
