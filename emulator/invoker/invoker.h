#pragma once

#include "async/task.h"
#include "clock.h"
#include "stream/stream.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab {

/// A batch handed to the function.
struct InvocationRequest
{
    std::uint64_t id = 0;
    int shard = 0;
    int lane = 0;
    std::vector<StreamRecordPtr> records;
    int attempt = 1;               ///< 1 for the first delivery of these records
    bool redelivery = false;       ///< asked for by the user (duplicates on purpose)
    TimeMs startedAt = 0;          ///< emulator clock when the mapping invoked
    TimeMs timeoutMs = 3000;       ///< the function's timeout (MappingConfig::functionTimeoutMs)
    std::string eventJson() const; ///< `{"Records":[...]}`
};

/// What the function did with a batch, as the mapping sees it.
struct InvocationResult
{
    enum class Kind { Returned, Threw, TimedOut };
    Kind kind = Kind::Returned;
    std::string response; ///< JSON text the function returned; empty = returned nothing
    std::string error;    ///< for Threw / TimedOut
    /// Records that failed on their data (every retry would fail too): (sequence number, error).
    /// The mapping shows them as poison records.
    std::vector<std::pair<std::string, std::string>> poison;
    /// What the function warned about while running (shown to the user once each).
    std::vector<std::string> warnings;
    /// A handler process's log of this invocation as Lambda writes it (START ... REPORT, bounded by
    /// lambda::InvocationLogs); empty for core in process, whose calls are events of their own.
    std::vector<std::string> log;

    static InvocationResult returned(std::string response);
    static InvocationResult threw(std::string error);
    static InvocationResult timedOut(std::string error);
};

/// The invocation a call from outside (a handler process's cache call or publish) was made in.
struct CallerInvocation
{
    std::uint64_t invocationId = 0; ///< InvocationRequest::id
    std::uint64_t traceId = 0;      ///< the batch's one record's table change; 0 when the batch has several
    bool operator==(const CallerInvocation &) const = default;
};

/**
 * The function the mapping invokes: core's handler in process (CoreInvoker), or a handler
 * process (lambda::ProcessInvoker). `invoke` runs on the scheduler's thread and may suspend
 * (its clients complete on the scheduler); it must not throw: every failure is a result.
 */
class Invoker
{
  public:
    virtual ~Invoker() = default;
    virtual Task<InvocationResult> invoke(const InvocationRequest &request) = 0;
    /// Which invocation in flight made a call that came over the TCP connection from 127.0.0.1:`clientPort`
    /// to one of `serverPorts`, when one of this invoker's processes owns that connection
    /// (docs/lambda-runtime.md, "Calls under their invocation"). Thread-safe; may read /proc.
    /// Default (core in process, whose calls carry their cause already): none.
    virtual std::optional<CallerInvocation> invocationOfConnection(int clientPort,
                                                                   const std::vector<int> &serverPorts) const
    {
        (void)clientPort;
        (void)serverPorts;
        return std::nullopt;
    }
};

class Scheduler;
class FaultInjector;
class EventBus;

/// What an invoker may use of the world it serves (all borrowed; they outlive the invoker).
struct InvokerContext
{
    Scheduler &scheduler;
    FaultInjector &faults; ///< the `handler` faults
    EventBus &events;
};

/// Makes the invoker a world's mapping calls: PipelineConfig::invoker (empty: core in process).
using InvokerFactory = std::function<std::unique_ptr<Invoker>(const InvokerContext &context)>;

} // namespace orderlab
