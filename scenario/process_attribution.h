#pragma once

#include "events/event.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace orderlab::scenario {

/**
 * Names what a handler process did the way core's calls in process are named, so that a scenario's golden
 * outcome does not depend on which of the two ran the handler (docs/scenarios.md, "Handler processes").
 * A process's cache writes and publishes come over gRPC: the store and the hub name them by the connection
 * ("grpc ipv4:127.0.0.1:PORT", a port that changes on every run); the gRPC server puts them under the invocation
 * they were made in (docs/lambda-runtime.md, "Calls under their invocation"). Here a publish made under an
 * invocation is the `handler`'s, and a key written under one is "handler invocation N (record SEQ)", SEQ being the
 * batch's one record; in a batch of several records a process does not say which one it was working on, and the
 * key is "handler invocation N".
 *
 * Not thread-safe: its owner (OutcomeRecorder) calls it under its own lock. Memory: one entry per invocation
 * and per cache key written by a process, as the outcome itself holds.
 */
class ProcessAttribution
{
  public:
    /// Follows invocations (their batches) and cache changes.
    void onEvent(const Event &event);
    /// The publisher of a publish: `who`, or `handler` for a process's publish under an invocation.
    static std::string publisher(const Event &event, const std::string &who);
    /// The writer to show for a key the store says `stored` wrote last.
    std::string writer(const std::string &cache, const std::string &key, const std::string &stored) const;

  private:
    std::map<std::uint64_t, std::map<std::uint64_t, std::string>> m_records; ///< invocation → trace id → sequence
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> m_writers; ///< → (grpc, name)
};

} // namespace orderlab::scenario
