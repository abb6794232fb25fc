#include "remote_clients.h"

#include <chrono>

namespace orderlab {

std::int64_t RemoteClients::wallMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void RemoteClients::recordCall(const std::string &peer, const std::string &agent, const std::string &runtimeVersion)
{
    const std::int64_t now = wallMs();
    const std::int64_t second = now / 1000;
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_connections.try_emplace(peer);
    RemoteConnection &c = it->second;
    if (inserted) {
        c.peer = peer;
        c.firstSeenMs = now;
    }
    if (!agent.empty() && c.agent != agent)
        c.agent = agent;
    if (!runtimeVersion.empty() && c.runtimeVersion != runtimeVersion)
        c.runtimeVersion = runtimeVersion;
    ++c.calls;
    c.lastSeenMs = now;
    ++m_total;
    const std::size_t slot = static_cast<std::size_t>(second % 8);
    if (m_second[slot] != second) {
        m_second[slot] = second;
        m_perSecond[slot] = 0;
    }
    ++m_perSecond[slot];
    if (inserted && (m_connections.size() > maxConnections || now - m_lastPrune > 60000))
        prune(now);
}

void RemoteClients::recordFailure(const std::string &peer)
{
    std::lock_guard lock(m_mutex);
    ++m_failed;
    if (auto it = m_connections.find(peer); it != m_connections.end())
        ++it->second.failed;
}

void RemoteClients::streamOpened(const std::string &peer)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_connections.find(peer); it != m_connections.end())
        ++it->second.openStreams;
}

void RemoteClients::streamClosed(const std::string &peer)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_connections.find(peer); it != m_connections.end() && it->second.openStreams > 0) {
        --it->second.openStreams;
        it->second.lastSeenMs = wallMs();
    }
}

void RemoteClients::prune(std::int64_t now)
{
    m_lastPrune = now;
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        if (it->second.openStreams == 0 && now - it->second.lastSeenMs > idleForgetMs)
            it = m_connections.erase(it);
        else
            ++it;
    }
    while (m_connections.size() > maxConnections) {
        auto oldest = m_connections.end();
        for (auto it = m_connections.begin(); it != m_connections.end(); ++it)
            if (it->second.openStreams == 0 &&
                (oldest == m_connections.end() || it->second.lastSeenMs < oldest->second.lastSeenMs))
                oldest = it;
        if (oldest == m_connections.end())
            break;
        m_connections.erase(oldest);
    }
}

std::vector<RemoteConnection> RemoteClients::connections() const
{
    std::lock_guard lock(m_mutex);
    std::vector<RemoteConnection> out;
    out.reserve(m_connections.size());
    for (const auto &[peer, c] : m_connections)
        out.push_back(c);
    return out;
}

std::string RemoteClients::agentOf(const std::string &peer) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_connections.find(peer);
    return it == m_connections.end() ? std::string() : it->second.agent;
}

double RemoteClients::callsPerSecond() const
{
    const std::int64_t second = wallMs() / 1000;
    std::lock_guard lock(m_mutex);
    std::uint64_t sum = 0;
    for (std::int64_t s = second - 3; s < second; ++s) {
        const std::size_t slot = static_cast<std::size_t>(s % 8);
        if (m_second[slot] == s)
            sum += m_perSecond[slot];
    }
    return static_cast<double>(sum) / 3.0;
}

std::uint64_t RemoteClients::totalCalls() const
{
    std::lock_guard lock(m_mutex);
    return m_total;
}

std::uint64_t RemoteClients::totalFailures() const
{
    std::lock_guard lock(m_mutex);
    return m_failed;
}

} // namespace orderlab
