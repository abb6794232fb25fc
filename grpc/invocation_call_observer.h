#pragma once

#include "momento_server.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab {

class EventBus;
class Invoker;

/**
 * Puts a handler process's cache calls and publishes under the invocation it was serving
 * (docs/lambda-runtime.md, "Calls under their invocation"). For a call over a connection that
 * one of `invoker`'s processes owns while an invocation of it is in flight, the call's work runs
 * under a CauseScope of that invocation (so the cache's and the topics' own events carry it) and
 * a HandlerCallEvent follows, as core's calls in process have. Every other call is not observed.
 *
 * Ownership: `invoker` and `events` are borrowed and outlive the server the observer is given
 * to. Threading: begin() runs on gRPC's threads; setPorts() from any thread.
 */
class InvocationCallObserver final : public CallObserver
{
  public:
    InvocationCallObserver(const Invoker &invoker, EventBus &events);
    /// The server's ports (plaintext, TLS), known once it is bound; calls before that are not observed.
    void setPorts(std::vector<int> ports);
    std::unique_ptr<Scope> begin(const std::string &peer) override;

    /// The client port of a loopback IPv4 peer ("ipv4:127.0.0.1:54321" → 54321); -1 for any other peer.
    static int loopbackPort(const std::string &peer);

  private:
    const Invoker &m_invoker;
    EventBus &m_events;
    mutable std::mutex m_mutex;
    std::vector<int> m_ports;
};

} // namespace orderlab
