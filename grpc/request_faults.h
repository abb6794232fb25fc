#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace orderlab {

/**
 * momento-local's per-request fault injection (docs/momento-wire.md, "Fault injection compatible
 * with momento-local"), read from gRPC metadata:
 * `request-id`, `return-error`, `error-rpcs`, `error-count`, `delay-rpcs`, `delay-ms`,
 * `delay-count`, `stream-error-rpcs`, `stream-error`, `stream-error-message-limit`.
 *
 * RPC names are momento-local's: get set delete set-if keys-exist increment item-get-ttl
 * update-ttl topic-publish topic-subscribe. Counts (`error-count`, `delay-count`) are shared
 * by all requests with the same `request-id` (without one, each request counts alone); an
 * absent count means every matching request. Error names are gRPC status names in kebab case
 * (`unavailable`, `not-found`, ...); an unknown name is reported as `invalidHeader`.
 *
 * `delay-ms` may be at most kMaxDelayMs (one hour); a larger value, like any value that is not a
 * whole number (a sign included), is reported as `invalidHeader` naming `delay-ms`, so that no
 * delay reaches time arithmetic unchecked (docs/momento-wire.md, "Fault injection").
 *
 * Threading: decide() is thread-safe. The counters of at most 10,000 request ids are kept
 * (the oldest are forgotten first), so a client making up ids cannot grow memory.
 */
class RequestFaults
{
  public:
    /// The longest delay `delay-ms` may ask for.
    static constexpr std::uint64_t kMaxDelayMs = 60 * 60 * 1000;

    /// What the headers of one request ask for.
    struct Headers
    {
        std::string requestId;
        std::string returnError;
        std::set<std::string> errorRpcs;
        std::optional<std::uint64_t> errorCount;
        std::set<std::string> delayRpcs;
        std::uint64_t delayMs = 0;
        std::optional<std::uint64_t> delayCount;
        std::set<std::string> streamErrorRpcs;
        std::string streamError;
        std::uint64_t streamErrorMessageLimit = 0;
        std::string invalidHeader; ///< set when a header cannot be understood: "<header>: <why>"

        bool any() const
        {
            return !returnError.empty() || delayMs > 0 || !streamError.empty() || !invalidHeader.empty();
        }
    };

    /// What happens to one request.
    struct Verdict
    {
        std::string error;                  ///< a gRPC status name to fail with, or empty
        std::uint64_t delayMs = 0;          ///< delay the response by this much
        std::string streamError;            ///< Subscribe: end the stream with this error ...
        std::uint64_t streamErrorAfter = 0; ///< ... after this many items (heartbeats not counted)
        std::string invalidHeader;          ///< the headers were malformed: answer INVALID_ARGUMENT
    };

    /// `lookup(name)` returns a header's value, or nullopt when it is absent.
    using Lookup = std::function<std::optional<std::string>(const std::string &name)>;
    static Headers parse(const Lookup &lookup);

    /// The gRPC status names momento-local understands.
    static const std::set<std::string> &errorNames();
    /// The RPC names of `error-rpcs` and friends.
    static const std::set<std::string> &rpcNames();

    Verdict decide(const Headers &headers, const std::string &rpc);

  private:
    struct Counts
    {
        std::uint64_t errors = 0;
        std::uint64_t delays = 0;
    };
    Counts &countsFor(const std::string &requestId); // m_mutex held

    std::mutex m_mutex;
    std::map<std::string, Counts> m_counts;
    std::deque<std::string> m_order; // request ids, oldest first
};

} // namespace orderlab
