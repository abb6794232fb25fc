#include "growing_thread_pool.h"

#include <stdexcept>

namespace orderlab::lambda {

GrowingThreadPool::GrowingThreadPool(std::size_t maxThreads, std::size_t maxWaiting)
    : m_maxThreads(maxThreads), m_maxWaiting(maxWaiting)
{
    if (maxThreads == 0)
        throw std::invalid_argument("GrowingThreadPool wants at least one thread");
}

GrowingThreadPool::~GrowingThreadPool()
{
    shutdown();
}

bool GrowingThreadPool::tryRun(std::function<void()> &task)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_shuttingDown)
            return false;
        // Tasks already queued are taken by the idle threads first; this one needs a thread of its own beyond them.
        const bool threadFree = m_tasks.size() < m_idle;
        if (!threadFree && m_threads.size() < m_maxThreads) {
            ++m_idle; // counted idle until it takes a task, so that the next tryRun does not count on it twice
            m_threads.emplace_back([this] { work(); });
        } else if (!threadFree && m_tasks.size() - m_idle >= m_maxWaiting) {
            return false;
        }
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
    return true;
}

void GrowingThreadPool::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_shuttingDown = true;
    }
    m_wake.notify_all();
    // No thread is started once m_shuttingDown is set, so m_threads no longer changes.
    for (auto &thread : m_threads)
        if (thread.joinable())
            thread.join();
}

std::size_t GrowingThreadPool::threads() const
{
    std::lock_guard lock(m_mutex);
    return m_threads.size();
}

void GrowingThreadPool::work()
{
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
        task = nullptr; // what the task holds is released before the thread counts as idle again
        lock.lock();
        ++m_idle;
    }
}

} // namespace orderlab::lambda
