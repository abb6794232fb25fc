#pragma once

#include "scheduler.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace orderlab {

/**
 * Drives a Scheduler on its own thread (the emulator thread): in real time times a speed
 * factor, or as fast as possible (speed 0), or paused and stepped by hand. Everything the
 * scheduler runs (mapping polls, handler invocations, TTL sweeps) then runs on that thread,
 * never on the GUI thread.
 *
 * The control functions are thread-safe. `post` runs a function on the emulator thread.
 * Between events the thread sleeps on the wall clock, at most 5 ms at a time; an event scheduled from
 * another thread (Scheduler::at, post) wakes it at once (Scheduler::setScheduledHook, which the driver
 * holds while it lives: one driver per scheduler at a time).
 * The scheduler must outlive the driver; the destructor stops and joins the thread.
 * stop() returns as soon as the event running now ends: however far behind the clock the
 * scheduler is, the loop checks for a stop between events, never only between slices.
 */
class RealTimeDriver
{
  public:
    explicit RealTimeDriver(Scheduler &scheduler);
    ~RealTimeDriver();
    RealTimeDriver(const RealTimeDriver &) = delete;
    RealTimeDriver &operator=(const RealTimeDriver &) = delete;

    /// speed: emulator seconds per wall second; 0 = as fast as possible.
    void start(double speed = 1.0);
    void stop();
    bool running() const { return m_running.load(); }

    void setSpeed(double speed);
    double speed() const;
    void setPaused(bool paused);
    bool paused() const;
    /// While paused: advances the emulator clock by `ms`, running what falls due.
    void step(TimeMs ms);

    /// Runs `fn` on the emulator thread at the current emulator time.
    void post(std::function<void()> fn);

    /// The most wall time the clock may fall behind what its speed asks before it gives the backlog up.
    static constexpr double kMaxBacklogMs = 1000;
    /// Emulator ms per wall ms over the last second or so of running; the asked speed until measured, and
    /// after every change of speed or pause. Lock-free.
    double achievedSpeed() const { return m_achieved.load(std::memory_order_relaxed); }
    /// How often the clock gave a backlog up: the events due took longer to run than the speed allows, the
    /// clock fell kMaxBacklogMs of wall time behind, and it went on from where it was instead of racing to
    /// catch up (issue 12, item 8: the machine sets the speed it can sustain; nothing piles up). Lock-free.
    std::uint64_t slips() const { return m_slips.load(std::memory_order_relaxed); }

  private:
    void loop();
    /// The scheduler's hook: an event was scheduled; wakes the loop unless it is the loop that scheduled it.
    void scheduled();
    /// With m_mutex held: sleeps until `until` or a wake (m_kicked, m_stop), then clears m_kicked.
    void sleepUntil(std::unique_lock<std::mutex> &lock, std::chrono::steady_clock::time_point until);
    void rebase();  // m_mutex held; starts a new measuring window too
    void measure(); // m_mutex held: after running to a target, the backlog and the achieved speed
    /// Runs what falls due up to `target`, one event at a time, until a stop is asked for or the
    /// wall clock passes `giveUpAt`; moves the clock to `target` only when it got there.
    void runTo(TimeMs target,
               std::chrono::steady_clock::time_point giveUpAt = std::chrono::steady_clock::time_point::max());

    Scheduler &m_scheduler;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_kicked = false;                       ///< something to do came while the loop may sleep; m_mutex
    std::atomic<std::thread::id> m_loopThread{}; ///< the emulator thread while loop() runs
    std::atomic<bool> m_abort{false};            ///< m_stop, readable without the lock between events
    bool m_paused = false;
    double m_speed = 1.0;
    TimeMs m_stepRequest = 0;
    TimeMs m_baseVirtual = 0;
    std::chrono::steady_clock::time_point m_baseWall;
    TimeMs m_windowVirtual = 0;
    std::chrono::steady_clock::time_point m_windowWall;
    std::atomic<double> m_achieved{1.0};
    std::atomic<std::uint64_t> m_slips{0};
};

} // namespace orderlab
