#include "event_text.h"

#include "stream/stream.h"

#include <QJsonArray>

namespace orderlab {

namespace {
template <class... Ts> struct Overload : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overload(Ts...) -> Overload<Ts...>;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonArray strings(const std::vector<std::string> &v)
{
    QJsonArray a;
    for (const auto &s : v)
        a.append(q(s));
    return a;
}

QJsonArray ids(const std::vector<std::uint64_t> &v)
{
    QJsonArray a;
    for (auto id : v)
        a.append(static_cast<qint64>(id));
    return a;
}

const char *cacheKind(CacheEvent::Kind k)
{
    switch (k) {
    case CacheEvent::Kind::Set:
        return "set";
    case CacheEvent::Kind::Delete:
        return "delete";
    case CacheEvent::Kind::Expire:
        return "expire";
    case CacheEvent::Kind::Evict:
        return "evict";
    case CacheEvent::Kind::Flush:
        return "flush";
    case CacheEvent::Kind::CacheCreated:
        return "cache-created";
    case CacheEvent::Kind::CacheDeleted:
        return "cache-deleted";
    case CacheEvent::Kind::TtlUpdated:
        return "ttl-updated";
    }
    return "";
}

const char *topicKind(TopicEvent::Kind k)
{
    switch (k) {
    case TopicEvent::Kind::Published:
        return "published";
    case TopicEvent::Kind::Subscribed:
        return "subscribed";
    case TopicEvent::Kind::Unsubscribed:
        return "unsubscribed";
    }
    return "";
}

void putBatch(QJsonObject &o, const BatchInfo &b)
{
    o[QStringLiteral("invocation")] = static_cast<qint64>(b.invocationId);
    o[QStringLiteral("shard")] = b.shard;
    o[QStringLiteral("lane")] = b.lane;
    o[QStringLiteral("attempt")] = b.attempt;
    o[QStringLiteral("redelivery")] = b.redelivery;
    o[QStringLiteral("sequenceNumbers")] = strings(b.sequenceNumbers);
    o[QStringLiteral("traceIds")] = ids(b.traceIds);
}

std::string batchText(const BatchInfo &b)
{
    return "invocation " + std::to_string(b.invocationId) + " (shard " + std::to_string(b.shard) + " lane " +
           std::to_string(b.lane) + ", " + std::to_string(b.sequenceNumbers.size()) + " record(s), attempt " +
           std::to_string(b.attempt) + (b.redelivery ? ", redelivery" : "") + ")";
}
} // namespace

QJsonObject eventJson(const Event &event)
{
    QJsonObject o;
    o[QStringLiteral("seq")] = static_cast<qint64>(event.sequence);
    o[QStringLiteral("time")] = static_cast<qint64>(event.time);
    o[QStringLiteral("kind")] = QString::fromLatin1(event.kindName());
    if (event.traceId)
        o[QStringLiteral("traceId")] = static_cast<qint64>(event.traceId);
    if (event.invocationId)
        o[QStringLiteral("invocationId")] = static_cast<qint64>(event.invocationId);
    auto set = [&o](const char *key, const QJsonValue &v) { o[QString::fromLatin1(key)] = v; };
    std::visit(Overload{
                   [&](const TableChangedEvent &e) {
                       if (!e.change)
                           return;
                       set("change", tableChangeName(e.change->kind));
                       set("pk", q(e.change->pk));
                       set("byTtl", e.change->byTtl);
                       if (e.change->oldImage)
                           set("oldImage", q(dynamodb::itemJson(*e.change->oldImage)));
                       if (e.change->newImage)
                           set("newImage", q(dynamodb::itemJson(*e.change->newImage)));
                   },
                   [&](const RecordAppendedEvent &e) {
                       if (!e.record)
                           return;
                       set("shard", e.record->shard);
                       set("sequenceNumber", q(e.record->sequenceNumber));
                       set("eventName", e.record->eventName());
                       set("pk", q(e.record->pk));
                       set("sizeBytes", static_cast<qint64>(e.record->sizeBytes));
                   },
                   [&](const RecordsTrimmedEvent &e) {
                       set("shard", e.shard);
                       set("records", static_cast<qint64>(e.records));
                       set("throughPosition", static_cast<qint64>(e.throughPosition));
                       set("reason", e.byAge ? "24 h retention" : "stream cap");
                   },
                   [&](const PolledEvent &e) {
                       set("shard", e.shard);
                       set("lane", e.lane);
                       set("records", static_cast<qint64>(e.records));
                   },
                   [&](const InvocationStartedEvent &e) { putBatch(o, e.batch); },
                   [&](const InvocationFinishedEvent &e) {
                       putBatch(o, e.batch);
                       set("result", q(e.result));
                       set("response", q(e.response));
                       set("outcome", q(e.outcome));
                       set("reason", q(e.reason));
                       set("durationMs", static_cast<qint64>(e.durationMs));
                       if (!e.log.empty())
                           set("log", strings(e.log));
                   },
                   [&](const RecordsDiscardedEvent &e) {
                       set("shard", e.shard);
                       set("lane", e.lane);
                       set("condition", q(e.condition));
                       set("sequenceNumbers", strings(e.sequenceNumbers));
                       set("traceIds", ids(e.traceIds));
                   },
                   [&](const HandlerCallEvent &e) {
                       set("op", q(e.op));
                       set("cache", q(e.cache));
                       set("key", q(e.key));
                       set("bytes", static_cast<qint64>(e.bytes));
                       set("result", q(e.result));
                       set("latencyMs", static_cast<qint64>(e.latencyMs));
                       if (!e.value.empty())
                           set("value", q(e.value));
                   },
                   [&](const CacheChangedEvent &e) {
                       set("change", cacheKind(e.change.kind));
                       set("cache", q(e.change.cache));
                       set("key", q(e.change.key));
                       set("size", static_cast<qint64>(e.change.size));
                       set("writer", q(e.change.writer));
                       set("expiresAt", static_cast<qint64>(e.change.expiresAtMs));
                   },
                   [&](const TopicChangedEvent &e) {
                       set("change", topicKind(e.change.kind));
                       set("cache", q(e.change.cache));
                       set("topic", q(e.change.topic));
                       set("sequenceNumber", static_cast<qint64>(e.change.sequenceNumber));
                       set("size", static_cast<qint64>(e.change.size));
                       set("who", q(e.change.who));
                       set("delivered", static_cast<qint64>(e.change.delivered));
                   },
                   [&](const DeliveredEvent &e) {
                       set("subscriber", q(e.subscriber));
                       set("topic", q(e.topic));
                       set("sequenceNumber", static_cast<qint64>(e.sequenceNumber));
                       set("value", q(e.value));
                       set("discontinuity", e.discontinuity);
                   },
                   [&](const FaultFiredEvent &e) {
                       set("op", q(e.op));
                       set("effect", q(e.effect));
                   },
                   [&](const WarningEvent &e) { set("text", q(e.text)); },
                   [&](const VerdictChangedEvent &e) {
                       set("inStep", e.inStep);
                       set("verdict", q(e.verdict));
                       set("findings", strings(e.findings));
                   },
                   [&](const ClockChangedEvent &e) {
                       set("what", q(e.what));
                       set("steppedMs", static_cast<qint64>(e.steppedMs));
                       set("speed", e.speed);
                   },
                   [&](const CommandAppliedEvent &e) {
                       set("command", q(e.commandJson));
                       set("error", q(e.error));
                   },
               },
               event.payload);
    return o;
}

std::string describeEvent(const Event &event)
{
    return std::visit(
        Overload{
            [](const TableChangedEvent &e) -> std::string {
                if (!e.change)
                    return "table change";
                const char *what = e.change->kind == TableChange::Kind::Insert   ? "put (new) "
                                   : e.change->kind == TableChange::Kind::Modify ? "put "
                                                                                 : "delete ";
                return what + e.change->pk + (e.change->byTtl ? " by TTL" : "");
            },
            [](const RecordAppendedEvent &e) -> std::string {
                if (!e.record)
                    return "stream record";
                return std::string(e.record->eventName()) + " " + e.record->sequenceNumber + " on shard " +
                       std::to_string(e.record->shard) + ", " + std::to_string(e.record->sizeBytes) + " B";
            },
            [](const RecordsTrimmedEvent &e) -> std::string {
                return std::to_string(e.records) + " record(s) trimmed from shard " + std::to_string(e.shard) + " (" +
                       (e.byAge ? "24 h retention" : "stream cap") + ")";
            },
            [](const PolledEvent &e) -> std::string {
                return "poll of shard " + std::to_string(e.shard) + " lane " + std::to_string(e.lane) + ": " +
                       std::to_string(e.records) + " record(s)";
            },
            [](const InvocationStartedEvent &e) -> std::string { return batchText(e.batch) + " started"; },
            [](const InvocationFinishedEvent &e) -> std::string {
                return batchText(e.batch) + ": " + (e.outcome == "success" ? e.outcome : e.reason) + " " + e.response;
            },
            [](const RecordsDiscardedEvent &e) -> std::string {
                return "discarded: " + e.condition + " (" + std::to_string(e.sequenceNumbers.size()) + " record(s))";
            },
            [](const HandlerCallEvent &e) -> std::string {
                return e.op + " " + e.key + " (" + std::to_string(e.bytes) + " B): " + e.result;
            },
            [](const CacheChangedEvent &e) -> std::string {
                return std::string("cache ") + cacheKind(e.change.kind) + " " + e.change.key;
            },
            [](const TopicChangedEvent &e) -> std::string {
                return std::string("topic ") + e.change.topic + " " + topicKind(e.change.kind);
            },
            [](const DeliveredEvent &e) -> std::string {
                return e.subscriber + " received " + e.topic + " #" + std::to_string(e.sequenceNumber);
            },
            [](const FaultFiredEvent &e) -> std::string { return "fault " + e.op + ": " + e.effect; },
            [](const WarningEvent &e) -> std::string { return "warning: " + e.text; },
            [](const VerdictChangedEvent &e) -> std::string { return "checker: " + e.verdict; },
            [](const ClockChangedEvent &e) -> std::string { return "clock " + e.what; },
            [](const CommandAppliedEvent &e) -> std::string {
                return "command " + e.commandJson + (e.error.empty() ? "" : ": " + e.error);
            },
        },
        event.payload);
}

} // namespace orderlab
