#include "live_emulator.h"

#include "live_emulator_impl.h"

#include "events/event_text.h"
#include "handler/order_domain.h"
#include "stream/view_type.h"

namespace orderlab {

namespace {
constexpr int kTickMs = 33; // at most 30 batches a second
} // namespace

LiveEmulator::LiveEmulator(Settings settings, QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    qRegisterMetaType<orderlab::EmulatorBatch>();
    d->settings = std::move(settings);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LiveEmulator::flush);
}

LiveEmulator::~LiveEmulator()
{
    d->finish();
}

const LiveEmulator::Settings &LiveEmulator::settings() const
{
    return d->settings;
}

MappingConfig LiveEmulator::mappingConfig() const
{
    return d->mapping;
}

World *LiveEmulator::world() const
{
    return d->world.get();
}

Pipeline *LiveEmulator::pipeline() const
{
    return d->world ? &d->world->pipeline() : nullptr;
}

QString LiveEmulator::start()
{
    WorldConfig config;
    config.pipeline.seed = d->settings.seed;
    config.pipeline.shards = d->settings.shards;
    const auto view = parseViewType(d->settings.viewType.toStdString());
    if (!view)
        return QStringLiteral("unknown stream view type '%1'").arg(d->settings.viewType);
    config.pipeline.viewType = *view;
    config.pipeline.mapping = d->mapping;
    config.pipeline.streamMaxRecords = d->settings.streamMaxRecords;
    config.pipeline.streamMaxBytes = d->settings.streamMaxBytes;
    config.pipeline.mapping.functionTimeoutMs = d->settings.functionTimeoutMs;
    d->mapping.functionTimeoutMs = d->settings.functionTimeoutMs;
    config.clock = WorldConfig::ClockMode::Real;
    if (d->settings.handler)
        d->settings.speed = 1; // a process's timeouts are wall time (Settings::handler)
    config.speed = d->settings.speed;
    config.feed.writesPerSecond = d->settings.writesPerSecond;
    config.feedAtStart = d->settings.demo;
    return startConfig(std::move(config), d->settings.handler);
}

QString LiveEmulator::startWorld(WorldConfig config, const std::optional<HandlerProcessChoice> &handler)
{
    config.clock = WorldConfig::ClockMode::Real;
    return startConfig(std::move(config), handler);
}

bool LiveEmulator::postToWorld(std::function<void(World &)> fn)
{
    World *world = d->world.get();
    if (!world || !world->driver() || !world->driver()->running())
        return false;
    world->driver()->post([world, fn = std::move(fn)] { fn(*world); });
    return true;
}

void LiveEmulator::attach(std::shared_ptr<void> attachment)
{
    if (d->world)
        d->attachments.push_back(std::move(attachment));
}

QString LiveEmulator::startConfig(WorldConfig config, const std::optional<HandlerProcessChoice> &handler)
{
    // What cannot be hosted leaves the running world as it is.
    WorldHosting hosting;
    if (d->hostingFactory)
        hosting = d->hostingFactory(handler);
    else if (handler)
        hosting.error = "this window cannot run a handler process (no hosting was given to it)";
    if (!hosting.error.empty())
        return q(hosting.error);
    d->stop();
    if (hosting.invoker)
        config.pipeline.invoker = hosting.invoker;
    // The feed waits for `started`: a handler process must know its endpoints before the first write.
    const bool feedAtStart = config.feedAtStart;
    config.feedAtStart = feedAtStart && !hosting.started;
    try {
        d->world = std::make_unique<World>(config);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    {
        QMutexLocker lock(&d->mutex);
        d->pending = EmulatorBatch{};
        d->changedOrders.clear();
        d->status = EmulatorStatus{};
        d->knownWarnings.clear();
        d->verdict = QStringLiteral("in step");
        d->findings.clear();
    }
    d->notifications = 0;
    d->slipsSeen = 0;
    d->sinceSlip.invalidate();
    d->batcher = d->world->events().subscribe([impl = d.get()](const Event &e) { impl->take(e); });
    for (auto &service : hosting.services)
        d->world->addService(std::move(service));
    std::string failure = d->world->start();
    for (const auto &service : d->world->services()) {
        if (service->port() > 0 && service->name() == "momento" && d->grpcPort == 0)
            d->grpcPort = service->port();
        if (service->port() > 0 && service->name() == "dynamodb" && d->dynamodbPort == 0)
            d->dynamodbPort = service->port();
        if (service->remoteClients() && !d->remoteClients)
            d->remoteClients = service->remoteClients();
    }
    if (failure.empty() && hosting.started)
        failure = hosting.started(*d->world);
    if (hosting.started && feedAtStart)
        d->world->feed().start();
    d->handler = !handler ? QStringLiteral("core, in process")
                 : handler->holdClock
                     ? QStringLiteral("process `%1` (the clock waits for each invocation)").arg(q(handler->command))
                     : QStringLiteral("process `%1`").arg(q(handler->command));
    d->realClockProcess = handler && !handler->holdClock;
    {
        QMutexLocker lock(&d->mutex);
        d->current = std::make_shared<bool>(true);
    }
    d->statusLater(d->world->pipeline(), d->current);
    m_tick.start();
    return q(failure);
}

QString LiveEmulator::restart(Settings settings)
{
    d->settings = std::move(settings);
    return start();
}

QString LiveEmulator::submit(const Command &command)
{
    if (!d->world)
        return QStringLiteral("the emulator is not running");
    return q(d->world->apply(command));
}

QString LiveEmulator::setInitialMapping(const MappingConfig &config)
{
    if (d->world)
        return QStringLiteral("the emulator has started: apply the mapping instead");
    const auto errors = config.validate();
    if (!errors.empty())
        return q(errors.front());
    d->mapping = config;
    return {};
}

QString LiveEmulator::applyMapping(const MappingConfig &config)
{
    const auto errors = config.validate();
    if (!errors.empty())
        return q(errors.front());
    d->mapping = config;
    Command c;
    c.kind = Command::Kind::UpdateMapping;
    c.mapping = config;
    return submit(c);
}

void LiveEmulator::flush()
{
    if (!d->world)
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
    RealTimeDriver *driver = d->world->driver();
    s.clock = d->world->pipeline().scheduler().now();
    s.paused = driver && driver->paused();
    s.speed = driver ? driver->speed() : 0;
    s.achievedSpeed = driver ? driver->achievedSpeed() : 0;
    // The clock gave a backlog up (RealTimeDriver::slips): say so once per world, and show it while it goes on.
    if (const std::uint64_t slips = driver ? driver->slips() : 0; slips > d->slipsSeen) {
        if (d->slipsSeen == 0)
            batch.warnings << QStringLiteral("This machine cannot keep up with %1\u00d7 at %2 table writes/s: the "
                                             "emulator runs at the speed it can (about %3\u00d7) and does not pile "
                                             "work up. Lower the speed or the rate to see every event on time.")
                                  .arg(s.speed)
                                  .arg(d->settings.writesPerSecond)
                                  .arg(s.achievedSpeed, 0, 'g', 3);
        d->slipsSeen = slips;
        d->sinceSlip.start();
    }
    s.behind = d->sinceSlip.isValid() && d->sinceSlip.elapsed() < 3000;
    s.notifications = d->notifications;
    s.grpcPort = d->grpcPort;
    s.dynamodbPort = d->dynamodbPort;
    s.handler = d->handler;
    s.handlerProcess = d->realClockProcess;
    s.feeding = d->world->feed().active();
    emit batchReady(batch);
}

// ---- commands ------------------------------------------------------------------------------

namespace {
Command make(Command::Kind kind)
{
    Command c;
    c.kind = kind;
    return c;
}
} // namespace

QString LiveEmulator::newOrder(const QString &creator, const QString &itemsJson)
{
    Command c = make(Command::Kind::NewOrder);
    c.creator = creator.trimmed().toStdString();
    c.items = itemsJson.toStdString();
    return submit(c);
}

QString LiveEmulator::advanceStatus(const QString &pk)
{
    Command c = make(Command::Kind::AdvanceStatus);
    c.pk = pk.toStdString();
    return submit(c);
}

QString LiveEmulator::editItems(const QString &pk, const QString &itemsJson)
{
    Command c = make(Command::Kind::EditItems);
    c.pk = pk.toStdString();
    c.items = itemsJson.toStdString();
    return submit(c);
}

QString LiveEmulator::cancelOrder(const QString &pk)
{
    Command c = make(Command::Kind::CancelOrder);
    c.pk = pk.toStdString();
    return submit(c);
}

QString LiveEmulator::putItemJson(const QString &itemJson)
{
    Command c = make(Command::Kind::PutItem);
    c.item = itemJson.toStdString();
    return submit(c);
}

void LiveEmulator::setFeeding(bool on)
{
    Command c = make(Command::Kind::SetFeeding);
    c.flag = on;
    submit(c);
}

bool LiveEmulator::feeding() const
{
    return d->world && d->world->feed().active();
}

void LiveEmulator::setWritesPerSecond(double rate)
{
    d->settings.writesPerSecond = rate;
    Command c = make(Command::Kind::SetRate);
    c.number = rate;
    submit(c);
}

void LiveEmulator::setSpeed(double speed)
{
    if (d->world && d->realClockProcess && speed != 1)
        return; // a handler process on the real clock runs at 1x (Settings::handler)
    d->settings.speed = speed;
    Command c = make(Command::Kind::SetSpeed);
    c.number = speed;
    submit(c);
}

void LiveEmulator::setPaused(bool paused)
{
    Command c = make(Command::Kind::Pause);
    c.flag = paused;
    submit(c);
}

void LiveEmulator::step(qint64 ms)
{
    Command c = make(Command::Kind::Step);
    c.ms = ms;
    submit(c);
}

qint64 LiveEmulator::clock() const
{
    return d->world ? d->world->pipeline().scheduler().now() : 0;
}

QString LiveEmulator::setFault(const QString &op, const QString &spec)
{
    Command c = make(Command::Kind::SetFault);
    c.op = op.toStdString();
    c.spec = spec.toStdString();
    return submit(c);
}

void LiveEmulator::clearFault(const QString &op)
{
    Command c = make(Command::Kind::ClearFault);
    c.op = op.toStdString();
    submit(c);
}

QStringList LiveEmulator::faults() const
{
    QStringList out;
    if (d->world)
        for (const auto &[op, rule] : d->world->pipeline().faults().rules())
            out << q(op) + QStringLiteral(": ") + q(rule.toString());
    return out;
}

QStringList LiveEmulator::faultDescriptions() const
{
    QStringList out;
    if (d->world)
        for (const auto &[op, rule] : d->world->pipeline().faults().rules())
            out << q(op) + QStringLiteral(": ") + q(rule.describe(op));
    return out;
}

QString LiveEmulator::redeliver(int shard)
{
    Command c = make(Command::Kind::Redeliver);
    c.shard = shard;
    return submit(c);
}

QString LiveEmulator::addSubscriber(const QString &name, const QString &topicOrPattern)
{
    Command c = make(Command::Kind::AddSubscriber);
    c.name = name.toStdString();
    c.topic = topicOrPattern.toStdString();
    return submit(c);
}

void LiveEmulator::removeSubscriber(const QString &name)
{
    Command c = make(Command::Kind::RemoveSubscriber);
    c.name = name.toStdString();
    submit(c);
}

// ---- reads ---------------------------------------------------------------------------------

QList<QStringList> LiveEmulator::lanes() const
{
    QList<QStringList> out;
    if (!d->world)
        return out;
    Pipeline &p = d->world->pipeline();
    for (const auto &l : p.mapping().lanes()) {
        out << QStringList{q(p.stream().shardId(l.shard)),
                           QString::number(l.lane),
                           QString::number(l.checkpoint),
                           l.inFlight ? QStringLiteral("yes") : QStringLiteral("no"),
                           QString::number(l.batchRecords),
                           QString::number(l.retryCount),
                           l.blocked ? QStringLiteral("blocked") : QString(),
                           q(l.lastError),
                           l.poisonError.empty() ? QString() : q(l.poisonSequence + ": " + l.poisonError)};
    }
    return out;
}

QStringList LiveEmulator::failureList() const
{
    QStringList out;
    if (d->world)
        for (const auto &f : d->world->pipeline().mapping().failures())
            out << q(f.json);
    return out;
}

QStringList LiveEmulator::warnings() const
{
    QStringList out;
    if (d->world)
        for (const auto &w : d->world->pipeline().warnings())
            out << q(w);
    return out;
}

QByteArray LiveEmulator::cacheValue(const QString &key) const
{
    if (!d->world)
        return {};
    auto got = d->world->pipeline().cache().peek(kCacheName, key.toStdString());
    if (auto *hit = std::get_if<momento::Hit>(&got))
        return QByteArray::fromStdString(*hit->value);
    return {};
}

QList<TraceStep> LiveEmulator::traceOf(quint64 traceId) const
{
    QList<TraceStep> out;
    if (!d->world)
        return out;
    // The Trace pane's vocabulary; deliveries it finds itself (with the subscribers' rows).
    const Trace &trace = d->world->pipeline().trace();
    const auto events = trace.chain(traceId);
    const std::size_t omitted = trace.omitted(traceId);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        if (omitted > 0 && i == Trace::kHeadKept) {
            TraceStep gap;
            gap.kind = QStringLiteral("not kept");
            gap.time = e.time;
            gap.ok = false;
            gap.detail = QStringLiteral("%1 event(s) of this change between these were not kept: the trace keeps the "
                                        "first %2 and the latest %3 of each change")
                             .arg(omitted)
                             .arg(Trace::kHeadKept)
                             .arg(Trace::kMaxEventsPerChain - Trace::kHeadKept);
            out << gap;
        }
        TraceStep s;
        s.time = e.time;
        s.invocationId = e.invocationId;
        s.detail = q(describeEvent(e));
        if (e.as<TableChangedEvent>()) {
            s.kind = QStringLiteral("table write");
        } else if (e.as<RecordAppendedEvent>()) {
            s.kind = QStringLiteral("stream record");
        } else if (e.as<InvocationStartedEvent>()) {
            s.kind = QStringLiteral("invocation started");
        } else if (const auto *f = e.as<InvocationFinishedEvent>()) {
            s.kind = QStringLiteral("invocation finished");
            s.durationMs = f->durationMs;
            s.ok = f->outcome == "success";
        } else if (const auto *call = e.as<HandlerCallEvent>()) {
            s.durationMs = call->latencyMs;
            s.ok = call->result == "ok" || call->result == "hit" || call->result == "miss";
            s.kind = call->op == "publish" ? QStringLiteral("publish") : QStringLiteral("cache call");
            if (call->op == "publish")
                s.detail = QStringLiteral("publish %1 %2").arg(q(call->key), q(call->value));
        } else if (e.as<RecordsDiscardedEvent>()) {
            s.kind = QStringLiteral("discarded");
            s.ok = false;
        } else {
            continue;
        }
        out << s;
    }
    return out;
}

QList<quint64> LiveEmulator::changesOf(const QString &pk) const
{
    QList<quint64> out;
    if (d->world)
        for (auto id : d->world->pipeline().trace().changesOf(pk.toStdString()))
            out << id;
    return out;
}

void LiveEmulator::setHostingFactory(WorldHostingFactory factory)
{
    d->hostingFactory = std::move(factory);
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
