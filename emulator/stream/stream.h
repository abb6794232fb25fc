#pragma once

#include "clock.h"
#include "dynamodb/table_change.h"
#include "events/event_bus.h"
#include "record_ids.h"
#include "trimmed_data_access.h"
#include "view_type.h"

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab {

/// One record of the stream, immutable once appended.
struct StreamRecord
{
    int shard = 0;
    std::uint64_t ordinal = 0;  ///< sequence number minus 10^20: strictly increasing within a shard, with gaps
    std::uint64_t position = 0; ///< 1 for the shard's first record, then +1 per record (no gaps)
    std::string sequenceNumber; ///< the decimal text Lambda sees
    std::string eventId;
    TableChange::Kind kind{};
    std::string pk;
    TimeMs createdAt = 0;      ///< commit time on the emulator clock
    std::uint64_t traceId = 0; ///< the table change it records
    std::size_t sizeBytes = 0;
    bool byTtl = false;
    std::string json; ///< the record as the Lambda runtime receives it

    const char *eventName() const;
};
using StreamRecordPtr = std::shared_ptr<const StreamRecord>;

/**
 * The orders table's DynamoDB stream: one record per committed change, in shards chosen by
 * a hash of the partition key, kept 24 h on the emulator clock and, when a cap is set, at most
 * `maxRecords` records and `maxBytes` bytes of record JSON (each shard its share; the oldest
 * go first, on append). Records of one item never reorder. The view type is fixed for the
 * stream's life. Trimming: docs/stream-and-mapping.md, "Trimming".
 *
 * Thread-safe: appends come from the table's changes on the event bus (follow()), in commit
 * order; the mapping reads, the UI lists. Each append and trim is published to the bus
 * (RecordAppendedEvent, RecordsTrimmedEvent) outside the stream's lock.
 */
class Stream final
{
  public:
    struct Options
    {
        int shards = 1;
        StreamViewType viewType = StreamViewType::NewAndOldImages;
        std::string region = "us-east-1";
        std::uint64_t seed = 1;
        TimeMs retentionMs = 24LL * 3600 * 1000;
        std::size_t maxRecords = 0;       ///< cap on records kept, over all shards; 0 = none
        std::size_t maxBytes = 0;         ///< cap on the records' JSON bytes, over all shards; 0 = none
        std::string tableName = "orders"; ///< in the ARN; follow() takes only this table's changes
    };

    /// `clock` and `events` (may be null) are borrowed and must outlive the stream.
    Stream(const Clock &clock, Options options, EventBus *events = nullptr);

    /// Appends the record of one committed change.
    void append(const TableChange &change);
    /// Appends a record for every TableChangedEvent on `bus` from now on (until the subscription ends).
    [[nodiscard]] EventBus::Subscription follow(EventBus &bus);

    int shardCount() const { return m_options.shards; }
    std::string shardId(int shard) const;
    int shardFor(const std::string &pk) const;
    StreamViewType viewType() const { return m_options.viewType; }
    const std::string &arn() const { return m_arn; }
    TimeMs retentionMs() const { return m_options.retentionMs; }

    /// Up to `max` records of `shard` with an ordinal above `after`, oldest first (records trimmed
    /// meanwhile are skipped silently: for views of the stream).
    std::vector<StreamRecordPtr> read(int shard, std::uint64_t after, std::size_t max) const;
    /// GetRecords: as read(), but throws TrimmedDataAccessException when records after `after`
    /// were trimmed (the reader continues from the exception's `trimmedThrough`).
    std::vector<StreamRecordPtr> readFrom(int shard, std::uint64_t after, std::size_t max) const;
    /// The ordinal a TRIM_HORIZON reader starts after: the newest trimmed record's (0: none trimmed).
    std::uint64_t trimHorizon(int shard) const;
    /// Records appended to `shard` so far (the position of its newest record).
    std::uint64_t appended(int shard) const;
    /// The position of the newest record of `shard` with an ordinal at or below `ordinal`, as far as
    /// it is known: records trimmed before it count as a whole.
    std::uint64_t positionThrough(int shard, std::uint64_t ordinal) const;
    /// The newest ordinal of `shard` (0 when empty).
    std::uint64_t latest(int shard) const;
    /// The oldest ordinal still kept in `shard` (0 when empty).
    std::uint64_t oldest(int shard) const;
    /// True if the record is no longer in the stream (trimmed).
    bool trimmed(const StreamRecord &record) const;
    std::size_t size() const;
    /// JSON bytes of the records kept (what maxBytes caps).
    std::size_t bytes() const;

    /// What a state file keeps of the stream (docs/state-files.md, "The stream"): its ARN, where its
    /// record identities are, and per shard the records still kept and what was trimmed before them.
    struct Saved
    {
        struct Shard
        {
            std::uint64_t trimmedThrough = 0;
            std::uint64_t trimmedPosition = 0;
            std::uint64_t appended = 0;
            std::vector<StreamRecordPtr> records; ///< oldest first
        };
        std::string arn;
        RecordIdSource::State ids;
        std::vector<Shard> shards;
    };
    /// The stream at one instant (under its lock).
    Saved saved() const;
    /// Replaces everything with `saved`, publishing nothing; for a world being built, before anything
    /// reads or writes the stream. Throws std::invalid_argument (changing nothing) when `saved` does not fit
    /// this stream: another shard count, a record of another shard, ordinals or positions out of order.
    void restore(const Saved &saved);

    /// Removes records older than the retention; returns them.
    std::vector<StreamRecordPtr> trim();
    const Options &options() const { return m_options; }

    /// Sequence numbers compared as integers (any length), as the mapping must.
    static int compareSequenceNumbers(std::string_view a, std::string_view b);

  private:
    struct Shard
    {
        std::deque<StreamRecordPtr> records;
        std::uint64_t trimmedThrough = 0;  // highest ordinal trimmed
        std::uint64_t trimmedPosition = 0; // its position
        std::uint64_t appended = 0;
        std::size_t bytes = 0;
    };
    /// Drops the oldest records of `shard` while it is over its share of a cap; returns how many.
    std::size_t trimToCap(Shard &shard); // m_mutex held
    void popOldest(Shard &shard);        // m_mutex held

    const Clock &m_clock;
    Options m_options;
    std::string m_arn;
    mutable std::mutex m_mutex;
    std::vector<Shard> m_shards;
    std::size_t m_shardMaxRecords = 0; // each shard's share of the caps (0 = none)
    std::size_t m_shardMaxBytes = 0;
    RecordIdSource m_ids; // guarded by m_mutex
    EventBus *const m_events;
};

} // namespace orderlab
