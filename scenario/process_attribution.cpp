#include "process_attribution.h"

namespace orderlab::scenario {

namespace {
bool fromGrpc(const std::string &who)
{
    return who.rfind("grpc ", 0) == 0;
}
} // namespace

void ProcessAttribution::onEvent(const Event &event)
{
    if (const auto *started = event.as<InvocationStartedEvent>()) {
        auto &records = m_records[started->batch.invocationId];
        const auto &b = started->batch;
        for (std::size_t i = 0; i < b.traceIds.size() && i < b.sequenceNumbers.size(); ++i)
            records.emplace(b.traceIds[i], b.sequenceNumbers[i]);
        return;
    }
    const auto *changed = event.as<CacheChangedEvent>();
    if (!changed)
        return;
    const CacheEvent &c = changed->change;
    const auto key = std::make_pair(c.cache, c.key);
    if (c.kind != CacheEvent::Kind::Set && c.kind != CacheEvent::Kind::TtlUpdated)
        return;
    if (event.invocationId == 0 || !fromGrpc(c.writer)) {
        m_writers.erase(key);
        return;
    }
    std::string name = "handler invocation " + std::to_string(event.invocationId);
    if (event.traceId != 0) {
        const auto batch = m_records.find(event.invocationId);
        if (batch != m_records.end())
            if (const auto record = batch->second.find(event.traceId); record != batch->second.end())
                name += " (record " + record->second + ")";
    }
    m_writers[key] = {c.writer, std::move(name)};
}

std::string ProcessAttribution::publisher(const Event &event, const std::string &who)
{
    return event.invocationId != 0 && fromGrpc(who) ? "handler" : who;
}

std::string ProcessAttribution::writer(const std::string &cache, const std::string &key,
                                       const std::string &stored) const
{
    const auto it = m_writers.find({cache, key});
    // Only while the store still names the process's write: a later writer (an expiry, another client) wins.
    return it != m_writers.end() && it->second.first == stored ? it->second.second : stored;
}

} // namespace orderlab::scenario
