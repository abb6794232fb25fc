#pragma once

#include "cache_store.h"
#include "events/event.h"
#include "fault_injector.h"
#include "handler/stream_handler.h"
#include "mapping/event_source_mapping.h"
#include "momento/clients.h"
#include "scheduler.h"
#include "topic_hub.h"

#include <functional>
#include <memory>

namespace orderlab {

class EventBus;

/**
 * The handler's Momento inside the emulator: the CacheStore and TopicHub, behind injected
 * faults and latency on the scheduler's clock, with every call published to the event bus
 * (HandlerCallEvent) under the table change whose record was being processed. Each call
 * suspends for a latency drawn from the options (plus any injected latency), so that
 * concurrent invocations interleave step by step on the virtual clock (docs/timing-model.md).
 * Runs on the scheduler's thread; the stores it wraps are thread-safe.
 */
class EmulatedMomento
{
  public:
    struct Options
    {
        /// Draws how long the next call takes, in ms (on the scheduler's thread); unset: 1 ms each.
        std::function<TimeMs()> callLatency;
    };
    /// Everything is borrowed and must outlive this.
    EmulatedMomento(Scheduler &scheduler, CacheStore &cache, TopicHub &topics, FaultInjector &faults, EventBus &events,
                    Options options);

    /// Clients for one invocation; also the handler's observer, to know the record in progress.
    class Session final : public momento::CacheClient, public momento::TopicClient, public InvocationObserver
    {
      public:
        Session(EmulatedMomento &owner, const InvocationRequest &request);
        Task<momento::GetResponse> get(std::string cache, std::string key) override;
        Task<momento::Status> set(std::string cache, std::string key, momento::CacheValue value,
                                  std::optional<std::chrono::milliseconds> ttl) override;
        Task<momento::Status> remove(std::string cache, std::string key) override;
        Task<momento::Status> publish(std::string cache, std::string topic, std::string value) override;
        void recordStarted(std::size_t index, const std::string &sequenceNumber) override;

      private:
        Task<void> pause(TimeMs extra);
        void trace(TimeMs start, HandlerCallEvent call);
        std::string writer() const;

        EmulatedMomento &m_owner;
        std::uint64_t m_invocationId;
        std::vector<std::uint64_t> m_traceIds;
        std::vector<std::string> m_sequenceNumbers;
        std::uint64_t m_currentTrace = 0;
        std::string m_currentSequence;
    };

    std::unique_ptr<Session> session(const InvocationRequest &request)
    {
        return std::make_unique<Session>(*this, request);
    }
    /// Every call takes `ms` from now on.
    void setCallLatency(TimeMs ms)
    {
        m_options.callLatency = [ms] { return ms; };
    }

  private:
    Scheduler &m_scheduler;
    CacheStore &m_cache;
    TopicHub &m_topics;
    FaultInjector &m_faults;
    EventBus &m_events;
    Options m_options;
};

} // namespace orderlab
