#pragma once

#include "function_config.h"
#include "handler_process.h"
#include "runtime_api_server.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab::lambda {

/// How one invocation ended inside an execution environment.
struct EnvironmentOutcome
{
    enum class Kind {
        Response,         ///< the runtime posted a response (`body`)
        Error,            ///< the runtime posted an invocation error
        ResponseTooLarge, ///< the response was over RuntimeApiServer::kMaxPayloadBytes
        InitError,        ///< the runtime posted init/error
        Exited,           ///< the process ended (`errorMessage` says how)
    };
    Kind kind = Kind::Response;
    std::string body;
    std::string errorType;
    std::string errorMessage;
};

/**
 * One execution environment (docs/lambda-runtime.md, "Execution environments"): a handler
 * process and the Runtime API port that only it is told about, with Lambda's environment
 * variables. Runs one invocation at a time. An environment whose process exited or posted an
 * init error is no longer usable; its owner replaces it.
 *
 * Threading: every member function from the owner's thread. `done` and the line sink run on
 * the environment's own threads (HTTP, output, exit), with no lock of the environment held.
 * The destructor kills the process group, stops the port and joins every thread; after it,
 * neither `done` nor the sink runs again.
 */
class ExecutionEnvironment
{
  public:
    using Done = std::function<void(const EnvironmentOutcome &outcome)>;
    /// One line of the process's output; `requestId` is the last invocation handed out, or empty before the first.
    using LineSink = std::function<void(const std::string &requestId, const std::string &line)>;

    ExecutionEnvironment(FunctionConfig config, LineSink sink);
    ~ExecutionEnvironment();
    ExecutionEnvironment(const ExecutionEnvironment &) = delete;
    ExecutionEnvironment &operator=(const ExecutionEnvironment &) = delete;

    /// Opens the port and starts the process (the cold start). False (and `error`) if either fails.
    bool start(std::string *error);
    /// Hands `invocation` to the runtime; `done` runs once unless abandon() comes first. An
    /// init error or exit that happened before is reported at once.
    void invoke(RuntimeInvocation invocation, Done done);
    /// Forgets the invocation in flight: its `done` never runs, a late answer is an unknown id.
    void abandon();
    /// Kills the process group; the environment is no longer usable.
    void kill();

    bool usable() const;
    /// Whether the runtime has asked for its first invocation (the init phase is over).
    bool initialised() const;
    /// From the process's start to its first invocation/next, in ms; -1 while it initialises.
    double initDurationMs() const;
    std::chrono::steady_clock::time_point startedAt() const { return m_startedAt; }
    /// Waits briefly until the output written so far has reached the sink.
    void flushOutput() { m_process.flushOutput(); }
    long maxMemoryMb() const { return m_process.maxMemoryMb(); }
    /// The process group (the process's pid); -1 before start() or when it could not start.
    pid_t processGroup() const { return m_process.pid(); }
    /// AWS_LAMBDA_RUNTIME_API: 127.0.0.1:PORT.
    std::string runtimeApi() const { return m_server.address(); }
    /// The environment the process starts with, NAME=VALUE.
    std::vector<std::string> environment() const;

  private:
    void onReport(const RuntimeReport &report);
    void onExit(const std::string &how);
    void finish(EnvironmentOutcome outcome);

    const FunctionConfig m_config;
    const LineSink m_sink;
    const std::string m_logStream;
    std::chrono::steady_clock::time_point m_startedAt;

    mutable std::mutex m_mutex;
    std::string m_requestId; ///< the invocation in flight; empty: none
    /// The invocation output is filed under: the last one handed out (output that arrives after its
    /// answer, such as a crash's last words, still belongs to it); empty before the first.
    std::string m_logId;
    Done m_done;
    std::optional<EnvironmentOutcome> m_broken; ///< init error or exit, kept for the next invocation
    double m_initMs = -1;
    bool m_killed = false;

    // Last: destroyed first, so that their threads end before the state above goes.
    RuntimeApiServer m_server;
    HandlerProcess m_process;
};

} // namespace orderlab::lambda
