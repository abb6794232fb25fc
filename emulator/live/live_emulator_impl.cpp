// LiveEmulator::Impl: the world's events turned into the rows of the next batch, the status gathered on the
// world's thread, and worlds stopped off the GUI thread (docs/threads.md).
#include "live_emulator_impl.h"

#include "dynamodb/marshall.h"
#include "handler/order_domain.h"

namespace orderlab {

namespace {
InvocationRow invocationRow(const BatchInfo &b)
{
    InvocationRow row;
    row.id = b.invocationId;
    row.shard = b.shard;
    row.lane = b.lane;
    row.attempt = b.attempt;
    row.redelivery = b.redelivery;
    for (const auto &s : b.sequenceNumbers)
        row.sequenceNumbers << q(s);
    for (auto id : b.traceIds)
        row.traceIds << id;
    return row;
}

OrderRow orderRow(const TableChange &change)
{
    OrderRow row;
    row.pk = q(change.pk);
    row.updatedAt = change.time;
    row.traceId = change.traceId;
    if (change.kind == TableChange::Kind::Remove || !change.newImage) {
        row.deleted = true;
        return row;
    }
    const auto &item = *change.newImage;
    row.itemJson = q(dynamodb::itemJson(item));
    if (const auto *st = dynamodb::find(item, "status"); st && st->type() == dynamodb::AttributeValue::Type::S)
        row.status = q(st->text());
    if (const auto *c = dynamodb::find(item, "creator"); c && c->type() == dynamodb::AttributeValue::Type::S)
        row.creator = q(c->text());
    return row;
}

std::optional<CacheRow> cacheRow(const CacheEvent &e)
{
    if (e.cache != kCacheName)
        return std::nullopt;
    CacheRow row;
    switch (e.kind) {
    case CacheEvent::Kind::Set:
    case CacheEvent::Kind::TtlUpdated:
        row.change = CacheRow::Change::Set;
        break;
    case CacheEvent::Kind::Delete:
        row.change = CacheRow::Change::Deleted;
        break;
    case CacheEvent::Kind::Expire:
        row.change = CacheRow::Change::Expired;
        break;
    case CacheEvent::Kind::Evict:
        row.change = CacheRow::Change::Evicted;
        break;
    case CacheEvent::Kind::Flush:
        row.change = CacheRow::Change::Flushed;
        break;
    default:
        return std::nullopt;
    }
    row.key = q(e.key);
    row.size = static_cast<qint64>(e.size);
    row.writtenAt = e.timeMs;
    row.expiresAt = e.expiresAtMs;
    row.writer = q(e.writer);
    return row;
}
} // namespace

void LiveEmulator::Impl::take(const Event &event)
{
    if (const auto *t = event.as<TableChangedEvent>(); t && t->change) {
        OrderRow row = orderRow(*t->change);
        QMutexLocker lock(&mutex);
        changedOrders.insert(row.pk, row);
    } else if (const auto *r = event.as<RecordAppendedEvent>(); r && r->record) {
        RecordRow row;
        row.shard = r->record->shard;
        row.sequenceNumber = q(r->record->sequenceNumber);
        row.eventName = QString::fromLatin1(r->record->eventName());
        row.pk = q(r->record->pk);
        row.sizeBytes = static_cast<qint64>(r->record->sizeBytes);
        row.createdAt = r->record->createdAt;
        row.traceId = r->record->traceId;
        row.position = r->record->position;
        QMutexLocker lock(&mutex);
        pending.records << row;
    } else if (const auto *trim = event.as<RecordsTrimmedEvent>()) {
        const TrimRow row{trim->shard, static_cast<qint64>(trim->records), trim->throughPosition, trim->byAge,
                          event.time};
        QMutexLocker lock(&mutex);
        pending.trims << row;
    } else if (const auto *s = event.as<InvocationStartedEvent>()) {
        InvocationRow row = invocationRow(s->batch);
        row.startedAt = event.time;
        QMutexLocker lock(&mutex);
        pending.invocations << row;
    } else if (const auto *f = event.as<InvocationFinishedEvent>()) {
        InvocationRow row = invocationRow(f->batch);
        row.finished = true;
        row.startedAt = event.time - f->durationMs;
        row.finishedAt = event.time;
        row.outcome = f->outcome == "success" ? QStringLiteral("success") : q(f->reason);
        row.response = q(f->response);
        for (const auto &line : f->log)
            row.log << q(line);
        QMutexLocker lock(&mutex);
        pending.invocations << row;
    } else if (const auto *c = event.as<CacheChangedEvent>()) {
        if (auto row = cacheRow(c->change)) {
            QMutexLocker lock(&mutex);
            pending.cache << *row;
        }
    } else if (const auto *d = event.as<DeliveredEvent>()) {
        NotificationRow row;
        row.subscriber = q(d->subscriber);
        row.topic = q(d->topic);
        row.sequenceNumber = d->sequenceNumber;
        row.value = q(d->value);
        row.time = event.time;
        row.discontinuity = d->discontinuity;
        ++notifications;
        QMutexLocker lock(&mutex);
        pending.notifications << row;
    } else if (const auto *v = event.as<VerdictChangedEvent>()) {
        QStringList lines;
        for (const auto &line : v->findings)
            lines << q(line);
        QMutexLocker lock(&mutex);
        verdict = q(v->verdict);
        findings = lines;
    } else if (const auto *w = event.as<WarningEvent>()) {
        const QString text = q(w->text);
        QMutexLocker lock(&mutex);
        if (!knownWarnings.contains(text) && knownWarnings.size() < 1000) {
            knownWarnings << text;
            pending.warnings << text;
        }
    }
}

void LiveEmulator::Impl::stop()
{
    batcher.reset(); // after this, take() is not running and never runs again
    attachments.clear();
    {
        QMutexLocker lock(&mutex);
        if (current)
            *current = false;
        current.reset();
    }
    remoteClients = nullptr;
    grpcPort = 0;
    dynamodbPort = 0;
    std::erase_if(reapers, [](Reaper &r) {
        if (!r.done->load())
            return false;
        r.thread.join();
        return true;
    });
    if (!world)
        return;
    auto done = std::make_shared<std::atomic<bool>>(false);
    reapers.push_back({std::thread([w = std::move(world), done]() mutable {
                           w->stop();
                           w.reset();
                           *done = true;
                       }),
                       done});
}

void LiveEmulator::Impl::finish()
{
    stop();
    for (auto &r : reapers)
        r.thread.join();
    reapers.clear();
}

void LiveEmulator::Impl::statusLater(Pipeline &p, std::shared_ptr<bool> token)
{
    // Runs on the world's thread; once the world is stopped (token false) it touches nothing of this object.
    p.scheduler().after(200, [this, &p, token] {
        {
            QMutexLocker lock(&mutex);
            if (!*token)
                return;
        }
        const auto stats = p.mapping().stats();
        EmulatorStatus s;
        s.clock = p.scheduler().now();
        s.orders = p.table().size();
        s.records = p.stream().size();
        s.invocations = stats.invocations;
        s.retries = stats.retries;
        s.discarded = stats.recordsDiscarded;
        s.cacheKeys = p.cache().keys(kCacheName).size();
        QStringList fresh;
        for (const auto &w : p.mapping().warnings()) // the mapping's standing warnings (poison records)
            fresh << q(w);
        {
            QMutexLocker lock(&mutex);
            if (!*token)
                return;
            status = s;
            for (const auto &w : std::as_const(fresh)) {
                if (!knownWarnings.contains(w) && knownWarnings.size() < 1000) {
                    knownWarnings << w;
                    pending.warnings << w;
                }
            }
        }
        statusLater(p, token);
    });
}

} // namespace orderlab
