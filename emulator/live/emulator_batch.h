#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace orderlab {

/// What changed in the emulator since the last batch: the UI's only input (`docs/threads.md`, "Batches to the UI").
/// Plain values, copied across threads.
struct OrderRow
{
    QString pk;
    QString status;
    QString creator;
    QString itemJson; ///< the whole item as AttributeValue JSON
    qint64 updatedAt = 0;
    bool deleted = false;
    quint64 traceId = 0;
};

struct RecordRow
{
    int shard = 0;
    QString sequenceNumber;
    QString eventName;
    QString pk;
    qint64 sizeBytes = 0;
    qint64 createdAt = 0;
    quint64 traceId = 0;
    quint64 position = 0; ///< the record's place in its shard (1, 2, ...), as trims count it
};

/// Records the stream dropped: the shard's oldest, through `throughPosition` (docs/memory-bounds.md).
struct TrimRow
{
    int shard = 0;
    qint64 records = 0;
    quint64 throughPosition = 0;
    bool byAge = false; ///< the 24 h retention, else the stream's caps
    qint64 time = 0;
};

struct InvocationRow
{
    quint64 id = 0;
    int shard = 0;
    int lane = 0;
    int attempt = 1;
    bool redelivery = false;
    bool finished = false;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QStringList sequenceNumbers;
    QList<quint64> traceIds;
    QString outcome;  ///< success, partial failure at …, failure: …
    QString response; ///< the handler's response, or the error it threw
    /// A handler process's log of the invocation (InvocationFinishedEvent::log, already cut); empty for core.
    QStringList log;
};

struct CacheRow
{
    enum class Change { Set, Deleted, Expired, Evicted, Flushed };
    Change change = Change::Set;
    QString key;
    qint64 size = 0;
    qint64 writtenAt = 0;
    qint64 expiresAt = 0;
    QString writer;
};

struct NotificationRow
{
    QString subscriber;
    QString topic;
    quint64 sequenceNumber = 0;
    QString value;
    qint64 time = 0;
    bool discontinuity = false;
};

/// The status bar's numbers.
/// A table of the running world, for the Tables view (LiveEmulator::tables).
struct TableSummary
{
    QString name;
    QString keySchema; ///< "pk (S)" or "pk (S), sk (N)"
    qint64 items = 0;
    qint64 bytes = 0;
    QString stream;        ///< the stream's view type, or empty when the table has no stream
    bool pipeline = false; ///< the pizza pipeline's `orders` table (its mapping follows its stream)
};

/// One page of a table's items in scan order (LiveEmulator::tableItems).
struct TablePage
{
    QStringList itemsJson; ///< AttributeValue JSON of each item
    QStringList keysJson;  ///< AttributeValue JSON of each item's key, in the same order
    bool more = false;     ///< items remain after the page
    QString error;         ///< no such table, a bad start key; the page is then empty
};

struct EmulatorStatus
{
    qint64 clock = 0;
    bool paused = false;
    double speed = 1;
    double achievedSpeed = 1; ///< what the clock achieves (RealTimeDriver::achievedSpeed)
    bool behind = false;      ///< the clock gave up a backlog in the last 3 s: it runs slower than asked
    quint64 orders = 0;
    quint64 records = 0;
    quint64 invocations = 0;
    quint64 retries = 0;
    quint64 discarded = 0;
    quint64 cacheKeys = 0;
    quint64 notifications = 0;
    QString verdict = QStringLiteral("in step");
    QStringList findings;
    int grpcPort = 0;
    int dynamodbPort = 0; ///< the AWS port (DynamoDB, DynamoDB Streams, Secrets Manager); 0: not served
    /// What the mapping invokes: "core, in process", "process `CMD`", or, for a scenario's run, "process `CMD`
    /// (the clock waits for each invocation)".
    QString handler;
    bool handlerProcess = false; ///< a handler process on the real clock: the clock runs at 1x only
    bool feeding = false;
};

struct EmulatorBatch
{
    QList<OrderRow> orders;
    QList<RecordRow> records;
    QList<TrimRow> trims;             ///< after the records of the same batch
    QList<InvocationRow> invocations; ///< started ones, then the same ids again when finished
    QList<CacheRow> cache;
    QList<NotificationRow> notifications;
    QStringList warnings; ///< new warnings only
    EmulatorStatus status;
    bool empty() const
    {
        return orders.isEmpty() && records.isEmpty() && trims.isEmpty() && invocations.isEmpty() && cache.isEmpty() &&
               notifications.isEmpty() && warnings.isEmpty();
    }
};

/// One link of a causal chain, for the Trace pane.
struct TraceStep
{
    QString kind;
    qint64 time = 0;
    qint64 durationMs = 0;
    quint64 invocationId = 0;
    bool ok = true;
    QString detail;
};

} // namespace orderlab

Q_DECLARE_METATYPE(orderlab::EmulatorBatch)
