#pragma once

#include "emulated_momento.h"
#include "fault_injector.h"
#include "handler/stream_handler.h"
#include "invoker/invoker.h"
#include "scheduler.h"

#include <functional>

namespace orderlab {

/**
 * Invokes core's StreamHandler for the event source mapping, as Lambda would: the event
 * text parsed by the runtime, the partial-batch response returned, an injected `handler`
 * fault thrown or timed out. Records that failed on their data come back in the result as
 * poison records, the handler's warnings as warnings. Each invocation first waits out
 * Lambda's overhead, if one is set. Runs on the scheduler's thread.
 */
class CoreInvoker final : public Invoker
{
  public:
    CoreInvoker(Scheduler &scheduler, StreamHandler &handler, EmulatedMomento &momento, FaultInjector &faults);

    /// Draws Lambda's overhead before each handler starts, in ms (docs/timing-model.md); unset: none.
    void setInvocationOverhead(std::function<TimeMs()> draw) { m_overhead = std::move(draw); }

    Task<InvocationResult> invoke(const InvocationRequest &request) override;

  private:
    Scheduler &m_scheduler;
    StreamHandler &m_handler;
    EmulatedMomento &m_momento;
    FaultInjector &m_faults;
    std::function<TimeMs()> m_overhead;
};

} // namespace orderlab
