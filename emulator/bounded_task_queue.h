#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace orderlab {

/**
 * A pool of worker threads in front of a bounded queue: at most `workers` tasks run and at most `maxPending` wait,
 * whatever the callers do. Workers are started as tasks need them (a task given while every started worker is busy
 * starts another, up to `workers`) and kept until shutdown. tryEnqueue accepts a task when an idle or not yet
 * started worker can take it or fewer than `maxPending` tasks wait for one; otherwise it refuses, and the caller
 * still holds the task and decides what refusing means. Used by the DynamoDB port (docs/memory-bounds.md, "The
 * DynamoDB port") and the Runtime API (docs/lambda-runtime.md, "The Runtime API"), which serve a connection on one
 * worker for its keep-alive life.
 *
 * Threading: tryEnqueue from any thread, including a worker; shutdown() from a thread that is not a worker.
 * Tasks already accepted still run once shutdown() has begun (nothing accepted is dropped); shutdown() returns
 * when they have and the workers are joined, and tryEnqueue refuses from its start. A task must not throw.
 */
class BoundedTaskQueue
{
  public:
    /// Throws std::invalid_argument when `workers` is 0.
    BoundedTaskQueue(std::size_t workers, std::size_t maxPending);
    /// shutdown() unless it has run.
    ~BoundedTaskQueue();
    BoundedTaskQueue(const BoundedTaskQueue &) = delete;
    BoundedTaskQueue &operator=(const BoundedTaskQueue &) = delete;

    /// True: the task has been moved from and will run on a worker. False: refused, `task` is untouched.
    bool tryEnqueue(std::function<void()> &task);
    /// Runs what was accepted, then joins the workers. Idempotent.
    void shutdown();

    /// Tasks accepted that no worker has taken yet (at most maxPending plus the idle workers' share).
    std::size_t waiting() const;
    /// Workers started so far; any thread.
    std::size_t threads() const;

  private:
    void work();

    const std::size_t m_maxWorkers;
    const std::size_t m_maxPending;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    std::size_t m_idle = 0; ///< started workers without a task
    bool m_shuttingDown = false;
    std::vector<std::thread> m_workers;
};

} // namespace orderlab
