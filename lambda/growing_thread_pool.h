#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace orderlab::lambda {

/**
 * Threads started as tasks need them: a task given while every thread is busy starts a new one, up to `maxThreads`;
 * beyond that, at most `maxWaiting` tasks wait for a thread. Threads are kept once started, until shutdown(), so an
 * environment whose runtime opens a connection per thread (aws-lambda-ric: one per libuv pool thread, and one more)
 * gets that many and no more (docs/lambda-runtime.md, "The Runtime API").
 *
 * Threading: tryRun from any thread, including one of the pool's; shutdown() from a thread that is not. Tasks
 * accepted still run once shutdown() has begun; it returns when they have and the threads are joined, and tryRun
 * refuses from its start. A task must not throw.
 */
class GrowingThreadPool
{
  public:
    /// Throws std::invalid_argument when `maxThreads` is 0.
    GrowingThreadPool(std::size_t maxThreads, std::size_t maxWaiting);
    /// shutdown() unless it has run.
    ~GrowingThreadPool();
    GrowingThreadPool(const GrowingThreadPool &) = delete;
    GrowingThreadPool &operator=(const GrowingThreadPool &) = delete;

    /// True: `task` has been moved from and will run on one of the pool's threads. False: refused (every thread
    /// busy and `maxWaiting` tasks waiting, or shutting down); `task` is untouched.
    bool tryRun(std::function<void()> &task);
    /// Runs what was accepted, then joins the threads. Idempotent.
    void shutdown();

    /// Threads started so far; any thread.
    std::size_t threads() const;

  private:
    void work();

    const std::size_t m_maxThreads;
    const std::size_t m_maxWaiting;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    std::size_t m_idle = 0;
    bool m_shuttingDown = false;
    std::vector<std::thread> m_threads;
};

} // namespace orderlab::lambda
