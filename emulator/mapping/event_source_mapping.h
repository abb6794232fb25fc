#pragma once

#include "events/event_bus.h"
#include "filter_pattern.h"
#include "invocation_outcome.h"
#include "invoker/invoker.h"
#include "mapping_config.h"
#include "scheduler.h"
#include "stream/stream.h"
#include "timing/timing_model.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

/// A discard, as the on-failure destination receives it, plus the records themselves.
struct FailureRecord
{
    std::string condition; ///< RetryAttemptsExhausted or RecordAgeExceeded
    std::string json;      ///< the invocation record (`docs/stream-and-mapping.md`, "Discarded records")
    std::vector<StreamRecordPtr> records;
    TimeMs time = 0;
};

/// What the UI shows of one lane (a shard, or a part of it with ParallelizationFactor > 1).
struct LaneState
{
    int shard = 0;
    int lane = 0;
    std::uint64_t checkpoint = 0; ///< ordinal of the last record done (processed, discarded or filtered out)
    bool inFlight = false;
    std::size_t batchRecords = 0; ///< records of the batch being delivered or retried
    int retryCount = 0;
    bool blocked = false; ///< retrying a batch that keeps failing
    std::string lastError;
    std::string poisonError; ///< the data error of a poison record at the front, if any
    std::string poisonSequence;
    TimeMs nextPollAt = -1; ///< when its next poll is scheduled; -1 when none is (a batch in flight)
};

/**
 * The Lambda event source mapping on the orders stream: polls each shard 4 times a second
 * (each lane on its own schedule when given a timing model, docs/timing-model.md),
 * batches, invokes, and applies the outcome table, checkpoints, retries, bisection, retry
 * exhaustion, record age, parallelization lanes, filters and the failure list of
 * `docs/stream-and-mapping.md`. Runs entirely on the scheduler's driving thread; the query
 * functions (lanes, stats, failures) are thread-safe. What it does is published to the event
 * bus: PolledEvent, InvocationStartedEvent, InvocationFinishedEvent, RecordsDiscardedEvent,
 * WarningEvent.
 */
class EventSourceMapping
{
  public:
    struct Stats
    {
        std::uint64_t invocations = 0;
        std::uint64_t retries = 0; ///< invocations that carried records delivered before
        std::uint64_t redeliveries = 0;
        std::uint64_t recordsDelivered = 0; ///< distinct records handed to the function at least once
        std::uint64_t recordsProcessed = 0; ///< records checkpointed after a success
        std::uint64_t recordsDiscarded = 0; ///< RetryAttemptsExhausted + RecordAgeExceeded
        std::uint64_t recordsLost = 0;      ///< trimmed from the stream before they were processed
        std::uint64_t recordsFilteredOut = 0;
        std::uint64_t poisonRecords = 0; ///< records that failed on their data (every retry fails)
        std::uint64_t partialFailures = 0;
        std::uint64_t failures = 0;
        std::uint64_t bisections = 0;
    };

    /// Throws std::invalid_argument listing every invalid parameter. The scheduler, stream,
    /// invoker and bus (may be null) are borrowed and must outlive the mapping.
    EventSourceMapping(Scheduler &scheduler, Stream &stream, Invoker &invoker, MappingConfig config,
                       EventBus *events = nullptr, std::string functionName = "core");
    ~EventSourceMapping();

    /**
     * UpdateEventSourceMapping: takes `config` in place, keeping every checkpoint and the batches
     * in flight or being retried. Batch size, window, retries, record age, bisection, partial
     * batch responses, filters and the function timeout apply from the next batch on. A new
     * ParallelizationFactor applies once no lane has a batch in flight or pending (updating()
     * is true until then); the new lanes start after every record the old lanes finished, so
     * nothing is delivered twice. The starting position only matters before start() and is
     * kept. Throws std::invalid_argument (changing nothing) for an invalid configuration.
     */
    void update(MappingConfig config);
    /// True while a ParallelizationFactor change waits for the lanes to be idle.
    bool updating() const;
    /// Before start(): each lane polls on its own schedule from `timing` (random phase, jittered
    /// intervals; borrowed, must outlive the mapping; lanes made by a factor change get theirs
    /// too). Without it every lane polls at once and then every 250 ms, in lock-step.
    void setPollTiming(const TimingModel &timing);
    /// Before start(): each listed lane starts after `checkpoint` (the ordinal of the last record it
    /// had done) instead of at the starting position, and polls first at `nextPollAt` when that is set
    /// (else as a new lane does); invocation ids continue from `nextInvocation`: a world continued from a
    /// state file (docs/state-files.md). Throws std::invalid_argument (changing nothing) for a shard or
    /// lane this mapping does not have, or a lane listed twice.
    struct Checkpoint
    {
        int shard = 0;
        int lane = 0;
        std::uint64_t checkpoint = 0;
        TimeMs nextPollAt = -1;
    };
    void restoreCheckpoints(const std::vector<Checkpoint> &checkpoints, std::uint64_t nextInvocation);
    /// The id the next invocation gets. Call on the scheduler's thread.
    std::uint64_t nextInvocation() const { return m_nextInvocation; }
    /// Starts polling (TRIM_HORIZON: from the oldest record kept; LATEST: after the newest; a lane given
    /// to restoreCheckpoints: after its checkpoint).
    void start();
    void setEnabled(bool enabled);
    bool enabled() const;
    /// Delivers the lane's last successful batch again, as the real service may.
    bool redeliverLast(int shard, int lane = 0);

    MappingConfig config() const;
    std::vector<std::string> warnings() const;
    Stats stats() const;
    std::vector<LaneState> lanes() const;
    /// The failure list, oldest first: the most recent kMaxFailuresKept discards (docs/memory-bounds.md).
    std::vector<FailureRecord> failures() const;
    static constexpr std::size_t kMaxFailuresKept = 1000;
    /// True when no lane has a batch pending or in flight and every lane has read its shard to the end.
    bool drained() const;

    /// Trace ids of the records not yet processed, discarded or filtered out (in batches or still unread).
    std::vector<std::uint64_t> pendingTraceIds() const;

  private:
    struct Lane;
    void poll(Lane &lane);
    void deliver(Lane &lane, std::vector<StreamRecordPtr> batch, bool redelivery);
    void finish(Lane &lane, const InvocationRequest &request, const InvocationResult &result);
    void discard(Lane &lane, const std::vector<StreamRecordPtr> &records, const char *condition, bool functionError);
    void dropTrimmed(Lane &lane);
    void skipTrimmed(Lane &lane, const TrimmedDataAccessException &e);
    void dropOld(Lane &lane);
    std::vector<StreamRecordPtr> nextBatch(Lane &lane);
    void schedulePoll(Lane &lane, TimeMs delay);
    void warn(const std::string &text);
    void makeLanes(); ///< m_lanes for the current factor, from the stream's shards (m_mutex held)
    void applyPendingFactor();
    bool ownsRecord(const Lane &lane, const StreamRecord &record) const;
    /// Whether the shard holds a record after the lane's cursor that the lane owns. Called with m_mutex held.
    bool ownsUnreadRecord(Lane &lane) const;

    Scheduler &m_scheduler;
    Stream &m_stream;
    Invoker &m_invoker;
    MappingConfig m_config;
    std::string m_functionName;
    std::vector<FilterPattern> m_filters;
    EventBus *const m_events;
    std::vector<std::shared_ptr<Lane>> m_lanes;
    std::optional<int> m_pendingFactor;
    std::map<std::pair<int, int>, Checkpoint> m_restored; // (shard, lane) -> where it resumes, until start()
    std::map<int, std::uint64_t> m_lostThrough;           // shard -> position through which lost records are counted
    const TimingModel *m_timing = nullptr;
    mutable std::mutex m_mutex; // guards what the query functions read
    Stats m_stats;
    std::vector<FailureRecord> m_failures;
    std::uint64_t m_failuresTotal = 0;
    std::map<std::string, std::string> m_poison; // sequence number -> data error
    std::uint64_t m_nextInvocation = 1;
    bool m_started = false;
    std::shared_ptr<bool> m_alive;
};

} // namespace orderlab
