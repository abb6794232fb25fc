#include "event_bus.h"

namespace orderlab {

namespace {
thread_local std::uint64_t t_traceId = 0;
thread_local std::uint64_t t_invocationId = 0;
} // namespace

struct EventBus::Slot
{
    std::uint64_t id = 0;
    Handler handler;
    bool active = true; // guarded by EventBus::m_mutex
};

EventBus::Subscription::Subscription(Subscription &&other) noexcept : m_bus(other.m_bus), m_id(other.m_id)
{
    other.m_bus = nullptr;
}

EventBus::Subscription &EventBus::Subscription::operator=(Subscription &&other) noexcept
{
    if (this != &other) {
        reset();
        m_bus = other.m_bus;
        m_id = other.m_id;
        other.m_bus = nullptr;
    }
    return *this;
}

EventBus::Subscription::~Subscription()
{
    reset();
}

void EventBus::Subscription::reset()
{
    if (m_bus)
        m_bus->unsubscribe(m_id);
    m_bus = nullptr;
}

EventBus::EventBus(const Clock &clock, std::size_t maxQueued)
    : m_clock(clock), m_maxQueued(maxQueued), m_slots(std::make_shared<std::vector<std::shared_ptr<Slot>>>())
{
}

EventBus::~EventBus() = default;

EventBus::Subscription EventBus::subscribe(Handler handler)
{
    std::lock_guard lock(m_mutex);
    auto slot = std::make_shared<Slot>();
    slot->id = m_nextSlot++;
    slot->handler = std::move(handler);
    auto next = std::make_shared<std::vector<std::shared_ptr<Slot>>>(*m_slots);
    next->push_back(slot);
    m_slots = std::move(next);
    return Subscription(this, slot->id);
}

void EventBus::unsubscribe(std::uint64_t id)
{
    std::unique_lock lock(m_mutex);
    auto next = std::make_shared<std::vector<std::shared_ptr<Slot>>>();
    for (const auto &slot : *m_slots) {
        if (slot->id == id)
            slot->active = false;
        else
            next->push_back(slot);
    }
    m_slots = std::move(next);
    if (m_deliverer != std::this_thread::get_id())
        m_idle.wait(lock, [&] { return m_deliveringSlot != id; });
}

void EventBus::publish(EventPayload payload, std::uint64_t traceId, std::uint64_t invocationId)
{
    Event event;
    event.traceId = traceId ? traceId : t_traceId;
    event.invocationId = invocationId ? invocationId : t_invocationId;
    event.payload = std::move(payload);
    const auto self = std::this_thread::get_id();
    std::unique_lock lock(m_mutex);
    if (m_deliverer != std::thread::id() && m_deliverer != self)
        m_room.wait(lock, [&] { return m_queue.size() < m_maxQueued || m_deliverer == std::thread::id(); });
    event.sequence = ++m_sequence;
    event.time = m_clock.now();
    m_queue.push_back(std::move(event));
    if (m_deliverer != std::thread::id())
        return; // the delivering thread (maybe this one, from inside a subscriber) takes it
    m_deliverer = self;
    drain(lock);
}

void EventBus::drain(std::unique_lock<std::mutex> &lock)
{
    while (!m_queue.empty()) {
        const Event event = std::move(m_queue.front());
        m_queue.pop_front();
        m_room.notify_all();
        const auto slots = m_slots;
        for (const auto &slot : *slots) {
            if (!slot->active)
                continue;
            m_deliveringSlot = slot->id;
            lock.unlock();
            try {
                slot->handler(event);
            } catch (...) {
                // A subscriber that throws misses this event; the others and the publisher do not.
            }
            lock.lock();
            m_deliveringSlot = 0;
            m_idle.notify_all();
        }
    }
    m_deliverer = std::thread::id();
    m_room.notify_all();
    m_idle.notify_all();
}

std::uint64_t EventBus::published() const
{
    std::lock_guard lock(m_mutex);
    return m_sequence;
}

std::size_t EventBus::subscribers() const
{
    std::lock_guard lock(m_mutex);
    return m_slots->size();
}

CauseScope::CauseScope(std::uint64_t traceId, std::uint64_t invocationId)
    : m_savedTrace(t_traceId), m_savedInvocation(t_invocationId)
{
    t_traceId = traceId;
    t_invocationId = invocationId;
}

CauseScope::~CauseScope()
{
    t_traceId = m_savedTrace;
    t_invocationId = m_savedInvocation;
}

std::uint64_t CauseScope::traceId()
{
    return t_traceId;
}

std::uint64_t CauseScope::invocationId()
{
    return t_invocationId;
}

} // namespace orderlab
