#include "clock_holding_invoker.h"

namespace orderlab::scenario {

/// Suspends an invocation until the one running ends; ready at once when none runs.
struct ClockHoldingInvoker::Turn
{
    ClockHoldingInvoker *self;
    bool await_ready() const noexcept { return !self->m_busy; }
    void await_suspend(std::coroutine_handle<> h) { self->m_waiting.push_back(h); }
    void await_resume() const noexcept {}
};

ClockHoldingInvoker::ClockHoldingInvoker(Scheduler &scheduler, std::unique_ptr<Invoker> inner, TimeMs initLimitMs)
    : m_scheduler(scheduler), m_inner(std::move(inner)), m_initLimitMs(initLimitMs)
{
}

ClockHoldingInvoker::~ClockHoldingInvoker() = default;

Task<InvocationResult> ClockHoldingInvoker::invoke(const InvocationRequest &request)
{
    // A named awaiter: GCC 12 may destroy a non-trivial temporary awaiter in a co_await twice.
    Turn turn{this};
    co_await turn;
    m_busy = true;
    const auto bound = std::chrono::milliseconds(request.timeoutMs + m_initLimitMs);
    const Scheduler::HoldId hold = m_scheduler.holdClock(std::chrono::steady_clock::now() + bound);
    InvocationResult result = co_await m_inner->invoke(request);
    m_busy = false;
    if (!m_waiting.empty()) {
        // The next one starts at this very emulator time: its resumption is due now, so the clock stays.
        const std::coroutine_handle<> next = m_waiting.front();
        m_waiting.pop_front();
        m_busy = true;
        m_scheduler.at(m_scheduler.now(), [next] { next.resume(); });
    }
    m_scheduler.releaseClock(hold);
    co_return result;
}

std::optional<CallerInvocation> ClockHoldingInvoker::invocationOfConnection(int clientPort,
                                                                            const std::vector<int> &serverPorts) const
{
    return m_inner->invocationOfConnection(clientPort, serverPorts);
}

} // namespace orderlab::scenario
