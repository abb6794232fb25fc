#pragma once

#include "cache_store.h"
#include "clock.h"
#include "dynamodb/orders_table.h"
#include "topic_hub.h"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace orderlab {

struct StreamRecord;
using StreamRecordPtr = std::shared_ptr<const StreamRecord>;

// The world's typed events: one per happening, with structured fields (docs/event-stream.md).
// Plain values; copied across threads. `==` compares every field (the order of a replayed
// run must equal the recorded one field by field, never by prose).

/// A committed change of a table (the images are shared, immutable).
struct TableChangedEvent
{
    std::shared_ptr<const TableChange> change;
    bool operator==(const TableChangedEvent &other) const;
};

/// A record appended to a stream shard.
struct RecordAppendedEvent
{
    StreamRecordPtr record;
    bool operator==(const RecordAppendedEvent &other) const;
};

/// Records removed from a shard by retention: the shard's oldest, through `throughPosition`
/// (StreamRecord::position); `byAge` for the 24 h, else the stream's caps.
struct RecordsTrimmedEvent
{
    int shard = 0;
    std::size_t records = 0;
    std::uint64_t throughPosition = 0;
    bool byAge = false;
    bool operator==(const RecordsTrimmedEvent &) const = default;
};

/// One poll of a lane that found records to deliver (empty polls are not events).
struct PolledEvent
{
    int shard = 0;
    int lane = 0;
    std::size_t records = 0;
    bool operator==(const PolledEvent &) const = default;
};

/// The batch an invocation carries; shared by its start and end events.
struct BatchInfo
{
    std::uint64_t invocationId = 0;
    int shard = 0;
    int lane = 0;
    int attempt = 1;
    bool redelivery = false;
    std::vector<std::string> sequenceNumbers;
    std::vector<std::uint64_t> traceIds; ///< the table changes the batch's records carry
    bool operator==(const BatchInfo &) const = default;
};

struct InvocationStartedEvent
{
    BatchInfo batch;
    bool operator==(const InvocationStartedEvent &) const = default;
};

struct InvocationFinishedEvent
{
    BatchInfo batch;
    std::string result;   ///< "returned", "threw", "timed-out"
    std::string response; ///< what the function returned (JSON text), or the error it threw
    std::string outcome;  ///< "success", "partial-failure", "failure"
    std::string reason;   ///< the outcome's reason; empty on success
    TimeMs durationMs = 0;
    /// A handler process's log of the invocation (InvocationResult::log) cut by logExcerpt; empty in process.
    std::vector<std::string> log;
    bool operator==(const InvocationFinishedEvent &) const = default;

    /// The trace and the window keep these events, so a log is cut to its first kMaxLogLines lines and
    /// kMaxLogBytes bytes, then one line saying how many were left out (docs/memory-bounds.md).
    static constexpr std::size_t kMaxLogLines = 200;
    static constexpr std::size_t kMaxLogBytes = 32 * 1024;
    static std::vector<std::string> logExcerpt(const std::vector<std::string> &log);
};

/// Records given up on (RetryAttemptsExhausted, RecordAgeExceeded) and sent to the failure list.
struct RecordsDiscardedEvent
{
    int shard = 0;
    int lane = 0;
    std::string condition;
    std::vector<std::string> sequenceNumbers;
    std::vector<std::uint64_t> traceIds;
    bool operator==(const RecordsDiscardedEvent &) const = default;
};

/// A cache or topic call the handler made (op: get, set, delete, publish).
struct HandlerCallEvent
{
    std::string op;
    std::string cache;
    std::string key; ///< the key, or the topic for publish
    std::size_t bytes = 0;
    std::string result; ///< hit, miss, ok, or the error's code
    TimeMs latencyMs = 0;
    std::string value; ///< publish: the message (the checker compares it)
    bool operator==(const HandlerCallEvent &) const = default;
};

/// A change of the cache store, whoever made it (the handler, a gRPC client, expiry).
struct CacheChangedEvent
{
    CacheEvent change;
    bool operator==(const CacheChangedEvent &other) const;
};

/// A topic published to, subscribed or unsubscribed, whoever did it.
struct TopicChangedEvent
{
    TopicEvent change;
    bool operator==(const TopicChangedEvent &other) const;
};

/// A message as an in-process subscriber app received it.
struct DeliveredEvent
{
    std::string subscriber;
    std::string topic;
    std::uint64_t sequenceNumber = 0;
    std::string value;
    bool discontinuity = false;
    bool operator==(const DeliveredEvent &) const = default;
};

/// An injected fault that fired.
struct FaultFiredEvent
{
    std::string op;
    std::string effect; ///< "error <CODE>", "latency <ms>", "throw", "timeout"
    bool operator==(const FaultFiredEvent &) const = default;
};

struct WarningEvent
{
    std::string text;
    bool operator==(const WarningEvent &) const = default;
};

/// The consistency checker's verdict, when it changes.
struct VerdictChangedEvent
{
    bool inStep = true;
    std::string verdict;
    std::vector<std::string> findings;
    bool operator==(const VerdictChangedEvent &) const = default;
};

/// The clock paused, resumed, stepped or changed speed.
struct ClockChangedEvent
{
    std::string what; ///< paused, resumed, stepped, speed
    TimeMs steppedMs = 0;
    double speed = 1;
    bool operator==(const ClockChangedEvent &) const = default;
};

/// A command applied through World::apply (the recorder's input).
struct CommandAppliedEvent
{
    std::string commandJson; ///< Command::toJson()
    std::string error;       ///< empty when it succeeded
    bool operator==(const CommandAppliedEvent &) const = default;
};

using EventPayload =
    std::variant<TableChangedEvent, RecordAppendedEvent, RecordsTrimmedEvent, PolledEvent, InvocationStartedEvent,
                 InvocationFinishedEvent, RecordsDiscardedEvent, HandlerCallEvent, CacheChangedEvent, TopicChangedEvent,
                 DeliveredEvent, FaultFiredEvent, WarningEvent, VerdictChangedEvent, ClockChangedEvent,
                 CommandAppliedEvent>;

struct Event
{
    std::uint64_t sequence = 0;     ///< the bus's total order, from 1
    TimeMs time = 0;                ///< emulator clock when published
    std::uint64_t traceId = 0;      ///< the table change it descends from; 0 when none or several (see BatchInfo)
    std::uint64_t invocationId = 0; ///< the invocation it happened in; 0 outside invocations
    EventPayload payload;

    /// Short stable name of the payload's kind: table-changed, record-appended, ...
    const char *kindName() const;
    template <class T> const T *as() const { return std::get_if<T>(&payload); }
    bool operator==(const Event &) const = default;
};

} // namespace orderlab
