#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace orderlab {

/**
 * One thread that runs functions after a wall-clock delay: the gRPC server's delayed
 * responses (injected latency) and subscription heartbeats, so that no gRPC reaction ever
 * sleeps. Functions run on the timer thread with no lock held, in due order.
 *
 * Threading: every member is thread-safe. drain() runs everything pending at once and makes
 * every later after() run at once too (used during shutdown, so that no call waits on a
 * delay). The destructor drains, drops what is scheduled from then on, and joins.
 */
class TimerThread
{
  public:
    using Clock = std::chrono::steady_clock;

    TimerThread();
    ~TimerThread();
    TimerThread(const TimerThread &) = delete;
    TimerThread &operator=(const TimerThread &) = delete;

    /// Runs `fn` on the timer thread after `delay` (at once while draining). A negative delay
    /// counts as 0; a delay beyond what the clock can represent waits until the clock's end.
    void after(std::chrono::milliseconds delay, std::function<void()> fn);
    /// Runs every pending function now; later ones run without delay.
    void drain();
    /// Functions waiting to run.
    std::size_t pending() const;

  private:
    void loop();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::multimap<Clock::time_point, std::function<void()>> m_due;
    bool m_draining = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace orderlab
