#include "emulated_momento.h"

#include "events/event_bus.h"

namespace orderlab {

EmulatedMomento::EmulatedMomento(Scheduler &scheduler, CacheStore &cache, TopicHub &topics, FaultInjector &faults,
                                 EventBus &events, Options options)
    : m_scheduler(scheduler), m_cache(cache), m_topics(topics), m_faults(faults), m_events(events),
      m_options(std::move(options))
{
}

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

void EmulatedMomento::Session::trace(TimeMs start, HandlerCallEvent call)
{
    call.latencyMs = m_owner.m_scheduler.now() - start;
    m_owner.m_events.publish(std::move(call), m_currentTrace, m_invocationId);
}

namespace {
std::string resultOf(const momento::Status &s)
{
    return s ? momento::errorCodeName(s->code) : "ok";
}
} // namespace

Task<momento::GetResponse> EmulatedMomento::Session::get(std::string cache, std::string key)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("cache.get");
    co_await pause(d.latencyMs);
    if (d.fail) {
        momento::Error e{d.code, "injected fault on cache.get"};
        trace(start, HandlerCallEvent{"get", cache, key, 0, momento::errorCodeName(e.code), 0, {}});
        co_return momento::GetResponse(e);
    }
    momento::GetResponse r = m_owner.m_cache.get(cache, key);
    if (auto *hit = std::get_if<momento::Hit>(&r))
        trace(start, HandlerCallEvent{"get", cache, key, hit->value->size(), "hit", 0, {}});
    else if (std::holds_alternative<momento::Miss>(r))
        trace(start, HandlerCallEvent{"get", cache, key, 0, "miss", 0, {}});
    else
        trace(start,
              HandlerCallEvent{"get", cache, key, 0, momento::errorCodeName(std::get<momento::Error>(r).code), 0, {}});
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
    trace(start, HandlerCallEvent{"set", cache, key, size, resultOf(s), 0, {}});
    co_return s;
}

Task<momento::Status> EmulatedMomento::Session::remove(std::string cache, std::string key)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("cache.delete");
    co_await pause(d.latencyMs);
    momento::Status s = d.fail ? momento::Status(momento::Error{d.code, "injected fault on cache.delete"})
                               : m_owner.m_cache.remove(cache, key, writer());
    trace(start, HandlerCallEvent{"delete", cache, key, 0, resultOf(s), 0, {}});
    co_return s;
}

Task<momento::Status> EmulatedMomento::Session::publish(std::string cache, std::string topic, std::string value)
{
    const TimeMs start = m_owner.m_scheduler.now();
    const auto d = m_owner.m_faults.decide("topic.publish");
    co_await pause(d.latencyMs);
    momento::Status s;
    if (d.fail) {
        s = momento::Error{d.code, "injected fault on topic.publish"};
    } else {
        // The hub delivers to subscribers on this thread: their events descend from this record too.
        CauseScope cause(m_currentTrace, m_invocationId);
        s = m_owner.m_topics.publish(cache, topic, TopicValue::text(value), "handler");
    }
    trace(start, HandlerCallEvent{"publish", cache, topic, value.size(), resultOf(s), 0, value});
    co_return s;
}

} // namespace orderlab
