#pragma once

#include "invoker/invoker.h"
#include "scheduler.h"

#include <chrono>
#include <coroutine>
#include <deque>
#include <memory>

namespace orderlab::scenario {

/**
 * The invoker of a handler process, made fit for a world on the virtual clock (docs/scenarios.md,
 * "Handler processes"): the invocations run one at a time, in the order the mapping starts them, and while
 * one runs the scheduler's clock is held (Scheduler::holdClock), so that no emulator time passes while the
 * process works and the run's outcome does not depend on how fast it answers. Each hold lapses after the
 * request's timeout plus `initLimitMs` of wall time (a cold start's init may take that long first); from then
 * on the clock moves again and the inner invoker's own timers time the invocation out on the emulator clock.
 *
 * Ownership: owns `inner`; `scheduler` is borrowed and must outlive this. Threading: as Invoker (invoke on the
 * scheduler's thread); invocationOfConnection is the inner invoker's. Invocations still waiting for their turn
 * when this is destroyed never resume: a caller drains the mapping first, as for the inner invoker.
 */
class ClockHoldingInvoker final : public Invoker
{
  public:
    ClockHoldingInvoker(Scheduler &scheduler, std::unique_ptr<Invoker> inner, TimeMs initLimitMs);
    ~ClockHoldingInvoker() override;

    Task<InvocationResult> invoke(const InvocationRequest &request) override;
    std::optional<CallerInvocation> invocationOfConnection(int clientPort,
                                                           const std::vector<int> &serverPorts) const override;

  private:
    struct Turn;

    Scheduler &m_scheduler;
    const std::unique_ptr<Invoker> m_inner;
    const TimeMs m_initLimitMs;
    bool m_busy = false;                           ///< an invocation runs
    std::deque<std::coroutine_handle<>> m_waiting; ///< invocations waiting for their turn, oldest first
};

} // namespace orderlab::scenario
