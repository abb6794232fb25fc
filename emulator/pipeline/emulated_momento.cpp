#include "emulated_momento.h"

namespace orderlab {

EmulatedMomento::EmulatedMomento(Scheduler &scheduler, CacheStore &cache, TopicHub &topics, FaultInjector &faults,
                                 Trace &trace, Options options)
    : m_scheduler(scheduler), m_cache(cache), m_topics(topics), m_faults(faults), m_trace(trace),
      m_options(std::move(options))
{}

EmulatedMomento::Session::Session(EmulatedMomento &owner, const InvocationRequest &request)
    : m_owner(owner), m_invocationId(request.id)
{
    for (const auto &r : request.records) {
        m_traceIds.push_back(r->traceId);
        m_sequenceNumbers.push_back(r->sequenceNumber);
    }
}

void EmulatedMomento::Session::recordStarted(std::size_t index, const std::string &sequenceNumber)
{
    m_currentTrace = index < m_traceIds.size() ? m_traceIds[index] : 0;
    m_currentSequence = sequenceNumber;
}

std::string EmulatedMomento::Session::writer() const
{
    return "handler invocation " + std::to_string(m_invocationId) + " (record " + m_currentSequence + ")";
}

Task<void> EmulatedMomento::Session::pause(TimeMs extra)
{
    const auto &draw = m_owner.m_options.callLatency;
    const TimeMs ms = (draw ? draw() : 1) + extra;
    if (ms > 0)
        co_await m_owner.m_scheduler.sleep(ms);
}

void EmulatedMomento::Session::trace(TimeMs start, bool ok, std::string detail, TraceEvent::Kind kind)
{
    if (m_currentTrace == 0)
        return;
    TraceEvent e;
    e.traceId = m_currentTrace;
    e.kind = kind;
    e.time = start;
    e.durationMs = m_owner.m_scheduler.now() - start;
    e.invocationId = m_invocationId;
    e.ok = ok;
    e.detail = std::move(detail);
    m_owner.m_trace.add(std::move(e));
}

Task<momento::GetResponse> EmulatedMomento::Session::get(std::string cache, std::string key)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("cache.get");
    co_await pause(d.latencyMs);
    if (d.fail) {
        momento::Error e{d.code, "injected fault on cache.get"};
        trace(start, false, "get " + key + ": " + e.toString());
        co_return momento::GetResponse(e);
    }
    momento::GetResponse r = m_owner.m_cache.get(cache, key);
    if (auto *hit = std::get_if<momento::Hit>(&r))
        trace(start, true, "get " + key + ": hit, " + std::to_string(hit->value->size()) + " B");
    else if (std::holds_alternative<momento::Miss>(r))
        trace(start, true, "get " + key + ": miss");
    else
        trace(start, false, "get " + key + ": " + std::get<momento::Error>(r).toString());
    co_return r;
}

Task<momento::Status> EmulatedMomento::Session::set(std::string cache, std::string key, momento::CacheValue value,
                                                    std::optional<std::chrono::milliseconds> ttl)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("cache.set");
    co_await pause(d.latencyMs);
    const std::size_t size = value ? value->size() : 0;
    momento::Status s = d.fail ? momento::Status(momento::Error{d.code, "injected fault on cache.set"})
                               : m_owner.m_cache.set(cache, key, std::move(value),
                                                     static_cast<std::uint64_t>(ttl ? ttl->count() : 60000), writer());
    trace(start, !s, "set " + key + " (" + std::to_string(size) + " B)" + (s ? ": " + s->toString() : ""));
    co_return s;
}

Task<momento::Status> EmulatedMomento::Session::remove(std::string cache, std::string key)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("cache.delete");
    co_await pause(d.latencyMs);
    momento::Status s = d.fail ? momento::Status(momento::Error{d.code, "injected fault on cache.delete"})
                               : m_owner.m_cache.remove(cache, key, writer());
    trace(start, !s, "delete " + key + (s ? ": " + s->toString() : ""));
    co_return s;
}

Task<momento::Status> EmulatedMomento::Session::publish(std::string cache, std::string topic, std::string value)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("topic.publish");
    co_await pause(d.latencyMs);
    momento::Status s = d.fail ? momento::Status(momento::Error{d.code, "injected fault on topic.publish"})
                               : m_owner.m_topics.publish(cache, topic, TopicValue::text(value), "handler");
    trace(start, !s, "publish " + topic + " " + value + (s ? ": " + s->toString() : ""), TraceEvent::Kind::Publish);
    if (!s && m_owner.m_publishHook)
        m_owner.m_publishHook(m_currentTrace, topic, value);
    co_return s;
}

} // namespace orderlab
