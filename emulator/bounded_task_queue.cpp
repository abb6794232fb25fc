#include "bounded_task_queue.h"

#include <stdexcept>

namespace orderlab {

BoundedTaskQueue::BoundedTaskQueue(std::size_t workers, std::size_t maxPending)
    : m_maxWorkers(workers), m_maxPending(maxPending)
{
    if (workers == 0)
        throw std::invalid_argument("BoundedTaskQueue wants at least one worker");
    m_workers.reserve(workers);
}

BoundedTaskQueue::~BoundedTaskQueue()
{
    shutdown();
}

bool BoundedTaskQueue::tryEnqueue(std::function<void()> &task)
{
    {
        std::lock_guard lock(m_mutex);
        // Tasks the idle and the not yet started workers are about to take do not wait; beyond them, at most
        // m_maxPending do.
        const std::size_t free = m_idle + (m_maxWorkers - m_workers.size());
        if (m_shuttingDown || m_tasks.size() >= free + m_maxPending)
            return false;
        if (m_tasks.size() >= m_idle && m_workers.size() < m_maxWorkers) {
            ++m_idle; // idle from its start, so that the next task does not start another for this one
            m_workers.emplace_back([this] { work(); });
        }
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
    return true;
}

void BoundedTaskQueue::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_shuttingDown = true;
    }
    m_wake.notify_all();
    for (auto &worker : m_workers)
        if (worker.joinable())
            worker.join();
}

std::size_t BoundedTaskQueue::threads() const
{
    std::lock_guard lock(m_mutex);
    return m_workers.size();
}

std::size_t BoundedTaskQueue::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_tasks.size();
}

void BoundedTaskQueue::work()
{
    // A worker counts as idle from its start (so that a task given before it first waits is not refused) until it
    // takes a task, and again once the task has returned.
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return !m_tasks.empty() || m_shuttingDown; });
        if (m_tasks.empty())
            return;
        --m_idle;
        std::function<void()> task = std::move(m_tasks.front());
        m_tasks.pop_front();
        lock.unlock();
        task();
        task = nullptr; // what the task holds is released before the worker counts as idle again
        lock.lock();
        ++m_idle;
    }
}

} // namespace orderlab
