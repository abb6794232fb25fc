#pragma once

#include "event.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace orderlab {

/**
 * The world's one event stream: any number of subscribers see every event, all in the same
 * order (docs/event-stream.md).
 *
 * Ordering: publish() stamps the event with the next sequence number and the clock's time
 * under a short lock, so the sequence is a total order consistent with each publishing
 * thread's own order. Subscribers receive events in sequence order, one event at a time,
 * never concurrently.
 *
 * Threads: a publisher that finds nobody delivering delivers itself (its own event and every
 * event queued meanwhile) before publish() returns; a publisher that finds another thread
 * delivering only queues and returns. So subscribers run on the thread of some publisher
 * (the emulator thread, a table writer, a gRPC thread), without any bus lock held: they may
 * publish (queued behind the current event) and may call into the stores. They must be
 * short and must not block on another publisher. A subscriber that throws is skipped for
 * that event; the bus goes on.
 *
 * Bounded: when `maxQueued` events wait, publishers other than the delivering thread wait
 * for room.
 */
class EventBus
{
  public:
    using Handler = std::function<void(const Event &)>;

    /// Ends a subscription when destroyed (or on reset()). After that returns, the handler is
    /// not running (unless it is the caller) and is never called again.
    class Subscription
    {
      public:
        Subscription() = default;
        Subscription(Subscription &&other) noexcept;
        Subscription &operator=(Subscription &&other) noexcept;
        ~Subscription();
        void reset();
        explicit operator bool() const { return m_bus != nullptr; }

      private:
        friend class EventBus;
        Subscription(EventBus *bus, std::uint64_t id) : m_bus(bus), m_id(id) {}
        EventBus *m_bus = nullptr;
        std::uint64_t m_id = 0;
    };

    /// `clock` is borrowed and must outlive the bus.
    explicit EventBus(const Clock &clock, std::size_t maxQueued = 100000);
    ~EventBus();
    EventBus(const EventBus &) = delete;
    EventBus &operator=(const EventBus &) = delete;

    /// Subscribers are called in the order they subscribed. Thread-safe.
    [[nodiscard]] Subscription subscribe(Handler handler);
    /// Stamps and delivers `event` (see the class comment). A zero traceId / invocationId is
    /// taken from the publishing thread's CauseScope.
    void publish(EventPayload payload, std::uint64_t traceId = 0, std::uint64_t invocationId = 0);

    std::uint64_t published() const;
    std::size_t subscribers() const;

  private:
    struct Slot;
    void unsubscribe(std::uint64_t id);
    void drain(std::unique_lock<std::mutex> &lock);

    const Clock &m_clock;
    const std::size_t m_maxQueued;
    mutable std::mutex m_mutex;
    std::condition_variable m_room;
    std::condition_variable m_idle;
    std::deque<Event> m_queue;
    std::uint64_t m_sequence = 0;
    std::thread::id m_deliverer; ///< the thread delivering now; empty when none
    std::shared_ptr<const std::vector<std::shared_ptr<Slot>>> m_slots;
    std::uint64_t m_nextSlot = 1;
    std::uint64_t m_deliveringSlot = 0;
};

/**
 * The cause of what the current thread does: events it publishes with no trace or invocation
 * id of their own carry these. Nested scopes restore the outer cause when they end.
 */
class CauseScope
{
  public:
    CauseScope(std::uint64_t traceId, std::uint64_t invocationId);
    ~CauseScope();
    CauseScope(const CauseScope &) = delete;
    CauseScope &operator=(const CauseScope &) = delete;
    static std::uint64_t traceId();
    static std::uint64_t invocationId();

  private:
    std::uint64_t m_savedTrace;
    std::uint64_t m_savedInvocation;
};

} // namespace orderlab
