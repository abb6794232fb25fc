#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace orderlab::lambda {

/// One invocation as the Runtime API hands it to a runtime (docs/lambda-runtime.md, "The Runtime API").
struct RuntimeInvocation
{
    std::string requestId;
    std::string eventJson;
    long long deadlineMs = 0; ///< wall clock, ms since the Unix epoch
    std::string functionArn;
    std::string traceId;
};

/// What a runtime told the Runtime API, as the server reports it to its owner.
struct RuntimeReport
{
    enum class Kind {
        Polled,           ///< GET .../invocation/next arrived (the first one ends the init phase)
        Response,         ///< POST .../invocation/<id>/response for the current invocation
        Error,            ///< POST .../invocation/<id>/error for the current invocation
        InitError,        ///< POST .../init/error before the first .../next
        ResponseTooLarge, ///< a response for the current invocation over kMaxPayloadBytes
        Refused,          ///< a request answered 4xx (unknown id, malformed, wrong state); `errorMessage` says why
    };
    Kind kind = Kind::Polled;
    std::string requestId;
    std::string body; ///< Response: the bytes the function returned
    std::string errorType;
    std::string errorMessage;
};

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, over HTTP on
 * its own port: the port is the environment's identity (AWS_LAMBDA_RUNTIME_API), it exists
 * only while the environment lives, and no other environment's invocation is ever reachable
 * through it. Status codes and error bodies as in docs/lambda-runtime.md.
 *
 * Threading: start/stop/offer/retire from any thread. The listener runs on the server's HTTP
 * threads, with no lock of the server held; it must not call stop(). GET .../next blocks an
 * HTTP thread until an invocation is offered or the server stops.
 */
class RuntimeApiServer
{
  public:
    using Listener = std::function<void(const RuntimeReport &report)>;
    /// Whether the connection from 127.0.0.1:clientPort to this server comes from the environment's processes.
    using PeerFilter = std::function<bool(int clientPort, int serverPort)>;
    /// The largest response body accepted (6 MiB, as Lambda's synchronous limit).
    static constexpr std::size_t kMaxPayloadBytes = 6 * 1024 * 1024;

    explicit RuntimeApiServer(Listener listener, std::string host = "127.0.0.1");
    ~RuntimeApiServer();
    RuntimeApiServer(const RuntimeApiServer &) = delete;
    RuntimeApiServer &operator=(const RuntimeApiServer &) = delete;

    /// Before start(): requests on connections the filter refuses are answered 403 `Forbidden`.
    /// A client port once accepted is not checked again. Unset: every connection is served.
    void setPeerFilter(PeerFilter filter) { m_peerFilter = std::move(filter); }
    /// Listens on an ephemeral port of `host`. False (and `error` set) if it cannot.
    bool start(std::string *error);
    /// Wakes blocked polls (they get 500), closes the port and joins the HTTP threads. Idempotent.
    void stop();
    int port() const { return m_port; }
    /// `host:port`, the value of AWS_LAMBDA_RUNTIME_API.
    std::string address() const;

    /// Hands `invocation` to the waiting (or next) GET .../next. False if one is already offered or running.
    bool offer(RuntimeInvocation invocation);
    /// Forgets the current invocation: a later post for its id is an unknown request id (400).
    void retire();

  private:
    void next(const httplib::Request &req, httplib::Response &res);
    void post(const httplib::Request &req, httplib::Response &res);
    void initError(const httplib::Request &req, httplib::Response &res);
    void report(const RuntimeReport &r) const;

    bool peerAllowed(const httplib::Request &req);

    const Listener m_listener;
    PeerFilter m_peerFilter;
    const std::string m_host;
    int m_port = 0;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_polled = false;                    ///< a .../next arrived: the init phase is over
    std::optional<RuntimeInvocation> m_offer; ///< offered, not yet handed out
    std::string m_running;                    ///< handed out, not yet answered; empty: none
    std::set<int> m_allowedPorts;             ///< client ports the filter accepted
};

} // namespace orderlab::lambda
