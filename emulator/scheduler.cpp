#include "scheduler.h"

#include <algorithm>

namespace orderlab {

Scheduler::TimerId Scheduler::at(TimeMs when, Callback fn)
{
    std::lock_guard lock(m_mutex);
    const TimerId id = m_nextId++;
    m_events.emplace(std::make_pair(when, id), std::move(fn));
    m_when.emplace(id, when);
    if (!m_holds.empty())
        m_changed.notify_all();
    if (m_scheduledHook)
        m_scheduledHook();
    return id;
}

void Scheduler::setScheduledHook(std::function<void()> hook)
{
    std::lock_guard lock(m_mutex);
    m_scheduledHook = std::move(hook);
}

Scheduler::HoldId Scheduler::holdClock(std::chrono::steady_clock::time_point until)
{
    std::lock_guard lock(m_mutex);
    const HoldId id = m_nextHold++;
    m_holds.emplace(id, until);
    return id;
}

void Scheduler::releaseClock(HoldId id)
{
    std::lock_guard lock(m_mutex);
    if (m_holds.erase(id) > 0)
        m_changed.notify_all();
}

bool Scheduler::clockHeld() const
{
    std::lock_guard lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    for (const auto &[id, until] : m_holds)
        if (until > now)
            return true;
    return false;
}

void Scheduler::waitWhileHeld(std::unique_lock<std::mutex> &lock)
{
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        auto earliest = std::chrono::steady_clock::time_point::max();
        for (auto it = m_holds.begin(); it != m_holds.end();) {
            if (it->second <= now) {
                it = m_holds.erase(it);
                continue;
            }
            earliest = std::min(earliest, it->second);
            ++it;
        }
        if (m_holds.empty())
            return;
        if (!m_events.empty() && m_events.begin()->first.first <= m_now.load(std::memory_order_relaxed))
            return;
        m_changed.wait_until(lock, earliest);
    }
}

bool Scheduler::cancel(TimerId id)
{
    std::lock_guard lock(m_mutex);
    auto it = m_when.find(id);
    if (it == m_when.end())
        return false;
    m_events.erase({it->second, id});
    m_when.erase(it);
    return true;
}

bool Scheduler::runNext(TimeMs limit)
{
    Callback fn;
    {
        std::unique_lock lock(m_mutex);
        if (!m_holds.empty())
            waitWhileHeld(lock);
        if (m_events.empty())
            return false;
        auto it = m_events.begin();
        if (it->first.first > limit)
            return false;
        const TimeMs when = it->first.first;
        if (when > m_now.load(std::memory_order_relaxed))
            m_now.store(when, std::memory_order_release);
        fn = std::move(it->second);
        m_when.erase(it->first.second);
        m_events.erase(it);
    }
    fn();
    return true;
}

std::size_t Scheduler::runUntil(TimeMs t)
{
    std::size_t n = 0;
    while (runNext(t))
        ++n;
    std::lock_guard lock(m_mutex);
    if (t > m_now.load(std::memory_order_relaxed))
        m_now.store(t, std::memory_order_release);
    return n;
}

std::size_t Scheduler::runUntilIdle(TimeMs limit)
{
    std::size_t n = 0;
    while (runNext(limit))
        ++n;
    return n;
}

TimeMs Scheduler::nextEventTime() const
{
    std::lock_guard lock(m_mutex);
    return m_events.empty() ? -1 : m_events.begin()->first.first;
}

std::size_t Scheduler::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace orderlab
