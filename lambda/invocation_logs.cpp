#include "invocation_logs.h"

namespace orderlab::lambda {

void InvocationLogs::setSink(Sink sink)
{
    std::lock_guard lock(m_mutex);
    m_sink = std::move(sink);
}

void InvocationLogs::keep(Entry &entry, const std::string &line)
{
    if (entry.lines.size() < kMaxLinesPerInvocation)
        entry.lines.push_back(line);
    else
        ++entry.dropped;
}

void InvocationLogs::publish(const std::string &line)
{
    m_recent.push_back(line);
    while (m_recent.size() > kMaxRecentLines)
        m_recent.pop_front();
    if (m_sink)
        m_sink(line);
}

void InvocationLogs::append(const std::string &requestId, const std::string &line)
{
    std::lock_guard lock(m_mutex);
    auto it = requestId.empty() ? m_byId.end() : m_byId.find(requestId);
    keep(it == m_byId.end() ? m_between : it->second, line);
    publish(line);
}

void InvocationLogs::begin(const std::string &requestId, const std::string &startLine)
{
    std::lock_guard lock(m_mutex);
    Entry entry = std::move(m_between);
    m_between = {};
    keep(entry, startLine);
    if (m_byId.emplace(requestId, std::move(entry)).second)
        m_order.push_back(requestId);
    while (m_order.size() > kMaxInvocations) {
        m_byId.erase(m_order.front());
        m_order.pop_front();
    }
    publish(startLine);
}

std::vector<std::string> InvocationLogs::lines(const std::string &requestId) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.find(requestId);
    if (it == m_byId.end())
        return {};
    std::vector<std::string> out = it->second.lines;
    if (it->second.dropped > 0)
        out.push_back("orderlab: " + std::to_string(it->second.dropped) + " more line(s) of this invocation left out");
    return out;
}

std::vector<std::string> InvocationLogs::recent() const
{
    std::lock_guard lock(m_mutex);
    return {m_recent.begin(), m_recent.end()};
}

} // namespace orderlab::lambda
