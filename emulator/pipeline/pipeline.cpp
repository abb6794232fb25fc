#include "pipeline.h"

#include "dynamodb/item_text.h"

#include <algorithm>
#include <stdexcept>

namespace orderlab {

namespace {
constexpr TimeMs kTtlSweepMs = 1000;
constexpr TimeMs kTrimMs = 60000;
} // namespace

Pipeline::Pipeline(PipelineConfig config)
    : m_config(std::move(config)), m_scheduler(m_config.startTime), m_events(m_scheduler),
      m_faults(m_config.seed, &m_events),
      m_timing(m_config.callLatencyMs ? TimingProfile::fixed(*m_config.callLatencyMs) : m_config.timing, m_config.seed),
      m_trace(m_config.traceLimit)
{
    for (const auto &[op, rule] : m_config.faults)
        m_faults.set(op, rule);
    CacheStore::Limits cacheLimits;
    cacheLimits.maxTotalBytes = m_config.cacheMaxBytes;
    m_cache = std::make_unique<CacheStore>(m_scheduler, m_config.caches, cacheLimits, &m_events);
    m_topics = std::make_unique<TopicHub>(
        m_scheduler, [this](const std::string &c) { return m_cache->hasCache(c); }, TopicHub::Options(), &m_events);
    Stream::Options streamOptions;
    streamOptions.shards = m_config.shards;
    streamOptions.viewType = m_config.viewType;
    streamOptions.seed = m_config.seed;
    streamOptions.maxRecords = m_config.streamMaxRecords;
    streamOptions.maxBytes = m_config.streamMaxBytes;
    m_stream = std::make_unique<Stream>(m_scheduler, streamOptions, &m_events);
    m_table = std::make_unique<OrdersTable>(m_scheduler, &m_events);
    Stream::Options tableStreams = streamOptions;
    tableStreams.shards = 1;
    m_tables = std::make_unique<TableRegistry>(m_scheduler, tableStreams);
    m_tables->adopt(*m_table, *m_stream);
    m_ttl = std::make_unique<TtlSweeper>(*m_tables, m_scheduler);
    m_checker = std::make_unique<ConsistencyChecker>(*m_table, *m_cache, m_scheduler, m_config.checker);
    m_momento = std::make_unique<EmulatedMomento>(m_scheduler, *m_cache, *m_topics, m_faults, m_events,
                                                  EmulatedMomento::Options{[this] { return m_timing.callLatency(); }});
    StreamHandler::Options handlerOptions;
    handlerOptions.ttl = std::chrono::milliseconds(m_config.handlerTtlMs);
    m_handler = std::make_unique<StreamHandler>(handlerOptions);
    if (m_config.invoker) {
        m_invoker = m_config.invoker(InvokerContext{m_scheduler, m_faults, m_events});
        if (!m_invoker)
            throw std::invalid_argument("the invoker factory made no invoker");
    } else {
        auto core = std::make_unique<CoreInvoker>(m_scheduler, *m_handler, *m_momento, m_faults);
        core->setInvocationOverhead([this] { return m_timing.invocationOverhead(); });
        m_invoker = std::move(core);
    }
    m_mapping = std::make_unique<EventSourceMapping>(m_scheduler, *m_stream, *m_invoker, m_config.mapping, &m_events);
    m_mapping->setPollTiming(m_timing);
    // The stream first: every later subscriber sees a table change before its record.
    m_followers.push_back(m_stream->follow(m_events));
    m_followers.push_back(m_trace.follow(m_events));
    m_followers.push_back(m_checker->follow(m_events));
    m_followers.push_back(m_events.subscribe([this](const Event &e) {
        const auto *w = e.as<WarningEvent>();
        if (!w)
            return;
        std::lock_guard lock(m_warningsMutex);
        if (std::find(m_runtimeWarnings.begin(), m_runtimeWarnings.end(), w->text) == m_runtimeWarnings.end() &&
            m_runtimeWarnings.size() < 100)
            m_runtimeWarnings.push_back(w->text);
    }));
}

Pipeline::~Pipeline()
{
    m_followers.clear();
}

void Pipeline::start()
{
    if (m_started)
        return;
    m_started = true;
    m_mapping->start();
    m_scheduler.after(kTtlSweepMs, [this] { housekeeping(); });
}

void Pipeline::housekeeping()
{
    m_cache->expireDue();
    m_ttl->sweep();
    if ((m_scheduler.now() / kTtlSweepMs) % (kTrimMs / kTtlSweepMs) == 0)
        m_stream->trim();
    m_scheduler.after(kTtlSweepMs, [this] { housekeeping(); });
}

OrdersTable::WriteResult Pipeline::apply(const OrderChange &change)
{
    if (change.kind == OrderChange::Remove)
        return m_table->remove(change.pk);
    return m_table->put(dynamodb::parseItemText(*change.newItem));
}

bool Pipeline::runUntilDrained(TimeMs limit)
{
    // Stops at the first event after which the mapping is drained, whatever the handler: the outcome of a
    // scenario must not depend on how many scheduler events an invocation makes (docs/scenarios.md).
    if (m_mapping->drained())
        return true;
    while (m_scheduler.runNext(limit)) {
        if (m_mapping->drained())
            return true;
    }
    return false;
}

CheckReport Pipeline::check() const
{
    const auto pending = m_mapping->pendingTraceIds();
    CheckReport report = m_checker->check(std::set<std::uint64_t>(pending.begin(), pending.end()));
    for (const LaneState &lane : m_mapping->lanes()) {
        if (!lane.blocked)
            continue;
        ++report.blockedLanes;
        report.findings.insert(report.findings.begin(),
                               "lane " + std::to_string(lane.lane) + " of shard " + std::to_string(lane.shard) +
                                   " is blocked: retry " + std::to_string(lane.retryCount) + " of a " +
                                   std::to_string(lane.batchRecords) + "-record batch" +
                                   (lane.lastError.empty() ? std::string() : ", last error: " + lane.lastError));
    }
    return report;
}

std::vector<std::string> Pipeline::warnings() const
{
    auto w = m_mapping->warnings();
    std::lock_guard lock(m_warningsMutex);
    w.insert(w.end(), m_runtimeWarnings.begin(), m_runtimeWarnings.end());
    return w;
}

} // namespace orderlab
