#include "event_source_mapping.h"

#include "failure_record_json.h"
#include "mapping_lane.h"
#include "random.h"

#include <algorithm>
#include <stdexcept>

namespace orderlab {

namespace {
/// Which lane of its shard a key belongs to: a mixed hash, independent of the shard's.
std::uint64_t laneHash(const std::string &pk)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : pk) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return Random::splitmix64(h);
}
} // namespace

namespace {
BatchInfo batchInfo(const InvocationRequest &request)
{
    BatchInfo b;
    b.invocationId = request.id;
    b.shard = request.shard;
    b.lane = request.lane;
    b.attempt = request.attempt;
    b.redelivery = request.redelivery;
    for (const auto &r : request.records) {
        b.sequenceNumbers.push_back(r->sequenceNumber);
        b.traceIds.push_back(r->traceId);
    }
    return b;
}

const char *resultName(InvocationResult::Kind kind)
{
    switch (kind) {
    case InvocationResult::Kind::Returned:
        return "returned";
    case InvocationResult::Kind::Threw:
        return "threw";
    case InvocationResult::Kind::TimedOut:
        return "timed-out";
    }
    return "";
}

const char *outcomeName(InvocationOutcome::Kind kind)
{
    switch (kind) {
    case InvocationOutcome::Kind::Success:
        return "success";
    case InvocationOutcome::Kind::PartialFailure:
        return "partial-failure";
    case InvocationOutcome::Kind::Failure:
        return "failure";
    }
    return "";
}
} // namespace

std::string InvocationRequest::eventJson() const
{
    std::size_t size = 16;
    for (const auto &r : records)
        size += r->json.size() + 1;
    std::string out;
    out.reserve(size);
    out += "{\"Records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i)
            out += ',';
        out += records[i]->json;
    }
    out += "]}";
    return out;
}

EventSourceMapping::EventSourceMapping(Scheduler &scheduler, Stream &stream, Invoker &invoker, MappingConfig config,
                                       EventBus *events, std::string functionName)
    : m_scheduler(scheduler), m_stream(stream), m_invoker(invoker), m_config(std::move(config)),
      m_functionName(std::move(functionName)), m_events(events), m_alive(std::make_shared<bool>(true))
{
    const auto errors = m_config.validate();
    if (!errors.empty()) {
        std::string all = "invalid event source mapping:";
        for (const auto &e : errors)
            all += "\n  " + e;
        throw std::invalid_argument(all);
    }
    for (const auto &f : m_config.filters)
        m_filters.push_back(FilterPattern::parse(f));
    makeLanes();
}

void EventSourceMapping::makeLanes()
{
    std::vector<std::shared_ptr<Lane>> lanes;
    for (int s = 0; s < m_stream.shardCount(); ++s) {
        std::vector<std::uint64_t> prior;
        std::uint64_t cursor = UINT64_MAX;
        for (const auto &old : m_lanes) {
            if (old->shard != s)
                continue;
            prior.push_back(old->checkpoint);
            cursor = std::min(cursor, old->checkpoint);
        }
        for (int l = 0; l < m_config.parallelizationFactor; ++l) {
            auto lane = std::make_shared<Lane>();
            lane->shard = s;
            lane->index = l;
            if (m_timing)
                lane->polls = m_timing->pollSchedule(s, l);
            if (!prior.empty()) {
                lane->readCursor = cursor;
                lane->readPosition = m_stream.positionThrough(s, cursor);
                lane->checkpoint = cursor;
                lane->priorCheckpoints = prior;
                lane->priorFactor = static_cast<int>(prior.size());
                lane->windowStart = m_scheduler.now();
            }
            lanes.push_back(std::move(lane));
        }
    }
    for (auto &old : m_lanes)
        old->retired = true;
    m_lanes = std::move(lanes);
}

bool EventSourceMapping::ownsRecord(const Lane &lane, const StreamRecord &record) const
{
    const std::uint64_t h = laneHash(record.pk);
    if (static_cast<int>(h % static_cast<std::uint64_t>(m_config.parallelizationFactor)) != lane.index)
        return false;
    if (lane.priorFactor > 0 &&
        record.ordinal <=
            lane.priorCheckpoints[static_cast<std::size_t>(h % static_cast<std::uint64_t>(lane.priorFactor))])
        return false; // finished before the factor changed
    return true;
}

MappingConfig EventSourceMapping::config() const
{
    std::lock_guard lock(m_mutex);
    return m_config;
}

void EventSourceMapping::update(MappingConfig config)
{
    const auto errors = config.validate();
    if (!errors.empty()) {
        std::string all = "invalid event source mapping:";
        for (const auto &e : errors)
            all += "\n  " + e;
        throw std::invalid_argument(all);
    }
    std::vector<FilterPattern> filters;
    for (const auto &f : config.filters)
        filters.push_back(FilterPattern::parse(f));
    {
        std::lock_guard lock(m_mutex);
        config.startingPosition = m_config.startingPosition;
        const int factor = config.parallelizationFactor;
        config.parallelizationFactor = m_config.parallelizationFactor;
        m_config = std::move(config);
        m_filters = std::move(filters);
        m_pendingFactor.reset();
        if (factor != m_config.parallelizationFactor)
            m_pendingFactor = factor;
    }
    applyPendingFactor();
}

bool EventSourceMapping::updating() const
{
    std::lock_guard lock(m_mutex);
    return m_pendingFactor.has_value();
}

void EventSourceMapping::applyPendingFactor()
{
    std::vector<std::shared_ptr<Lane>> fresh;
    {
        std::lock_guard lock(m_mutex);
        if (!m_pendingFactor)
            return;
        for (const auto &lane : m_lanes)
            if (lane->inFlight || !lane->pending.empty())
                return;
        m_config.parallelizationFactor = *m_pendingFactor;
        m_pendingFactor.reset();
        makeLanes();
        fresh = m_lanes;
    }
    if (m_started)
        for (auto &lane : fresh)
            schedulePoll(*lane, lane->polls.firstDelay());
}

void EventSourceMapping::warn(const std::string &text)
{
    if (m_events)
        m_events->publish(WarningEvent{text});
}

EventSourceMapping::~EventSourceMapping()
{
    *m_alive = false;
}

void EventSourceMapping::setPollTiming(const TimingModel &timing)
{
    m_timing = &timing;
    for (auto &lane : m_lanes)
        lane->polls = timing.pollSchedule(lane->shard, lane->index);
}

void EventSourceMapping::restoreCheckpoints(const std::vector<Checkpoint> &checkpoints, std::uint64_t nextInvocation)
{
    std::map<std::pair<int, int>, Checkpoint> restored;
    for (const auto &c : checkpoints) {
        const std::string where = "shard " + std::to_string(c.shard) + " lane " + std::to_string(c.lane);
        if (c.shard < 0 || c.shard >= m_stream.shardCount() || c.lane < 0 || c.lane >= m_config.parallelizationFactor)
            throw std::invalid_argument(where + ": the mapping has " + std::to_string(m_stream.shardCount()) +
                                        " shards of " + std::to_string(m_config.parallelizationFactor) + " lanes");
        if (!restored.emplace(std::pair(c.shard, c.lane), c).second)
            throw std::invalid_argument(where + " is given twice");
    }
    m_restored = std::move(restored);
    m_nextInvocation = std::max<std::uint64_t>(1, nextInvocation);
}

void EventSourceMapping::start()
{
    if (m_started)
        return;
    m_started = true;
    for (auto &lane : m_lanes) {
        const bool latest = m_config.startingPosition == MappingConfig::StartingPosition::Latest;
        const auto restored = m_restored.find({lane->shard, lane->index});
        lane->readCursor = restored != m_restored.end() ? restored->second.checkpoint
                           : latest                     ? m_stream.latest(lane->shard)
                                                        : m_stream.trimHorizon(lane->shard);
        lane->readPosition = m_stream.positionThrough(lane->shard, lane->readCursor);
        lane->checkpoint = lane->readCursor;
        lane->windowStart = m_scheduler.now();
        const bool resumes = restored != m_restored.end() && restored->second.nextPollAt >= 0;
        schedulePoll(*lane, resumes ? std::max<TimeMs>(0, restored->second.nextPollAt - m_scheduler.now())
                                    : lane->polls.firstDelay());
    }
    m_restored.clear();
}

void EventSourceMapping::setEnabled(bool enabled)
{
    std::lock_guard lock(m_mutex);
    m_config.enabled = enabled;
}

bool EventSourceMapping::enabled() const
{
    std::lock_guard lock(m_mutex);
    return m_config.enabled;
}

void EventSourceMapping::schedulePoll(Lane &lane, TimeMs delay)
{
    if (lane.pollScheduled)
        return;
    lane.pollScheduled = true;
    std::weak_ptr<bool> alive = m_alive;
    std::shared_ptr<Lane> self;
    for (const auto &l : m_lanes)
        if (l.get() == &lane)
            self = l;
    if (!self)
        return; // a retired lane is not polled again
    lane.nextPollAt = m_scheduler.now() + delay;
    m_scheduler.after(delay, [this, self, alive] {
        if (auto a = alive.lock(); a && *a && !self->retired)
            poll(*self);
    });
}

void EventSourceMapping::poll(Lane &lane)
{
    lane.pollScheduled = false;
    lane.nextPollAt = -1;
    if (m_pendingFactor) {
        applyPendingFactor();
        if (lane.retired)
            return;
    }
    if (!enabled()) {
        schedulePoll(lane, lane.polls.nextDelay());
        return;
    }
    if (lane.inFlight)
        return; // finish() polls again
    dropTrimmed(lane);
    if (lane.pending.empty()) {
        auto batch = nextBatch(lane);
        if (!batch.empty()) {
            if (m_events)
                m_events->publish(PolledEvent{lane.shard, lane.index, batch.size()});
            std::lock_guard lock(m_mutex);
            lane.pending.push_back(std::move(batch));
        }
    }
    dropOld(lane);
    if (lane.pending.empty()) {
        schedulePoll(lane, lane.polls.nextDelay());
        return;
    }
    deliver(lane, lane.pending.front(), false);
}

void EventSourceMapping::deliver(Lane &lane, std::vector<StreamRecordPtr> batch, bool redelivery)
{
    InvocationRequest request;
    {
        std::lock_guard lock(m_mutex);
        request.id = m_nextInvocation++;
        request.shard = lane.shard;
        request.lane = lane.index;
        request.redelivery = redelivery;
        bool again = false;
        int attempt = 0;
        for (const auto &r : batch) {
            int &count = lane.invokeCounts[r->ordinal];
            if (count == 0 && !redelivery)
                ++m_stats.recordsDelivered;
            again = again || count > 0;
            attempt = std::max(attempt, ++count);
        }
        request.attempt = attempt;
        ++m_stats.invocations;
        if (redelivery)
            ++m_stats.redeliveries;
        else if (again)
            ++m_stats.retries;
        lane.inFlight = true;
        request.records = std::move(batch);
        request.startedAt = m_scheduler.now();
        request.timeoutMs = m_config.functionTimeoutMs;
    }
    if (m_events)
        m_events->publish(InvocationStartedEvent{batchInfo(request)}, 0, request.id);
    std::weak_ptr<bool> alive = m_alive;
    auto run = [](EventSourceMapping *self, Lane *l, InvocationRequest req,
                  std::weak_ptr<bool> aliveFlag) -> Task<void> {
        InvocationResult result = co_await self->m_invoker.invoke(req);
        if (auto a = aliveFlag.lock(); a && *a)
            self->finish(*l, req, result);
    };
    spawn(run(this, &lane, std::move(request), alive), [](std::exception_ptr) {});
}

void EventSourceMapping::finish(Lane &lane, const InvocationRequest &request, const InvocationResult &result)
{
    std::vector<std::string> sequenceNumbers;
    for (const auto &r : request.records)
        sequenceNumbers.push_back(r->sequenceNumber);
    const InvocationOutcome outcome =
        request.redelivery ? InvocationOutcome{}
                           : interpretInvocation(result, sequenceNumbers, m_config.reportBatchItemFailures);
    std::vector<StreamRecordPtr> exhausted;
    bool exhaustedByFunctionError = false;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[sequenceNumber, error] : result.poison)
            if (m_poison.emplace(sequenceNumber, error).second)
                ++m_stats.poisonRecords;
        lane.inFlight = false;
        lane.windowStart = m_scheduler.now();
        if (!request.redelivery) {
            auto &batch = lane.pending.front();
            switch (outcome.kind) {
            case InvocationOutcome::Kind::Success:
                lane.checkpoint = std::max(lane.checkpoint, batch.back()->ordinal);
                m_stats.recordsProcessed += batch.size();
                for (const auto &r : batch)
                    lane.invokeCounts.erase(r->ordinal);
                lane.lastSuccess = batch;
                lane.pending.pop_front();
                lane.retryCount = 0;
                lane.lastError.clear();
                break;
            case InvocationOutcome::Kind::PartialFailure: {
                ++m_stats.partialFailures;
                const auto k = static_cast<std::ptrdiff_t>(outcome.failedAt);
                if (k > 0) {
                    lane.checkpoint = std::max(lane.checkpoint, batch[static_cast<std::size_t>(k - 1)]->ordinal);
                    m_stats.recordsProcessed += static_cast<std::uint64_t>(k);
                    for (std::ptrdiff_t i = 0; i < k; ++i)
                        lane.invokeCounts.erase(batch[static_cast<std::size_t>(i)]->ordinal);
                }
                batch.erase(batch.begin(), batch.begin() + k);
                ++lane.retryCount;
                lane.lastFailureWasFunctionError = false;
                lane.lastError = outcome.reason;
                break;
            }
            case InvocationOutcome::Kind::Failure:
                ++m_stats.failures;
                lane.lastError = outcome.reason;
                if (m_config.bisectBatchOnFunctionError && batch.size() > 1) {
                    ++m_stats.bisections;
                    auto half = static_cast<std::ptrdiff_t>(batch.size() / 2);
                    std::vector<StreamRecordPtr> first(batch.begin(), batch.begin() + half);
                    std::vector<StreamRecordPtr> second(batch.begin() + half, batch.end());
                    lane.pending.pop_front();
                    lane.pending.push_front(std::move(second));
                    lane.pending.push_front(std::move(first));
                } else {
                    ++lane.retryCount;
                    lane.lastFailureWasFunctionError = outcome.functionError;
                }
                break;
            }
            if (m_config.maximumRetryAttempts >= 0 && lane.retryCount > m_config.maximumRetryAttempts &&
                !lane.pending.empty()) {
                exhausted = std::move(lane.pending.front());
                exhaustedByFunctionError = lane.lastFailureWasFunctionError;
                lane.pending.pop_front();
                lane.retryCount = 0;
            }
        }
    }
    if (m_events) {
        InvocationFinishedEvent e;
        e.batch = batchInfo(request);
        e.result = resultName(result.kind);
        e.response = result.kind == InvocationResult::Kind::Returned ? result.response : result.error;
        e.outcome = outcomeName(outcome.kind);
        e.reason = outcome.reason;
        e.durationMs = m_scheduler.now() - request.startedAt;
        e.log = InvocationFinishedEvent::logExcerpt(result.log);
        m_events->publish(std::move(e), 0, request.id);
    }
    for (const auto &w : result.warnings)
        warn(w);
    if (!outcome.warning.empty())
        warn(outcome.warning);
    if (!exhausted.empty())
        discard(lane, exhausted, "RetryAttemptsExhausted", exhaustedByFunctionError);
    // More records may be waiting: go on at once after a success, retry at the next poll after a failure.
    schedulePoll(lane, outcome.kind == InvocationOutcome::Kind::Success ? 0 : lane.polls.nextDelay());
}

void EventSourceMapping::discard(Lane &lane, const std::vector<StreamRecordPtr> &records, const char *condition,
                                 bool functionError)
{
    FailureRecord f;
    f.condition = condition;
    f.records = records;
    f.time = m_scheduler.now();
    {
        std::lock_guard lock(m_mutex);
        int invokeCount = 0;
        for (const auto &r : records) {
            auto it = lane.invokeCounts.find(r->ordinal);
            if (it != lane.invokeCounts.end()) {
                invokeCount = std::max(invokeCount, it->second);
                lane.invokeCounts.erase(it);
            }
        }
        FailureRecordFields fields;
        fields.condition = condition;
        fields.invokeCount = invokeCount;
        fields.functionError = functionError;
        fields.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + m_functionName;
        fields.shardId = m_stream.shardId(lane.shard);
        fields.streamArn = m_stream.arn();
        fields.now = f.time;
        fields.requestNumber = ++m_failuresTotal;
        f.json = failureRecordJson(fields, records);
        m_stats.recordsDiscarded += records.size();
        lane.checkpoint = std::max(lane.checkpoint, records.back()->ordinal);
        m_failures.push_back(f);
        if (m_failures.size() > kMaxFailuresKept) // dropped in runs of a tenth, not one by one
            m_failures.erase(m_failures.begin(),
                             m_failures.begin() +
                                 static_cast<std::ptrdiff_t>(m_failures.size() - kMaxFailuresKept * 9 / 10));
    }
    if (m_events) {
        RecordsDiscardedEvent e;
        e.shard = lane.shard;
        e.lane = lane.index;
        e.condition = condition;
        for (const auto &r : records) {
            e.sequenceNumbers.push_back(r->sequenceNumber);
            e.traceIds.push_back(r->traceId);
        }
        m_events->publish(std::move(e));
    }
}

bool EventSourceMapping::redeliverLast(int shard, int laneIndex)
{
    for (auto &lane : m_lanes) {
        if (lane->shard == shard && lane->index == laneIndex) {
            if (lane->inFlight || lane->lastSuccess.empty())
                return false;
            deliver(*lane, lane->lastSuccess, true);
            return true;
        }
    }
    return false;
}

EventSourceMapping::Stats EventSourceMapping::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::vector<FailureRecord> EventSourceMapping::failures() const
{
    std::lock_guard lock(m_mutex);
    return m_failures;
}

std::vector<LaneState> EventSourceMapping::lanes() const
{
    std::lock_guard lock(m_mutex);
    std::vector<LaneState> out;
    for (const auto &lane : m_lanes) {
        LaneState s;
        s.shard = lane->shard;
        s.lane = lane->index;
        s.checkpoint = lane->checkpoint;
        s.nextPollAt = lane->nextPollAt;
        s.inFlight = lane->inFlight;
        s.batchRecords = lane->pending.empty() ? 0 : lane->pending.front().size();
        s.retryCount = lane->retryCount;
        s.blocked = lane->retryCount > 0;
        s.lastError = lane->lastError;
        if (!lane->pending.empty()) {
            for (const auto &r : lane->pending.front()) {
                auto it = m_poison.find(r->sequenceNumber);
                if (it != m_poison.end()) {
                    s.poisonError = it->second;
                    s.poisonSequence = r->sequenceNumber;
                    break;
                }
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::string> EventSourceMapping::warnings() const
{
    const MappingConfig config = this->config();
    std::vector<std::string> w = config.warnings(m_stream.viewType());
    const TimeMs now = m_scheduler.now();
    for (const auto &s : lanes()) {
        if (s.poisonError.empty())
            continue;
        std::string text = "poison record " + s.poisonSequence + " on " + m_stream.shardId(s.shard) +
                           (config.parallelizationFactor > 1 ? " (lane " + std::to_string(s.lane) + ")" : "") + ": " +
                           s.poisonError + "; attempts so far " + std::to_string(s.retryCount + 1) + ". ";
        if (config.maximumRetryAttempts >= 0) {
            text += "It will be discarded, with the " + std::to_string(s.batchRecords) +
                    " record(s) of its batch, after " +
                    std::to_string(std::max(0, config.maximumRetryAttempts - s.retryCount)) + " more retries.";
        } else if (config.maximumRecordAgeSeconds >= 0) {
            text +=
                "It will be discarded when it is older than " + std::to_string(config.maximumRecordAgeSeconds) + " s.";
        } else {
            (void)now;
            text += "It blocks the shard until it is trimmed from the stream (24 h after it was written); the records "
                    "behind it are then lost.";
        }
        w.push_back(std::move(text));
    }
    return w;
}

} // namespace orderlab
