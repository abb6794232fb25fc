#include "trace.h"

#include <algorithm>

namespace orderlab {

namespace {
/// The event as the trace keeps it: a table change without its item images (the trace names the change; the
/// table and the stream record hold the data), so that a full trace costs tens of bytes per change, not kilobytes.
std::shared_ptr<const Event> kept(const Event &event)
{
    const auto *t = event.as<TableChangedEvent>();
    if (!t || !t->change || (!t->change->oldImage && !t->change->newImage))
        return std::make_shared<const Event>(event);
    auto slim = std::make_shared<TableChange>();
    slim->kind = t->change->kind;
    slim->pk = t->change->pk;
    slim->time = t->change->time;
    slim->byTtl = t->change->byTtl;
    slim->traceId = t->change->traceId;
    Event copy = event;
    copy.payload = TableChangedEvent{std::move(slim)};
    return std::make_shared<const Event>(std::move(copy));
}
} // namespace

EventBus::Subscription Trace::follow(EventBus &bus)
{
    return bus.subscribe([this](const Event &e) { add(e); });
}

void Trace::add(const Event &event)
{
    const std::vector<std::uint64_t> *many = nullptr;
    if (const auto *s = event.as<InvocationStartedEvent>())
        many = &s->batch.traceIds;
    else if (const auto *f = event.as<InvocationFinishedEvent>())
        many = &f->batch.traceIds;
    else if (const auto *d = event.as<RecordsDiscardedEvent>())
        many = &d->traceIds;
    else if (event.traceId == 0 || event.as<CacheChangedEvent>() || event.as<TopicChangedEvent>())
        return; // the handler's own call events already say what the store did
    auto shared = kept(event);
    std::lock_guard lock(m_mutex);
    if (many) {
        for (auto id : *many)
            file(id, shared);
        return;
    }
    file(event.traceId, shared);
    if (const auto *t = event.as<TableChangedEvent>(); t && t->change) {
        auto &ids = m_byOrder[t->change->pk];
        ids.push_back(event.traceId);
        if (ids.size() > 1000)
            ids.erase(ids.begin());
    }
}

void Trace::file(std::uint64_t traceId, const std::shared_ptr<const Event> &event)
{
    auto [it, inserted] = m_chains.try_emplace(traceId);
    auto &chain = it->second;
    if (chain.events.size() >= kMaxEventsPerChain) {
        chain.events.erase(chain.events.begin() + kHeadKept);
        ++chain.omitted;
        --m_events;
    }
    chain.events.push_back(event);
    ++m_events;
    if (inserted)
        m_order.push_back(traceId);
    // The newest chain is never forgotten, so a change being filed keeps its chain.
    while (m_order.size() > 1 && (m_order.size() > m_maxTraces || m_events > m_maxEvents)) {
        forget(m_order.front());
        m_order.pop_front();
    }
}

void Trace::forget(std::uint64_t traceId)
{
    auto it = m_chains.find(traceId);
    if (it == m_chains.end())
        return;
    m_events -= it->second.events.size();
    for (const auto &e : it->second.events) {
        const auto *t = e->as<TableChangedEvent>();
        if (!t || !t->change)
            continue;
        if (auto byOrder = m_byOrder.find(t->change->pk); byOrder != m_byOrder.end()) {
            auto &ids = byOrder->second;
            ids.erase(std::remove(ids.begin(), ids.end(), traceId), ids.end());
            if (ids.empty())
                m_byOrder.erase(byOrder);
        }
        break;
    }
    m_chains.erase(it);
}

std::vector<Event> Trace::chain(std::uint64_t traceId) const
{
    std::lock_guard lock(m_mutex);
    std::vector<Event> out;
    if (auto it = m_chains.find(traceId); it != m_chains.end())
        for (const auto &e : it->second.events)
            out.push_back(*e);
    return out;
}

std::size_t Trace::omitted(std::uint64_t traceId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_chains.find(traceId);
    return it == m_chains.end() ? 0 : it->second.omitted;
}

std::size_t Trace::events() const
{
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::vector<std::uint64_t> Trace::changesOf(const std::string &pk) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_byOrder.find(pk);
    return it == m_byOrder.end() ? std::vector<std::uint64_t>{} : it->second;
}

std::size_t Trace::size() const
{
    std::lock_guard lock(m_mutex);
    return m_chains.size();
}

std::size_t Trace::ordersKept() const
{
    std::lock_guard lock(m_mutex);
    return m_byOrder.size();
}

} // namespace orderlab
