// A handler process on the virtual clock (docs/scenarios.md, "Handler processes"): invocations one at a time,
// the clock held while one runs, and the hold's wall-clock bound.
#ifndef Q_MOC_RUN
#include "async/task.h"
#include "clock_holding_invoker.h"
#endif

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace orderlab;
using orderlab::scenario::ClockHoldingInvoker;

namespace {
/// Answers each invocation from a thread of its own after `wallMs` (as a process answers over HTTP), or, when
/// `wallMs` is negative, never: then its own timer on the emulator clock times it out (as ProcessInvoker's does).
class SlowInvoker final : public Invoker
{
  public:
    SlowInvoker(Scheduler &scheduler, int wallMs) : m_scheduler(scheduler), m_wallMs(wallMs) {}
    ~SlowInvoker() override
    {
        for (auto &t : m_threads)
            t.join();
    }
    Task<InvocationResult> invoke(const InvocationRequest &request) override
    {
        started.push_back(request.id);
        maxInFlight = std::max(maxInFlight, ++inFlight);
        struct Answer
        {
            SlowInvoker *self;
            TimeMs timeoutMs;
            bool timedOut = false;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<> h)
            {
                Scheduler &s = self->m_scheduler;
                if (self->m_wallMs < 0) {
                    s.after(timeoutMs, [this, h] {
                        timedOut = true;
                        h.resume();
                    });
                    return;
                }
                self->m_threads.emplace_back([&s, h, ms = self->m_wallMs] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
                    s.at(s.now(), [h] { h.resume(); });
                });
            }
            void await_resume() const noexcept {}
        };
        Answer answer{this, request.timeoutMs};
        co_await answer;
        --inFlight;
        endedAt.push_back(m_scheduler.now());
        co_return answer.timedOut ? InvocationResult::timedOut("Sandbox.Timedout")
                                  : InvocationResult::returned("{\"id\":" + std::to_string(request.id) + "}");
    }

    std::vector<std::uint64_t> started;
    std::vector<TimeMs> endedAt;
    int inFlight = 0, maxInFlight = 0;

  private:
    Scheduler &m_scheduler;
    const int m_wallMs;
    std::vector<std::thread> m_threads;
};

InvocationRequest request(std::uint64_t id, TimeMs timeoutMs = 3000)
{
    InvocationRequest r;
    r.id = id;
    r.lane = static_cast<int>(id);
    r.timeoutMs = timeoutMs;
    return r;
}

/// Invokes on the scheduler's thread and keeps the result (a coroutine of its own: no captures to outlive).
Task<void> call(Invoker &invoker, std::uint64_t id, TimeMs timeoutMs, std::vector<InvocationResult> &results)
{
    results.push_back(co_await invoker.invoke(request(id, timeoutMs)));
}
} // namespace

class TstClockHoldingInvoker : public QObject
{
    Q_OBJECT
  private slots:
    void invocationsRunOneAtATimeWhileTheClockWaits()
    {
        Scheduler s(0);
        auto inner = std::make_unique<SlowInvoker>(s, 30);
        SlowInvoker &slow = *inner;
        ClockHoldingInvoker invoker(s, std::move(inner), 10000);
        std::vector<InvocationResult> results;
        std::vector<TimeMs> later;
        s.at(0, [&] {
            for (std::uint64_t id : {1, 2, 3})
                spawn(call(invoker, id, 3000, results), [](std::exception_ptr) {});
        });
        s.at(1, [&] { later.push_back(s.now()); }); // 1 ms later on the emulator clock
        s.runUntil(100);
        QCOMPARE(slow.started, (std::vector<std::uint64_t>{1, 2, 3}));
        QCOMPARE(slow.maxInFlight, 1);
        QCOMPARE(slow.endedAt, (std::vector<TimeMs>{0, 0, 0})); // no emulator time passed while they ran
        QCOMPARE(results.size(), std::size_t(3));
        for (std::size_t i = 0; i < results.size(); ++i)
            QCOMPARE(results[i].response, "{\"id\":" + std::to_string(i + 1) + "}");
        QCOMPARE(later, (std::vector<TimeMs>{1})); // ran only once all three had answered
        QCOMPARE(s.now(), TimeMs(100));
        QVERIFY(!s.clockHeld());
    }

    void aHoldLapsesAndTheInnerTimerTimesTheInvocationOut()
    {
        Scheduler s(0);
        auto inner = std::make_unique<SlowInvoker>(s, -1); // never answers
        SlowInvoker &slow = *inner;
        ClockHoldingInvoker invoker(s, std::move(inner), 20);
        std::vector<InvocationResult> results;
        s.at(0, [&] { spawn(call(invoker, 1, 30, results), [](std::exception_ptr) {}); });
        const auto began = std::chrono::steady_clock::now();
        s.runUntil(1000);
        // Held for the timeout plus the init limit of wall time (50 ms), then timed out at 30 ms emulator time.
        QVERIFY(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds(50));
        QCOMPARE(results.size(), std::size_t(1));
        QVERIFY(results[0].kind == InvocationResult::Kind::TimedOut);
        QCOMPARE(slow.endedAt, (std::vector<TimeMs>{30}));
    }
};

QTEST_GUILESS_MAIN(TstClockHoldingInvoker)
#include "tst_clock_holding_invoker.moc"
