#pragma once

#include "connection_owners.h"
#include "execution_environment.h"
#include "function_config.h"
#include "invocation_logs.h"
#include "invoker/invoker.h"
#include "scheduler.h"

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>

namespace orderlab::lambda {

/**
 * The mapping's function run as a process, the way Lambda runs a custom runtime
 * (docs/lambda-runtime.md): one ExecutionEnvironment per concurrent lane, started on demand
 * (a cold start, timed) and reused warm; each InvocationRequest's eventJson() handed out
 * through the Runtime API; the answer turned into an InvocationResult. The function's timeout
 * (request.timeoutMs, counted from the runtime's pick-up) and the init limit kill the process
 * group and replace the environment (Sandbox.Timedout); an exit, a crash or an init error is a
 * function error with Lambda's error type, and the environment is replaced too.
 *
 * The timeouts are scheduler timers, so the scheduler must move with the wall clock while an
 * invocation is in flight: the real clock at speed 1 (RealTimeDriver: serve, simulate, the window),
 * or a virtual clock held still meanwhile (scenario/clock_holding_invoker.h: orderlab check). Threading: construct,
 * invoke and destroy on the scheduler's thread; the answers arrive on HTTP threads and resume the invocation through
 * Scheduler::at. The destructor kills every environment; invocations still in flight then never resume, so a caller
 * drains the mapping first. logs() and stats() are thread-safe.
 */
class ProcessInvoker final : public Invoker
{
  public:
    struct Stats
    {
        std::uint64_t invocations = 0;
        std::uint64_t coldStarts = 0;
        std::uint64_t replaced = 0; ///< environments thrown away after a timeout, exit or init error
    };

    ProcessInvoker(Scheduler &scheduler, FunctionConfig config);
    ~ProcessInvoker() override;

    Task<InvocationResult> invoke(const InvocationRequest &request) override;
    /// The invocation in flight in the environment whose process group owns the connection.
    std::optional<CallerInvocation> invocationOfConnection(int clientPort,
                                                           const std::vector<int> &serverPorts) const override;

    InvocationLogs &logs() { return *m_logs; }
    /// The Lambda request id of a mapping invocation (InvocationRequest::id), for logs().lines; empty if unknown.
    std::string requestIdOf(std::uint64_t invocationId) const;
    Stats stats() const;
    const FunctionConfig &config() const { return m_config; }

  private:
    struct Waiter;
    std::string newRequestId();
    void remember(std::uint64_t invocationId, const std::string &requestId);
    /// Replaces the lane's environment: it is killed and its connections forgotten.
    void discard(std::unique_ptr<ExecutionEnvironment> &slot);

    Scheduler &m_scheduler;
    const FunctionConfig m_config;
    std::shared_ptr<InvocationLogs> m_logs = std::make_shared<InvocationLogs>();
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::map<int, std::unique_ptr<ExecutionEnvironment>> m_environments; ///< by lane
    std::uint64_t m_nextRequest = 0;

    mutable ConnectionOwners m_owners;

    mutable std::mutex m_mutex; // guards the three below
    Stats m_stats;
    std::deque<std::pair<std::uint64_t, std::string>> m_requestIds;
    std::map<pid_t, CallerInvocation> m_inFlight; ///< by process group
};

} // namespace orderlab::lambda
