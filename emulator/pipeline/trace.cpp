#include "trace.h"

#include <algorithm>

namespace orderlab {

const char *TraceEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::TableWrite: return "table write";
    case Kind::StreamRecord: return "stream record";
    case Kind::InvocationStarted: return "invocation started";
    case Kind::InvocationFinished: return "invocation finished";
    case Kind::CacheCall: return "cache call";
    case Kind::Publish: return "publish";
    case Kind::Discard: return "discarded";
    case Kind::Lost: return "lost";
    }
    return "";
}

void Trace::add(TraceEvent event)
{
    Listener listener;
    {
        std::lock_guard lock(m_mutex);
        auto [it, inserted] = m_chains.try_emplace(event.traceId);
        if (inserted) {
            m_order.push_back(event.traceId);
            while (m_order.size() > m_maxTraces) {
                m_chains.erase(m_order.front());
                m_order.pop_front();
            }
        }
        auto found = m_chains.find(event.traceId);
        if (found != m_chains.end())
            found->second.push_back(event);
        listener = m_listener;
    }
    if (listener)
        listener(event);
}

std::vector<TraceEvent> Trace::chain(std::uint64_t traceId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_chains.find(traceId);
    return it == m_chains.end() ? std::vector<TraceEvent>{} : it->second;
}

void Trace::noteOrder(std::uint64_t traceId, const std::string &pk)
{
    std::lock_guard lock(m_mutex);
    auto &ids = m_byOrder[pk];
    ids.push_back(traceId);
    if (ids.size() > 1000)
        ids.erase(ids.begin());
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

void Trace::setListener(Listener listener)
{
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
}

} // namespace orderlab
