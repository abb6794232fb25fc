#include "live_emulator.h"

#include "live_emulator_impl.h"

namespace orderlab {


LiveEmulator::LiveEmulator(Settings settings, QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    qRegisterMetaType<orderlab::EmulatorBatch>();
    d->settings = std::move(settings);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LiveEmulator::flush);
}

LiveEmulator::~LiveEmulator()
{
    d->stop();
}

const LiveEmulator::Settings &LiveEmulator::settings() const
{
    return d->settings;
}

MappingConfig LiveEmulator::mappingConfig() const
{
    return d->mapping;
}

Pipeline *LiveEmulator::pipeline() const
{
    return d->pipeline.get();
}

QString LiveEmulator::start()
{
    d->stop();
    PipelineConfig config;
    config.seed = d->settings.seed;
    config.shards = d->settings.shards;
    const auto view = StreamRecordWriter::parseViewType(d->settings.viewType.toStdString());
    if (!view)
        return QStringLiteral("unknown stream view type '%1'").arg(d->settings.viewType);
    config.viewType = *view;
    config.mapping = d->mapping;
    try {
        d->pipeline = std::make_unique<Pipeline>(config);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    Pipeline &p = *d->pipeline;
    {
        QMutexLocker lock(&d->mutex);
        d->pending = EmulatorBatch{};
        d->changedOrders.clear();
        d->status = EmulatorStatus{};
        d->knownWarnings.clear();
        d->verdict = QStringLiteral("in step");
        d->findings.clear();
    }
    p.stream().addListener([this](const StreamRecordPtr &r) {
        RecordRow row;
        row.shard = r->shard;
        row.sequenceNumber = q(r->sequenceNumber);
        row.eventName = QString::fromLatin1(r->eventName());
        row.pk = q(r->pk);
        row.sizeBytes = static_cast<qint64>(r->sizeBytes);
        row.createdAt = r->createdAt;
        row.traceId = r->traceId;
        QMutexLocker lock(&d->mutex);
        d->pending.records << row;
    });
    p.setTableObserver([this](const TableChange &change) {
        OrderRow row;
        row.pk = q(change.pk);
        row.updatedAt = change.time;
        row.traceId = change.traceId;
        if (change.kind == TableChange::Kind::Remove || !change.newImage) {
            row.deleted = true;
        } else {
            const auto &item = *change.newImage;
            row.itemJson = q(dynamodb::itemJson(item));
            if (const auto *st = dynamodb::find(item, "status"); st && st->type() == dynamodb::AttributeValue::Type::S)
                row.status = q(st->text());
            if (const auto *c = dynamodb::find(item, "creator"); c && c->type() == dynamodb::AttributeValue::Type::S)
                row.creator = q(c->text());
        }
        QMutexLocker lock(&d->mutex);
        d->changedOrders.insert(row.pk, row);
    });
    p.cache().addListener([this](const CacheEvent &e) {
        if (e.cache != "pizza")
            return;
        CacheRow row;
        switch (e.kind) {
        case CacheEvent::Kind::Set:
        case CacheEvent::Kind::TtlUpdated: row.change = CacheRow::Change::Set; break;
        case CacheEvent::Kind::Delete: row.change = CacheRow::Change::Deleted; break;
        case CacheEvent::Kind::Expire: row.change = CacheRow::Change::Expired; break;
        case CacheEvent::Kind::Flush: row.change = CacheRow::Change::Flushed; break;
        default: return;
        }
        row.key = q(e.key);
        row.size = static_cast<qint64>(e.size);
        row.writtenAt = e.timeMs;
        row.expiresAt = e.expiresAtMs;
        row.writer = q(e.writer);
        QMutexLocker lock(&d->mutex);
        d->pending.cache << row;
    });
    EventSourceMapping::Hooks observer;
    observer.invocationStarted = [this](const InvocationRequest &req) {
        InvocationRow row = invocationRow(req);
        row.startedAt = d->pipeline->scheduler().now();
        QMutexLocker lock(&d->mutex);
        d->pending.invocations << row;
    };
    observer.invocationFinished = [this](const InvocationRequest &req, const InvocationResult &result,
                                         const InvocationOutcome &outcome) {
        InvocationRow row = invocationRow(req);
        row.finished = true;
        row.finishedAt = d->pipeline->scheduler().now();
        row.outcome = outcome.kind == InvocationOutcome::Kind::Success ? QStringLiteral("success") : q(outcome.reason);
        row.response = q(result.kind == InvocationResult::Kind::Returned ? result.response : result.error);
        QMutexLocker lock(&d->mutex);
        d->pending.invocations << row;
    };
    p.setMappingObserver(std::move(observer));
    d->apps = std::make_unique<SubscriberApps>(p.topics(), p.scheduler());
    d->apps->setSink([this](const Notification &n) {
        NotificationRow row;
        row.subscriber = q(n.subscriber);
        row.topic = q(n.topic);
        row.sequenceNumber = n.sequenceNumber;
        row.value = q(n.value);
        row.time = n.time;
        row.discontinuity = n.discontinuity;
        ++d->notifications;
        QMutexLocker lock(&d->mutex);
        d->pending.notifications << row;
    });
    d->apps->start();
    OrderFeed::Options feed;
    feed.seed = d->settings.seed;
    feed.writesPerSecond = d->settings.writesPerSecond;
    d->feed = std::make_unique<OrderFeed>(p, feed);
    p.start();
    d->checkLater();
    d->statusLater();
    d->driver = std::make_unique<RealTimeDriver>(p.scheduler());
    d->driver->start(d->settings.speed);
    if (d->settings.demo)
        d->feed->start();
    if (d->servicesFactory)
        d->services = d->servicesFactory(p, *this);
    m_tick.start();
    return {};
}

QString LiveEmulator::restart(Settings settings)
{
    d->settings = std::move(settings);
    return start();
}

QString LiveEmulator::applyMapping(const MappingConfig &config)
{
    const auto errors = config.validate();
    if (!errors.empty())
        return q(errors.front());
    d->mapping = config;
    return start();
}

void LiveEmulator::flush()
{
    if (!d->pipeline)
        return;
    EmulatorBatch batch;
    {
        QMutexLocker lock(&d->mutex);
        batch = std::move(d->pending);
        d->pending = EmulatorBatch{};
        batch.orders = d->changedOrders.values();
        d->changedOrders.clear();
        batch.status = d->status;
        batch.status.verdict = d->verdict;
        batch.status.findings = d->findings;
    }
    // Only cheap, lock-free reads here: the GUI thread must never wait for the emulator.
    EmulatorStatus &s = batch.status;
    s.clock = d->pipeline->scheduler().now();
    s.paused = d->driver && d->driver->paused();
    s.speed = d->driver ? d->driver->speed() : 0;
    s.notifications = d->notifications;
    s.grpcPort = d->grpcPort;
    s.feeding = d->feed && d->feed->active();
    emit batchReady(batch);
}

void LiveEmulator::setFeeding(bool on)
{
    if (!d->feed)
        return;
    if (on)
        d->feed->start();
    else
        d->feed->stop();
}

bool LiveEmulator::feeding() const
{
    return d->feed && d->feed->active();
}

void LiveEmulator::setWritesPerSecond(double rate)
{
    d->settings.writesPerSecond = rate;
    if (d->feed)
        d->feed->setRate(rate);
}

void LiveEmulator::setSpeed(double speed)
{
    d->settings.speed = speed;
    if (d->driver)
        d->driver->setSpeed(speed);
}

void LiveEmulator::setPaused(bool paused)
{
    if (d->driver)
        d->driver->setPaused(paused);
}

void LiveEmulator::step(qint64 ms)
{
    if (d->driver)
        d->driver->step(ms);
}

qint64 LiveEmulator::clock() const
{
    return d->pipeline ? d->pipeline->scheduler().now() : 0;
}

QString LiveEmulator::setFault(const QString &op, const QString &spec)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    try {
        d->pipeline->faults().set(op.toStdString(), FaultRule::parse(spec.toStdString()));
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void LiveEmulator::clearFault(const QString &op)
{
    if (d->pipeline)
        d->pipeline->faults().clear(op.toStdString());
}

QStringList LiveEmulator::faults() const
{
    QStringList out;
    if (d->pipeline)
        for (const auto &[op, rule] : d->pipeline->faults().rules())
            out << q(op) + QStringLiteral(": ") + q(rule.toString());
    return out;
}

QString LiveEmulator::redeliver(int shard)
{
    if (!d->pipeline || !d->driver)
        return QStringLiteral("the emulator is not running");
    Pipeline *p = d->pipeline.get();
    d->driver->post([p, shard] { p->mapping().redeliverLast(shard); });
    return {};
}

QList<QStringList> LiveEmulator::lanes() const
{
    QList<QStringList> out;
    if (!d->pipeline)
        return out;
    for (const auto &l : d->pipeline->mapping().lanes()) {
        out << QStringList{q(d->pipeline->stream().shardId(l.shard)), QString::number(l.lane), QString::number(l.checkpoint),
                           l.inFlight ? QStringLiteral("yes") : QStringLiteral("no"), QString::number(l.batchRecords),
                           QString::number(l.retryCount), l.blocked ? QStringLiteral("blocked") : QString(), q(l.lastError),
                           l.poisonError.empty() ? QString() : q(l.poisonSequence + ": " + l.poisonError)};
    }
    return out;
}

QStringList LiveEmulator::failureList() const
{
    QStringList out;
    if (d->pipeline)
        for (const auto &f : d->pipeline->mapping().failures())
            out << q(f.json);
    return out;
}

QStringList LiveEmulator::warnings() const
{
    QStringList out;
    if (d->pipeline)
        for (const auto &w : d->pipeline->warnings())
            out << q(w);
    return out;
}

QString LiveEmulator::addSubscriber(const QString &name, const QString &topicOrPattern)
{
    if (!d->apps)
        return QStringLiteral("the emulator is not running");
    std::string error;
    if (!d->apps->addSubscriber(name.toStdString(), topicOrPattern.toStdString(), &error))
        return q(error);
    return {};
}

void LiveEmulator::removeSubscriber(const QString &name)
{
    if (d->apps)
        d->apps->removeSubscriber(name.toStdString());
}

QByteArray LiveEmulator::cacheValue(const QString &key) const
{
    if (!d->pipeline)
        return {};
    auto got = d->pipeline->cache().peek("pizza", key.toStdString());
    if (auto *hit = std::get_if<momento::Hit>(&got))
        return QByteArray::fromStdString(*hit->value);
    return {};
}

QList<TraceStep> LiveEmulator::traceOf(quint64 traceId) const
{
    QList<TraceStep> out;
    if (!d->pipeline)
        return out;
    for (const auto &e : d->pipeline->trace().chain(traceId)) {
        TraceStep s;
        s.kind = QString::fromLatin1(TraceEvent::kindName(e.kind));
        s.time = e.time;
        s.durationMs = e.durationMs;
        s.invocationId = e.invocationId;
        s.ok = e.ok;
        s.detail = q(e.detail);
        out << s;
    }
    return out;
}

QList<quint64> LiveEmulator::changesOf(const QString &pk) const
{
    QList<quint64> out;
    if (d->pipeline)
        for (auto id : d->pipeline->trace().changesOf(pk.toStdString()))
            out << id;
    return out;
}

void LiveEmulator::setServicesFactory(ServicesFactory factory)
{
    d->servicesFactory = std::move(factory);
}

void LiveEmulator::setGrpcPort(int port)
{
    d->grpcPort = port;
}

void LiveEmulator::setRemoteClientsSource(const RemoteClientsSource *source)
{
    d->remoteClients = source;
}

bool LiveEmulator::hasRemoteClientsSource() const
{
    return d->remoteClients.load() != nullptr;
}

QList<RemoteClientRow> LiveEmulator::remoteClients() const
{
    const RemoteClientsSource *source = d->remoteClients.load();
    return source ? source->remoteClients() : QList<RemoteClientRow>{};
}

} // namespace orderlab
