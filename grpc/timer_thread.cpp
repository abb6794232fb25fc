#include "timer_thread.h"

namespace orderlab {

namespace {

/// `now + delay` without overflow: saturates at the clock's end, negative delays count as 0.
TimerThread::Clock::time_point dueAt(TimerThread::Clock::time_point now, std::chrono::milliseconds delay)
{
    using Clock = TimerThread::Clock;
    if (delay.count() <= 0)
        return now;
    const auto room = Clock::time_point::max() - now; // >= 0: now is after the epoch
    if (std::chrono::duration_cast<std::chrono::milliseconds>(room) < delay)
        return Clock::time_point::max();
    return now + std::chrono::duration_cast<Clock::duration>(delay);
}

} // namespace

TimerThread::TimerThread() : m_thread([this] { loop(); }) {}

TimerThread::~TimerThread()
{
    drain();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void TimerThread::after(std::chrono::milliseconds delay, std::function<void()> fn)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stop)
            return; // shutting down: nothing new is scheduled
        const auto when = m_draining ? Clock::time_point::min() : dueAt(Clock::now(), delay);
        m_due.emplace(when, std::move(fn));
    }
    m_wake.notify_all();
}

void TimerThread::drain()
{
    {
        std::lock_guard lock(m_mutex);
        m_draining = true;
        std::multimap<Clock::time_point, std::function<void()>> now;
        for (auto &entry : m_due)
            now.emplace(Clock::time_point::min(), std::move(entry.second));
        m_due.swap(now);
    }
    m_wake.notify_all();
}

std::size_t TimerThread::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_due.size();
}

void TimerThread::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_due.empty()) {
            if (m_stop)
                return;
            m_wake.wait(lock);
            continue;
        }
        const auto first = m_due.begin();
        const Clock::time_point when = first->first; // a copy: the map may change while we wait
        if (when > Clock::now()) {
            m_wake.wait_until(lock, when);
            continue;
        }
        auto fn = std::move(first->second);
        m_due.erase(first);
        lock.unlock();
        fn();
        lock.lock();
    }
}

} // namespace orderlab
