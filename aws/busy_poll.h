#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace orderlab::aws {

/// How the DynamoDB port's connection threads wait for a keep-alive client's next request (docs/dynamodb-api.md,
/// "Latency"). `window` 0 turns polling off; `maxRunning` 0 means one fewer than the CPUs this process may run
/// on, and at least 1.
struct BusyPollSettings
{
    std::chrono::microseconds window{50};
    int maxRunning = 0;
};

/**
 * Bounded, adaptive busy polling of idle keep-alive connections, shared by one server's connection threads.
 *
 * A thread that sleeps in recv() until a request comes pays for being woken: on a virtual machine whose CPU has
 * gone idle, about as long as a GetItem takes. A connection whose client sent its last request within `window`
 * of its last answer (a client sending requests one after another) is instead polled, with non-blocking recv()
 * calls, for up to `window`, and sleeps only after that. It is polled only while at most `maxRunning` connection
 * threads run (awake, this one included), so that polling never takes a CPU from a thread that has a request to
 * answer; a thread stops polling as soon as more run. A client slower than `window` costs one window of polling,
 * then none until it is fast again.
 *
 * Threading: one BusyPoll for all of a server's connection threads; each Connection on its own thread.
 */
class BusyPoll final
{
  public:
    explicit BusyPoll(BusyPollSettings settings);

    BusyPoll(const BusyPoll &) = delete;
    BusyPoll &operator=(const BusyPoll &) = delete;

    std::chrono::microseconds window() const { return m_window; }
    int maxRunning() const { return m_maxRunning; }
    /// Waits that ended by polling, and waits that slept (the gate was closed, the client was slow, or the window
    /// passed); any thread.
    std::uint64_t polledWaits() const { return m_polled.load(std::memory_order_relaxed); }
    std::uint64_t sleptWaits() const { return m_slept.load(std::memory_order_relaxed); }
    /// Connection threads counted as running now; any thread.
    int running() const { return m_running.load(std::memory_order_relaxed); }

    /// One connection's side: counts its thread as running from construction to destruction, except while it
    /// sleeps. Owned by the connection's thread.
    class Connection final
    {
      public:
        explicit Connection(BusyPoll &poll);
        ~Connection();
        Connection(const Connection &) = delete;
        Connection &operator=(const Connection &) = delete;

        /// Whether to poll before sleeping: polling is on and the client's last request came within the window.
        bool shouldPoll() const;
        /// While polling: whether no more than maxRunning threads run.
        bool mayGoOnPolling() const;
        /// The poll's end for a wait starting now.
        std::chrono::steady_clock::time_point pollUntil(std::chrono::steady_clock::time_point now) const;
        /// Around a wait that blocks: the thread does not count as running.
        void sleeping();
        void awake();
        /// A wait ended because a request came (or the peer closed) `gap` after it began, found by polling or not.
        void waited(std::chrono::steady_clock::duration gap, bool polled);

      private:
        BusyPoll &m_poll;
        bool m_running = true;
        bool m_lastGapShort = true; ///< no wait yet: poll for the first request
    };

  private:
    const std::chrono::microseconds m_window;
    const int m_maxRunning;
    // Each on its own cache line: every request changes them, from whichever thread serves it.
    alignas(64) std::atomic<int> m_running{0};
    alignas(64) std::atomic<std::uint64_t> m_polled{0};
    alignas(64) std::atomic<std::uint64_t> m_slept{0};
};

} // namespace orderlab::aws
