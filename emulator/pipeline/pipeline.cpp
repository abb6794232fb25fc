#include "pipeline.h"

#include "js/json.h"

#include <algorithm>

namespace orderlab {

namespace {
constexpr TimeMs kTtlSweepMs = 1000;
constexpr TimeMs kTrimMs = 60000;

dynamodb::AttributeMap toAttributes(const Item &item)
{
    std::string json = "{";
    for (std::size_t i = 0; i < item.size(); ++i) {
        if (i)
            json += ',';
        js::appendQuoted(json, item[i].first);
        json += ':';
        json += item[i].second;
    }
    json += '}';
    return dynamodb::parseItemJson(json);
}
} // namespace

/// The table's sink: the stream first, then the checker and the trace.
class Pipeline::Fanout final : public ChangeSink
{
public:
    Fanout(Stream &stream, Trace &trace) : m_stream(stream), m_trace(trace) {}
    void setChecker(ConsistencyChecker *checker) { m_checker = checker; }
    void setObserver(std::function<void(const TableChange &)> observer) { m_observer = std::move(observer); }
    void committed(const TableChange &change) override
    {
        TraceEvent e;
        e.traceId = change.traceId;
        e.kind = TraceEvent::Kind::TableWrite;
        e.time = change.time;
        e.detail = std::string(change.kind == TableChange::Kind::Insert ? "put (new) " : change.kind == TableChange::Kind::Modify ? "put " : "delete ") + change.pk + (change.byTtl ? " by TTL" : "");
        m_trace.add(std::move(e));
        m_trace.noteOrder(change.traceId, change.pk);
        m_stream.committed(change);
        if (m_checker)
            m_checker->committed(change);
        if (m_observer)
            m_observer(change);
    }

private:
    Stream &m_stream;
    Trace &m_trace;
    ConsistencyChecker *m_checker = nullptr;
    std::function<void(const TableChange &)> m_observer;
};

Pipeline::Pipeline(PipelineConfig config)
    : m_config(std::move(config)), m_scheduler(m_config.startTime), m_faults(m_config.seed),
      m_timing(m_config.callLatencyMs ? TimingProfile::fixed(*m_config.callLatencyMs) : m_config.timing, m_config.seed)
{
    for (const auto &[op, rule] : m_config.faults)
        m_faults.set(op, rule);
    m_cache = std::make_unique<CacheStore>(m_scheduler, m_config.caches);
    m_topics = std::make_unique<TopicHub>(m_scheduler, [this](const std::string &c) { return m_cache->hasCache(c); });
    Stream::Options streamOptions;
    streamOptions.shards = m_config.shards;
    streamOptions.viewType = m_config.viewType;
    streamOptions.seed = m_config.seed;
    m_stream = std::make_unique<Stream>(m_scheduler, streamOptions);
    m_fanout = std::make_unique<Fanout>(*m_stream, m_trace);
    m_table = std::make_unique<OrdersTable>(m_scheduler, m_fanout.get());
    m_checker = std::make_unique<ConsistencyChecker>(*m_table, *m_cache, m_scheduler);
    m_fanout->setChecker(m_checker.get());
    m_cache->addListener([this](const CacheEvent &e) { m_checker->cacheEvent(e); });
    m_stream->addListener([this](const StreamRecordPtr &r) {
        TraceEvent e;
        e.traceId = r->traceId;
        e.kind = TraceEvent::Kind::StreamRecord;
        e.time = r->createdAt;
        e.detail = std::string(r->eventName()) + " " + r->sequenceNumber + " on " + m_stream->shardId(r->shard) + ", " +
                   std::to_string(r->sizeBytes) + " B";
        m_trace.add(std::move(e));
    });
    m_momento = std::make_unique<EmulatedMomento>(m_scheduler, *m_cache, *m_topics, m_faults, m_trace,
                                                  EmulatedMomento::Options{[this] { return m_timing.callLatency(); }});
    m_momento->setPublishHook([this](std::uint64_t traceId, const std::string &topic, const std::string &value) {
        m_checker->published(traceId, topic, value);
    });
    StreamHandler::Options handlerOptions;
    handlerOptions.ttl = std::chrono::milliseconds(m_config.handlerTtlMs);
    m_handler = std::make_unique<StreamHandler>(handlerOptions);
    m_invoker = std::make_unique<CoreInvoker>(m_scheduler, *m_handler, *m_momento, m_faults);
    m_invoker->setTimeoutMs(m_config.mapping.functionTimeoutMs);
    m_invoker->setInvocationOverhead([this] { return m_timing.invocationOverhead(); });
    m_mapping = std::make_unique<EventSourceMapping>(m_scheduler, *m_stream, *m_invoker, m_config.mapping);
    m_invoker->setMapping(m_mapping.get());
    m_mapping->setPollTiming(m_timing);
    auto warn = [this](const std::string &w) {
        std::lock_guard lock(m_warningsMutex);
        if (std::find(m_runtimeWarnings.begin(), m_runtimeWarnings.end(), w) == m_runtimeWarnings.end() &&
            m_runtimeWarnings.size() < 100)
            m_runtimeWarnings.push_back(w);
    };
    m_invoker->setWarningHook(warn);
    EventSourceMapping::Hooks hooks;
    hooks.warning = [this, warn](const std::string &w) {
        warn(w);
        if (m_observer.warning)
            m_observer.warning(w);
    };
    hooks.invocationStarted = [this](const InvocationRequest &req) {
        if (m_observer.invocationStarted)
            m_observer.invocationStarted(req);
        traceRecords(req.records, TraceEvent::Kind::InvocationStarted, req.id, true,
                     "invocation " + std::to_string(req.id) + " with " + std::to_string(req.records.size()) +
                         " record(s), attempt " + std::to_string(req.attempt) + (req.redelivery ? " (redelivery)" : ""));
    };
    hooks.invocationFinished = [this](const InvocationRequest &req, const InvocationResult &result,
                                      const InvocationOutcome &outcome) {
        if (m_observer.invocationFinished)
            m_observer.invocationFinished(req, result, outcome);
        const bool ok = outcome.kind == InvocationOutcome::Kind::Success;
        traceRecords(req.records, TraceEvent::Kind::InvocationFinished, req.id, ok,
                     "invocation " + std::to_string(req.id) + ": " + (ok ? std::string("success") : outcome.reason) + " " +
                         (result.kind == InvocationResult::Kind::Returned ? result.response : result.error));
    };
    hooks.discarded = [this](const FailureRecord &f) {
        if (m_observer.discarded)
            m_observer.discarded(f);
        traceRecords(f.records, TraceEvent::Kind::Discard, 0, false, "discarded: " + f.condition);
    };
    m_mapping->setHooks(std::move(hooks));
}

Pipeline::~Pipeline() = default;

void Pipeline::setTableObserver(std::function<void(const TableChange &)> observer)
{
    m_fanout->setObserver(std::move(observer));
}

void Pipeline::traceRecords(const std::vector<StreamRecordPtr> &records, TraceEvent::Kind kind, std::uint64_t invocationId,
                            bool ok, const std::string &detail)
{
    for (const auto &r : records) {
        TraceEvent e;
        e.traceId = r->traceId;
        e.kind = kind;
        e.time = m_scheduler.now();
        e.invocationId = invocationId;
        e.ok = ok;
        e.detail = detail;
        m_trace.add(std::move(e));
    }
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
    if ((m_scheduler.now() / kTtlSweepMs) % (kTrimMs / kTtlSweepMs) == 0)
        m_stream->trim();
    m_scheduler.after(kTtlSweepMs, [this] { housekeeping(); });
}

OrdersTable::WriteResult Pipeline::apply(const OrderChange &change)
{
    if (change.kind == OrderChange::Remove)
        return m_table->remove(change.pk);
    return m_table->put(toAttributes(*change.newItem));
}

bool Pipeline::runUntilDrained(TimeMs limit)
{
    std::size_t n = 0;
    while (m_scheduler.runNext(limit)) {
        if (++n % 32 == 0 && m_mapping->drained())
            return true;
    }
    return m_mapping->drained();
}

CheckReport Pipeline::check() const
{
    const auto pending = m_mapping->pendingTraceIds();
    return m_checker->check(std::set<std::uint64_t>(pending.begin(), pending.end()));
}

std::vector<std::string> Pipeline::warnings() const
{
    auto w = m_mapping->warnings();
    std::lock_guard lock(m_warningsMutex);
    w.insert(w.end(), m_runtimeWarnings.begin(), m_runtimeWarnings.end());
    return w;
}

} // namespace orderlab
