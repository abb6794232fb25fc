#pragma once

#include "clock.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

namespace orderlab {

/**
 * The emulator's discrete-event loop and clock. Every timed thing (mapping polls, batching
 * windows, handler calls with latency, TTL sweeps, the lifecycle generator) is an event
 * here, so a run on the virtual clock repeats exactly; real time is the same loop advanced
 * along the wall clock (see runUntil).
 *
 * Threading: at/after/cancel/now may be called from any thread. The run* functions are
 * called by one driving thread at a time, and callbacks run on it, with no lock held.
 * Events at the same time run in the order they were scheduled.
 */
class Scheduler final : public Clock
{
  public:
    using TimerId = std::uint64_t;
    using Callback = std::function<void()>;

    explicit Scheduler(TimeMs start = kDefaultStartTime) : m_now(start) {}

    TimeMs now() const override { return m_now.load(std::memory_order_acquire); }

    /// Runs `fn` at `when` (or at once on the next run, if `when` has passed).
    TimerId at(TimeMs when, Callback fn);
    TimerId after(TimeMs delay, Callback fn) { return at(now() + delay, std::move(fn)); }
    /// False if the event already ran or was cancelled.
    bool cancel(TimerId id);

    using HoldId = std::uint64_t;
    /**
     * Holds the clock where it is until releaseClock(id) or the wall-clock instant `until`, whichever comes
     * first: meanwhile the run functions run the events due now and otherwise wait, on the wall clock, for
     * one to be scheduled (at() from any thread wakes them) instead of moving the clock on or returning.
     * How a virtual-clock world waits for work done outside it: a handler process's invocation
     * (docs/scenarios.md, "Handler processes"). Without holds nothing changes. Thread-safe.
     */
    HoldId holdClock(std::chrono::steady_clock::time_point until);
    /// Ends a hold; an unknown or lapsed one is ignored.
    void releaseClock(HoldId id);
    /// Whether a hold is in force now.
    bool clockHeld() const;

    /**
     * Called by at() once it has scheduled an event, on the calling thread, with the scheduler's lock held (so the
     * hook must not call the scheduler): how a driver that waits on the wall clock between events (RealTimeDriver)
     * learns at once of an event scheduled from another thread, such as a handler process's answer arriving on an
     * HTTP thread. One hook at a time; an empty function removes it, and once that returns no call is under way.
     */
    void setScheduledHook(std::function<void()> hook);

    /// Runs the earliest event if it is due by `limit`, advancing the clock to its time (while the clock is
    /// held, only an event due now; it waits for one as holdClock says).
    bool runNext(TimeMs limit);
    /// Runs every event due by `t`, then sets the clock to `t` (never backwards). Returns events run.
    std::size_t runUntil(TimeMs t);
    /// Runs events until none is left or the next is later than `limit` (as fast as possible).
    std::size_t runUntilIdle(TimeMs limit);
    /// The time of the earliest pending event, or -1.
    TimeMs nextEventTime() const;
    std::size_t pending() const;

    /// `co_await scheduler.sleep(ms)`: resumes the coroutine on the driving thread after `ms`.
    auto sleep(TimeMs ms)
    {
        struct Awaiter
        {
            Scheduler *s;
            TimeMs ms;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<> h)
            {
                s->after(ms, [h] { h.resume(); });
            }
            void await_resume() const noexcept {}
        };
        return Awaiter{this, ms};
    }

  private:
    /// With m_mutex held: returns once no hold is in force (lapsed ones are dropped) or an event is due now.
    void waitWhileHeld(std::unique_lock<std::mutex> &lock);

    mutable std::mutex m_mutex;
    std::condition_variable m_changed; ///< an event was scheduled or a hold ended
    std::map<HoldId, std::chrono::steady_clock::time_point> m_holds;
    HoldId m_nextHold = 1;
    std::map<std::pair<TimeMs, TimerId>, Callback> m_events;
    std::map<TimerId, TimeMs> m_when;
    TimerId m_nextId = 1;
    std::function<void()> m_scheduledHook; ///< guarded by m_mutex
    std::atomic<TimeMs> m_now;
};

} // namespace orderlab
