#pragma once

#include "busy_poll.h"
#include "json_protocol.h"

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace orderlab::aws {

/// Answers one request; called on a worker thread, several at once.
using HttpHandler = std::function<HttpAnswer(const HttpRequest &)>;

/**
 * cpp-httplib's listener with a bounded number of connections (docs/memory-bounds.md, "The DynamoDB port").
 * httplib gives each accepted connection to one worker for the connection's whole keep-alive life; its own
 * ThreadPool queues the connections no worker can take without limit. Here `workers` connections are served at
 * once and at most `maxPending` more wait for a worker; a connection accepted beyond that is closed at once, on
 * the listener's thread, before a byte of it is read, and counted in refusedConnections(). Idle keep-alive
 * connections end within 100 ms of stop(), not at the end of their keep-alive time.
 *
 * Each connection's requests are read by HttpRequestReader (one pass, http_parser) and answered by `handler`,
 * not by httplib's routes, whose header reading (a byte at a time) cost as much as a DynamoDB operation. A
 * request that is not HTTP/1.x is answered 400 and its connection closed; one whose body is over `maxBodyBytes`
 * reaches the handler unread (HttpRequest::oversizedBodyBytes) and its connection is closed after the answer.
 * Between requests, a connection's thread polls for the next one as `poll` allows (BusyPoll), then sleeps.
 * Binding, timeouts, keep-alive settings, listen_after_bind and stop are httplib::Server's.
 * Threading: as httplib::Server; refusedConnections() from any thread.
 *
 * Written against cpp-httplib 0.11 (Debian 12), whose listener hands each accepted socket to
 * TaskQueue::enqueue as a closure calling process_and_close_socket. From 0.15 on, enqueue may refuse
 * (it returns bool) and ThreadPool takes a bound on its queue; there the override below no longer
 * compiles, and ThreadPool's own bound replaces this class.
 */
class BoundedHttpServer final : public httplib::Server
{
  public:
    BoundedHttpServer(std::size_t workers, std::size_t maxPending, std::size_t maxBodyBytes, HttpHandler handler,
                      BusyPollSettings poll = {});

    /// Call after bind_to_port or bind_to_any_port: lets the kernel hold up to workers + maxPending connections
    /// that the listener has not accepted yet. httplib 0.11 listens with a backlog of 5, and a burst of connects
    /// beyond it (16 clients starting at once) had some connections dropped or reset by the kernel before
    /// orderlab saw them. False when the socket refused the change.
    bool widenListenBacklog();

    std::uint64_t refusedConnections() const { return m_refused; }
    /// How connection threads waited for requests; any thread.
    const BusyPoll &busyPoll() const { return m_busyPoll; }

  private:
    bool process_and_close_socket(socket_t sock) override;

    const int m_backlog;
    const std::size_t m_maxBodyBytes;
    const HttpHandler m_handler;
    std::atomic<std::uint64_t> m_refused{0};
    BusyPoll m_busyPoll;
};

} // namespace orderlab::aws
