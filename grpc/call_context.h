#pragma once
// Internal to orderlab_grpc (includes gRPC): what every service of one MomentoServer shares,
// and the steps every call goes through (admit → work → finish).

#include "cache_store.h"
#include "fault_injector.h"
#include "momento_server.h"
#include "request_faults.h"
#include "timer_thread.h"
#include "topic_hub.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::grpcserver {

class StreamState;

/// Per-cache, per-second call counters for the optional rate limits. Past seconds' counters are
/// forgotten once kMaxWindows are kept, so made-up cache names cannot grow memory.
class RateLimits
{
  public:
    /// Counts a call of `kind` on `cache`; false when this second's `limit` is used up.
    bool admit(const std::string &kind, const std::string &cache, std::uint64_t limit);

    static constexpr std::size_t kMaxWindows = 4096;

  private:
    struct Window
    {
        std::int64_t second = 0;
        std::uint64_t count = 0;
    };
    std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, Window> m_windows;
};

/// Shared by the services of one MomentoServer. Thread-safe where it matters (see members).
struct ServerState
{
    ServerState(CacheStore &c, TopicHub &t, FaultInjector *f, MomentoServerOptions o)
        : cache(c), topics(t), faults(f), options(std::move(o))
    {
    }

    CacheStore &cache;
    TopicHub &topics;
    FaultInjector *faults; ///< may be null
    const MomentoServerOptions options;
    RemoteClients clients;
    RequestFaults requestFaults;
    RateLimits rates;
    TimerThread timer;
    std::atomic<bool> shuttingDown{false};
    std::atomic<std::uint64_t> injected{0};
    std::atomic<std::uint64_t> streamsEnded{0};
    std::atomic<std::uint64_t> slowSubscribers{0};

    std::mutex streamsMutex; ///< guards `streams` and `nextStream`
    std::map<std::uint64_t, std::weak_ptr<StreamState>> streams;
    std::uint64_t nextStream = 1;
};

/// Which kind of service a call belongs to (what metadata it needs).
enum class Plane { Data, Control, Topics };

/// What a call carries besides its body: the peer's address and the client's metadata. Plain
/// values, so that the call logic can run without a socket (tests/fuzz/fuzz_grpc_request.cpp).
struct RequestMeta
{
    std::string peer;
    std::multimap<std::string, std::string> metadata;

    /// The first value of header `name`, or nullopt.
    std::optional<std::string> header(const std::string &name) const;
    /// A copy of `ctx`'s peer and client metadata.
    static RequestMeta of(const grpc::ServerContextBase &ctx);
};

/// What admit() and the call's work learnt about one call.
struct Call
{
    std::string peer;
    std::string cache;         ///< the `cache` header (Data plane)
    std::uint64_t delayMs = 0; ///< injected delays, added up; at most RequestFaults::kMaxDelayMs
    RequestFaults::Verdict verdict;
    std::vector<std::pair<std::string, std::string>> trailers; ///< trailing metadata for the answer
    ObservedCall seen; ///< what the work tells an observer: key, bytes, hit or miss, a publish's value
};

/**
 * Records the call, then checks, in order: shutdown (UNAVAILABLE), the auth token
 * (UNAUTHENTICATED), the `cache` header for the data plane (INVALID_ARGUMENT), malformed
 * fault headers (INVALID_ARGUMENT), momento-local's `return-error` for `rpc`, and the
 * FaultInjector rule for `operation` (may be null). Injected delays add up in `call.delayMs`
 * (saturating at RequestFaults::kMaxDelayMs). Returns OK when the call may proceed.
 */
grpc::Status admit(ServerState &state, const RequestMeta &meta, Plane plane, const char *rpc, const char *operation,
                   Call &call);

/// INVALID_ARGUMENT "<what> is N bytes long, the limit is M" for a name over options.maxNameBytes; else OK.
grpc::Status checkName(const ServerState &state, const char *what, const std::string &name);

/// Adds `call.trailers` to `ctx`'s trailing metadata.
void addTrailers(grpc::CallbackServerContext *ctx, const Call &call);

/// The gRPC status of a store error; adds the `err` trailer for size and count limits.
grpc::Status toStatus(Call &call, const momento::Error &error);
grpc::StatusCode codeOf(momento::ErrorCode code);
/// momento-local's error names (`not-found`, ...); UNKNOWN for anything else.
grpc::StatusCode codeFromName(const std::string &name);
/// The name the Momento SDK gives a call that ended with `code` (SERVER_UNAVAILABLE, ...); "ok" for OK.
std::string sdkResultName(grpc::StatusCode code);

} // namespace orderlab::grpcserver
