#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab {

/// A remote peer (one HTTP/2 connection: `ipv4:127.0.0.1:54321`) as the gRPC server saw it.
struct RemoteConnection
{
    std::string peer;
    std::string agent; ///< the `agent` header (`nodejs:cache:1.118.1`); empty if this connection never sent one
    std::string runtimeVersion; ///< the `runtime-version` header, if sent
    std::uint64_t calls = 0;    ///< calls started, streams included
    std::uint64_t failed = 0;   ///< calls answered with a non-OK status
    std::size_t openStreams = 0;
    std::int64_t firstSeenMs = 0; ///< wall clock, ms since the epoch
    std::int64_t lastSeenMs = 0;
};

/// A live subscription of a remote client.
struct RemoteSubscription
{
    std::uint64_t id = 0; ///< the stream's id (not the TopicHub subscription id)
    std::string peer;
    std::string agent;
    std::string cache;
    std::string topic;
    std::uint64_t delivered = 0; ///< items and discontinuities written to the stream (heartbeats not counted)
    std::size_t buffered = 0;    ///< messages waiting for the client to read
    std::int64_t sinceMs = 0;    ///< wall clock
};

/**
 * What the gRPC server knows of its remote clients, in plain C++ for the app and the UI:
 * connections with their agent header, call counts, and calls per second.
 *
 * gRPC reports no connection events to a server, so a connection is a peer address that
 * made calls; one with no open stream and no call for `idleForgetMs` is forgotten, and at
 * most `maxConnections` are kept (the least recently seen go first), so a thousand
 * short-lived connections cannot grow memory for ever.
 *
 * Threading: every member is thread-safe; record* are called on gRPC threads.
 */
class RemoteClients
{
  public:
    static constexpr std::int64_t idleForgetMs = 10 * 60 * 1000;
    static constexpr std::size_t maxConnections = 4096;

    /// Counts a call from `peer`; a non-empty agent / runtime version is remembered.
    void recordCall(const std::string &peer, const std::string &agent, const std::string &runtimeVersion);
    void recordFailure(const std::string &peer);
    void streamOpened(const std::string &peer);
    void streamClosed(const std::string &peer);

    /// Sorted by peer.
    std::vector<RemoteConnection> connections() const;
    /// The agent remembered for `peer`, or empty.
    std::string agentOf(const std::string &peer) const;
    /// Calls per second over the last three whole seconds.
    double callsPerSecond() const;
    std::uint64_t totalCalls() const;
    std::uint64_t totalFailures() const;

    static std::int64_t wallMs();

  private:
    void prune(std::int64_t now); // m_mutex held

    mutable std::mutex m_mutex;
    std::map<std::string, RemoteConnection> m_connections;
    std::array<std::uint64_t, 8> m_perSecond{}; // calls in second s at [s % 8]
    std::array<std::int64_t, 8> m_second{};     // which second each slot holds
    std::uint64_t m_total = 0;
    std::uint64_t m_failed = 0;
    std::int64_t m_lastPrune = 0;
};

} // namespace orderlab
