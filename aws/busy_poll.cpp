#include "busy_poll.h"

#include <sched.h>

#include <algorithm>

namespace orderlab::aws {

namespace {

/// The CPUs this process may run on (its affinity mask, which a container's cpuset narrows), at least 1.
int usableCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    return std::max(1, CPU_COUNT(&set));
}

} // namespace

BusyPoll::BusyPoll(BusyPollSettings settings)
    : m_window(std::max(settings.window, std::chrono::microseconds(0))),
      m_maxRunning(settings.maxRunning > 0 ? settings.maxRunning : std::max(1, usableCpus() - 1))
{
}

BusyPoll::Connection::Connection(BusyPoll &poll) : m_poll(poll)
{
    m_poll.m_running.fetch_add(1, std::memory_order_relaxed);
}

BusyPoll::Connection::~Connection()
{
    if (m_running)
        m_poll.m_running.fetch_sub(1, std::memory_order_relaxed);
}

bool BusyPoll::Connection::shouldPoll() const
{
    return m_poll.m_window.count() > 0 && m_lastGapShort;
}

bool BusyPoll::Connection::mayGoOnPolling() const
{
    return m_poll.m_running.load(std::memory_order_relaxed) <= m_poll.m_maxRunning;
}

std::chrono::steady_clock::time_point BusyPoll::Connection::pollUntil(std::chrono::steady_clock::time_point now) const
{
    return now + m_poll.m_window;
}

void BusyPoll::Connection::sleeping()
{
    if (m_running)
        m_poll.m_running.fetch_sub(1, std::memory_order_relaxed);
    m_running = false;
}

void BusyPoll::Connection::awake()
{
    if (!m_running)
        m_poll.m_running.fetch_add(1, std::memory_order_relaxed);
    m_running = true;
}

void BusyPoll::Connection::waited(std::chrono::steady_clock::duration gap, bool polled)
{
    m_lastGapShort = gap <= m_poll.m_window;
    (polled ? m_poll.m_polled : m_poll.m_slept).fetch_add(1, std::memory_order_relaxed);
}

} // namespace orderlab::aws
