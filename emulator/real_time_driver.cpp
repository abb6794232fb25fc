#include "real_time_driver.h"

#include <algorithm>

namespace orderlab {

RealTimeDriver::RealTimeDriver(Scheduler &scheduler) : m_scheduler(scheduler)
{
    m_scheduler.setScheduledHook([this] { scheduled(); });
}

RealTimeDriver::~RealTimeDriver()
{
    stop();
    m_scheduler.setScheduledHook({}); // no call of scheduled() is under way once this returns
}

void RealTimeDriver::scheduled()
{
    if (std::this_thread::get_id() == m_loopThread.load(std::memory_order_relaxed))
        return; // the loop looks at the next event before it sleeps
    {
        std::lock_guard lock(m_mutex);
        m_kicked = true;
    }
    m_wake.notify_all();
}

void RealTimeDriver::sleepUntil(std::unique_lock<std::mutex> &lock, std::chrono::steady_clock::time_point until)
{
    m_wake.wait_until(lock, until, [this] { return m_kicked || m_stop; });
    m_kicked = false;
}

void RealTimeDriver::start(double speed)
{
    if (m_running.exchange(true))
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
        m_abort = false;
        m_speed = std::max(0.0, speed);
        rebase();
    }
    m_thread = std::thread([this] { loop(); });
}

void RealTimeDriver::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_abort = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_running = false;
}

void RealTimeDriver::rebase()
{
    m_baseVirtual = m_scheduler.now();
    m_baseWall = std::chrono::steady_clock::now();
    m_windowVirtual = m_baseVirtual;
    m_windowWall = m_baseWall;
    m_achieved.store(m_speed, std::memory_order_relaxed);
}

void RealTimeDriver::measure()
{
    const auto wallNow = std::chrono::steady_clock::now();
    const TimeMs virtualNow = m_scheduler.now();
    const double wallMs = std::chrono::duration<double, std::milli>(wallNow - m_baseWall).count();
    const double behindMs = wallMs - static_cast<double>(virtualNow - m_baseVirtual) / m_speed;
    const double windowMs = std::chrono::duration<double, std::milli>(wallNow - m_windowWall).count();
    if (windowMs >= 1000) {
        m_achieved.store(static_cast<double>(virtualNow - m_windowVirtual) / windowMs, std::memory_order_relaxed);
        m_windowVirtual = virtualNow;
        m_windowWall = wallNow;
    }
    if (behindMs > kMaxBacklogMs) {
        m_slips.fetch_add(1, std::memory_order_relaxed);
        m_baseVirtual = virtualNow; // go on from here; the measuring window stays
        m_baseWall = wallNow;
    }
}

void RealTimeDriver::setSpeed(double speed)
{
    {
        std::lock_guard lock(m_mutex);
        m_kicked = true;
        m_speed = std::max(0.0, speed);
        rebase();
    }
    m_wake.notify_all();
}

double RealTimeDriver::speed() const
{
    std::lock_guard lock(m_mutex);
    return m_speed;
}

void RealTimeDriver::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_mutex);
        m_kicked = true;
        m_paused = paused;
        rebase();
    }
    m_wake.notify_all();
}

bool RealTimeDriver::paused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

void RealTimeDriver::step(TimeMs ms)
{
    {
        std::lock_guard lock(m_mutex);
        m_kicked = true;
        m_stepRequest += ms;
    }
    m_wake.notify_all();
}

void RealTimeDriver::post(std::function<void()> fn)
{
    m_scheduler.at(m_scheduler.now(), std::move(fn)); // scheduled() wakes the loop
}

void RealTimeDriver::runTo(TimeMs target, std::chrono::steady_clock::time_point giveUpAt)
{
    for (unsigned n = 1; !m_abort.load(std::memory_order_relaxed); ++n) {
        if (!m_scheduler.runNext(target)) {
            m_scheduler.runUntil(target); // nothing left before it: the clock moves there
            return;
        }
        if (n % 64 == 0 && std::chrono::steady_clock::now() >= giveUpAt)
            return; // measure() decides: the backlog is given up
    }
}

void RealTimeDriver::loop()
{
    m_loopThread.store(std::this_thread::get_id(), std::memory_order_relaxed);
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_paused) {
            if (m_stepRequest > 0) {
                const TimeMs target = m_scheduler.now() + m_stepRequest;
                m_stepRequest = 0;
                lock.unlock();
                runTo(target);
                lock.lock();
                continue;
            }
            // Posted work (user actions) still runs while paused, at the paused time.
            lock.unlock();
            runTo(m_scheduler.now());
            lock.lock();
            sleepUntil(lock, std::chrono::steady_clock::now() + std::chrono::milliseconds(20));
            continue;
        }
        if (m_speed == 0) { // as fast as possible, a slice at a time so that control stays responsive
            lock.unlock();
            for (int i = 0; i < 2000 && !m_abort.load(std::memory_order_relaxed) && m_scheduler.runNext(INT64_MAX);
                 ++i) {
            }
            lock.lock();
            rebase();
            continue;
        }
        const auto wall = std::chrono::steady_clock::now() - m_baseWall;
        const TimeMs target =
            m_baseVirtual + static_cast<TimeMs>(std::chrono::duration<double, std::milli>(wall).count() * m_speed);
        const auto giveUpAt =
            std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                   std::chrono::duration<double, std::milli>(kMaxBacklogMs));
        lock.unlock();
        runTo(target, giveUpAt);
        const TimeMs next = m_scheduler.nextEventTime();
        lock.lock();
        measure();
        double waitMs = 5;
        if (next >= 0)
            waitMs = std::clamp(static_cast<double>(next - target) / m_speed, 0.0, 5.0);
        if (waitMs > 0)
            sleepUntil(lock, std::chrono::steady_clock::now() +
                                 std::chrono::microseconds(static_cast<long long>(waitMs * 1000)));
        else
            m_kicked = false; // running on at once anyway
    }
    lock.unlock();
    m_loopThread.store(std::thread::id(), std::memory_order_relaxed);
}

} // namespace orderlab
