// The emulator as the app drives it: the pipeline on its own thread, batched changes, user actions.
#include "live/live_emulator.h"
#include "mapping/mapping_config.h"
#ifndef Q_MOC_RUN
#include "dynamodb/marshall.h"
#include "mapping_harness.h"
#include "pipeline/pipeline.h"
#include "pipeline/trace.h"
#include "world/world.h"
#endif

#include <QSignalSpy>

#include <QtTest>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace orderlab;

namespace {
/// Collects every batch; `until` flushes and waits until `pred` holds on what arrived.
struct Collector
{
    explicit Collector(LiveEmulator &e) : emulator(e)
    {
        QObject::connect(&e, &LiveEmulator::batchReady, [this](const EmulatorBatch &b) { batches << b; });
    }
    template <typename Pred> bool until(Pred pred, int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            emulator.flush();
            if (pred())
                return true;
            QTest::qWait(20);
        }
        return false;
    }
    bool sawNotification(const QString &subscriber, const QString &topic) const
    {
        for (const auto &b : batches)
            for (const auto &n : b.notifications)
                if (n.subscriber == subscriber && n.topic == topic)
                    return true;
        return false;
    }
    bool sawCacheKey(const QString &key, CacheRow::Change change) const
    {
        for (const auto &b : batches)
            for (const auto &c : b.cache)
                if (c.key == key && c.change == change)
                    return true;
        return false;
    }
    QString lastOrderPk() const
    {
        for (auto b = batches.rbegin(); b != batches.rend(); ++b)
            for (const auto &o : b->orders)
                if (!o.deleted)
                    return o.pk;
        return {};
    }
    LiveEmulator &emulator;
    QList<EmulatorBatch> batches;
};

LiveEmulator::Settings quiet()
{
    LiveEmulator::Settings s;
    s.demo = false;
    s.speed = 20; // 20 emulator seconds per second
    return s;
}
/// A handler process as the mapping settings' Function group gives it.
HandlerProcessChoice processChoice(const char *command, const char *directory, const char *handler, int memoryMb)
{
    HandlerProcessChoice c;
    c.command = command;
    c.directory = directory;
    c.handler = handler;
    c.memoryMb = memoryMb;
    return c;
}

} // namespace

class TstLiveEmulator : public QObject
{
    Q_OBJECT
  private slots:
    void anOrderGoesThroughThePipeline()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        Collector c(e);
        QCOMPARE(e.newOrder(QStringLiteral("alice"),
                            QStringLiteral("[{\"name\":\"margherita\",\"size\":\"L\",\"price\":12.5}]")),
                 QString());
        QVERIFY(c.until([&] { return c.sawNotification(QStringLiteral("Admin app"), QStringLiteral("new-order")); }));
        const QString pk = c.lastOrderPk();
        QVERIFY(pk.startsWith(QStringLiteral("ord-")));
        QVERIFY(c.sawCacheKey(pk, CacheRow::Change::Set));
        QVERIFY(c.sawCacheKey(QStringLiteral("ADMIN-") + pk, CacheRow::Change::Set));
        QVERIFY(c.sawCacheKey(QStringLiteral("all-orders"), CacheRow::Change::Set));
        QVERIFY(e.cacheValue(pk).contains("\"status\":\"SUBMITTED\""));
        // The notification is delivered during the invocation: its end may come in a later batch.
        bool record = false, invocation = false;
        QVERIFY(c.until([&] {
            for (const auto &b : c.batches) {
                for (const auto &r : b.records)
                    record = record || (r.pk == pk && r.eventName == QStringLiteral("INSERT"));
                for (const auto &i : b.invocations)
                    invocation = invocation || (i.finished && i.outcome == QStringLiteral("success"));
            }
            return record && invocation;
        }));

        // Status changes reach the Order app; edits only the Admin app.
        QCOMPARE(e.advanceStatus(pk), QString());
        QVERIFY(c.until(
            [&] { return c.sawNotification(QStringLiteral("Order app"), pk + QStringLiteral("-status-updated")); }));
        QCOMPARE(e.editItems(pk, QStringLiteral("[{\"name\":\"diavola\",\"size\":\"M\",\"price\":11}]")), QString());
        QVERIFY(
            c.until([&] { return c.sawNotification(QStringLiteral("Admin app"), pk + QStringLiteral("-updated")); }));
        QVERIFY(!c.sawNotification(QStringLiteral("Order app"), pk + QStringLiteral("-updated")));
        QCOMPARE(e.cancelOrder(pk), QString());
        QVERIFY(
            c.until([&] { return c.sawNotification(QStringLiteral("Admin app"), QStringLiteral("order-canceled")); }));
        QVERIFY(c.sawCacheKey(pk, CacheRow::Change::Deleted));
        // The trace of its first change is complete.
        const auto changes = e.changesOf(pk);
        QCOMPARE(changes.size(), 4);
        QStringList kinds;
        for (const auto &s : e.traceOf(changes.first()))
            kinds << s.kind;
        for (const char *k :
             {"table write", "stream record", "invocation started", "cache call", "publish", "invocation finished"})
            QVERIFY2(kinds.contains(QString::fromLatin1(k)), k);
    }

    void badInputIsAMessage()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        QVERIFY(e.newOrder(QString(), QStringLiteral("[]")).contains(QStringLiteral("creator")));
        QVERIFY(e.newOrder(QStringLiteral("bob"), QStringLiteral("{oops")).contains(QStringLiteral("JSON.parse")));
        QVERIFY(e.newOrder(QStringLiteral("bob"), QStringLiteral("{}"))
                    .contains(QStringLiteral("items must be a JSON array")));
        QVERIFY(e.advanceStatus(QStringLiteral("nope")).contains(QStringLiteral("no order")));
        QVERIFY(e.putItemJson(QStringLiteral("{\"status\":{\"S\":\"x\"}}"))
                    .contains(QStringLiteral("ValidationException")));
        QVERIFY(e.setFault(QStringLiteral("cache.fly"), QStringLiteral("0.1"))
                    .contains(QStringLiteral("unknown operation")));
        QVERIFY(e.setFault(QStringLiteral("cache.set"), QStringLiteral("2")).contains(QStringLiteral("probability")));
        MappingConfig bad;
        bad.batchSize = 0;
        QVERIFY(e.applyMapping(bad).contains(QStringLiteral("BatchSize")));
    }

    void aCacheFaultIsRetriedToTheRightCache()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        Collector c(e);
        QCOMPARE(e.setFault(QStringLiteral("cache.set"), QStringLiteral("next:1")), QString());
        QCOMPARE(e.newOrder(QStringLiteral("carol"), QStringLiteral("[]")), QString());
        QVERIFY(c.until([&] { return c.sawNotification(QStringLiteral("Admin app"), QStringLiteral("new-order")); }));
        bool failed = false, retried = false;
        for (const auto &b : c.batches)
            for (const auto &i : b.invocations) {
                failed = failed || (i.finished && i.outcome.startsWith(QStringLiteral("partial failure")));
                retried = retried || i.attempt > 1;
            }
        QVERIFY(failed);
        QVERIFY(retried);
        QVERIFY(c.until([&] { return c.batches.last().status.verdict == QStringLiteral("in step"); }));
    }

    void aChangeRetriedWithoutEndSaysWhatItsTraceLeftOut()
    {
        LiveEmulator::Settings settings = quiet();
        settings.speed = 0; // as fast as possible: the retries come one after another
        LiveEmulator e(settings);
        QCOMPARE(e.start(), QString());
        Collector c(e);
        QCOMPARE(e.setFault(QStringLiteral("handler"), QStringLiteral("1")), QString());
        QCOMPARE(e.newOrder(QStringLiteral("dave"), QStringLiteral("[]")), QString());
        QVERIFY(c.until([&] {
            for (const auto &b : c.batches)
                for (const auto &i : b.invocations)
                    if (i.attempt > int(Trace::kMaxEventsPerChain))
                        return true;
            return false;
        }));
        const QString pk = c.lastOrderPk();
        const auto changes = e.changesOf(pk);
        QVERIFY(!changes.isEmpty());
        const QList<TraceStep> steps = e.traceOf(changes.first());
        QCOMPARE(steps.first().kind, QStringLiteral("table write"));
        int gaps = 0;
        for (const auto &s : steps)
            if (s.kind == QStringLiteral("not kept")) {
                ++gaps;
                QVERIFY2(s.detail.contains(QStringLiteral("were not kept")), qPrintable(s.detail));
            }
        QCOMPARE(gaps, 1);
        QCOMPARE(steps.size(), qsizetype(Trace::kMaxEventsPerChain + 1));
        e.clearFault(QStringLiteral("handler"));
    }

    void applyingAMappingKeepsTheWorldAndItsCheckpoints()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        World *world = e.world();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(e.newOrder(QStringLiteral("ann"), QStringLiteral("[]")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(e.pipeline()->mapping().stats().recordsProcessed == 5, 10000);
        const auto checkpoint = e.pipeline()->mapping().lanes().front().checkpoint;
        QVERIFY(checkpoint > 0);
        MappingConfig c = e.mappingConfig();
        c.batchSize = 2;
        QCOMPARE(e.applyMapping(c), QString());
        QTRY_COMPARE_WITH_TIMEOUT(e.pipeline()->mapping().config().batchSize, 2,
                                  10000); // posted to the emulator thread
        QCOMPARE(e.world(), world);       // no restart
        QCOMPARE(e.pipeline()->mapping().lanes().front().checkpoint, checkpoint);
        QCOMPARE(e.pipeline()->mapping().stats().recordsDelivered, std::uint64_t(5));
        c.batchSize = 0;
        QVERIFY(!e.applyMapping(c).isEmpty());
    }

    void remoteClientsAndPortComeFromTheHostedServices()
    {
        struct FakeSource : RemoteClientsSource
        {
            QList<RemoteClientRow> remoteClients() const override
            {
                RemoteClientRow row;
                row.peer = QStringLiteral("ipv4:127.0.0.1:5000");
                row.topic = QStringLiteral("new-order");
                return {row};
            }
        };
        struct FakeService : WorldService
        {
            FakeSource source;
            bool running = false;
            std::string name() const override { return "momento"; }
            bool start(World &, std::string *) override { return running = true; }
            void stop() override { running = false; }
            int port() const override { return running ? 4242 : 0; }
            const RemoteClientsSource *remoteClients() const override { return running ? &source : nullptr; }
        };
        LiveEmulator e(quiet());
        QVERIFY(!e.hasRemoteClientsSource());
        QVERIFY(e.remoteClients().isEmpty());
        int made = 0;
        e.setHostingFactory([&made](const std::optional<HandlerProcessChoice> &handler) {
            ++made;
            WorldHosting hosting;
            if (!handler)
                hosting.services.push_back(std::make_unique<FakeService>());
            return hosting;
        });
        QCOMPARE(e.start(), QString());
        QCOMPARE(made, 1);
        QVERIFY(e.hasRemoteClientsSource());
        QCOMPARE(e.remoteClients().size(), 1);
        QCOMPARE(e.remoteClients().first().topic, QStringLiteral("new-order"));
        QSignalSpy spy(&e, &LiveEmulator::batchReady);
        e.flush();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().value<EmulatorBatch>().status.grpcPort, 4242);
        QCOMPARE(e.restart(quiet()), QString()); // a new world gets new services
        QCOMPARE(made, 2);
        QVERIFY(e.hasRemoteClientsSource());
    }

    // Issue 10: the window runs a handler process through what app hosts for it (WorldHosting).
    void aHandlerProcessComesFromTheHostingAndRunsAtOneX()
    {
        LiveEmulator::Settings s = quiet();
        s.demo = true;
        s.handler = processChoice("npx aws-lambda-ric index.handler", "/tmp", "index.handler", 256);
        s.functionTimeoutMs = 7000;
        LiveEmulator e(s);
        std::optional<HandlerProcessChoice> asked;
        int invocations = 0;
        bool feedingWhenStarted = true;
        e.setHostingFactory([&](const std::optional<HandlerProcessChoice> &handler) {
            asked = handler;
            WorldHosting hosting;
            hosting.invoker = [&invocations](const InvokerContext &context) {
                auto invoker = std::make_unique<testing::ScriptedInvoker>(context.scheduler);
                invoker->respond = [&invocations](const InvocationRequest &) {
                    ++invocations;
                    InvocationResult r = InvocationResult::returned("{}");
                    r.log = {"START RequestId: r1 Version: $LATEST", "hello from the handler", "END RequestId: r1",
                             "REPORT RequestId: r1\tDuration: 1.00 ms"};
                    return r;
                };
                return invoker;
            };
            hosting.started = [&feedingWhenStarted](World &world) {
                feedingWhenStarted = world.feed().active();
                return std::string();
            };
            return hosting;
        });
        QCOMPARE(e.start(), QString());
        QVERIFY(asked.has_value());
        QCOMPARE(*asked, *s.handler);
        QVERIFY(!feedingWhenStarted);      // the handler learns its endpoints before the first write
        QCOMPARE(e.settings().speed, 1.0); // a process's timeouts are wall time
        QCOMPARE(e.pipeline()->config().mapping.functionTimeoutMs, 7000);
        e.setSpeed(5);
        QCOMPARE(e.settings().speed, 1.0);
        Collector c(e);
        QVERIFY(c.until([&] {
            for (const auto &b : c.batches)
                for (const auto &i : b.invocations)
                    if (i.finished && i.log.contains(QStringLiteral("hello from the handler")))
                        return true;
            return false;
        }));
        QVERIFY(invocations > 0);
        const EmulatorStatus &status = c.batches.last().status;
        QVERIFY(status.handlerProcess);
        QCOMPARE(status.handler, QStringLiteral("process `npx aws-lambda-ric index.handler`"));
        e.setFeeding(false);
    }

    void aHostingThatCannotHostStartsNothingAndSaysWhy()
    {
        LiveEmulator::Settings s = quiet();
        s.handler = processChoice("./bootstrap", "/tmp", "index.handler", 128);
        LiveEmulator e(s);
        e.setHostingFactory([](const std::optional<HandlerProcessChoice> &) {
            WorldHosting hosting;
            hosting.error = "a handler process needs the local CA for Momento's TLS port: no folder";
            return hosting;
        });
        QCOMPARE(e.start(), QStringLiteral("a handler process needs the local CA for Momento's TLS port: no folder"));
        QVERIFY(!e.world());
        // Without any hosting, a handler process cannot run: said, not ignored.
        LiveEmulator bare(s);
        QVERIFY(bare.start().contains(QStringLiteral("cannot run a handler process")));
        QVERIFY(!bare.world());
        // A running world stays running when the next one cannot be hosted (a scenario's handler, say).
        LiveEmulator running(quiet());
        running.setHostingFactory([](const std::optional<HandlerProcessChoice> &handler) {
            WorldHosting hosting;
            if (handler)
                hosting.error = "env: refused";
            return hosting;
        });
        QCOMPARE(running.start(), QString());
        World *before = running.world();
        QCOMPARE(running.startWorld(WorldConfig{}, processChoice("./bootstrap", "/tmp", "index.handler", 128)),
                 QStringLiteral("env: refused"));
        QCOMPARE(running.world(), before);
        QVERIFY(running.world()->driver()->running());
    }

    // The Tables view: every table, its items a page at a time, writes as commands.
    void tablesAreListedPagedAndWritten()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        QCOMPARE(e.tables().size(), 1);
        QCOMPARE(e.tables().first().name, QStringLiteral("orders"));
        QVERIFY(e.tables().first().pipeline);
        QCOMPARE(e.tables().first().keySchema, QStringLiteral("pk (S)"));
        QCOMPARE(e.tables().first().stream, QStringLiteral("NEW_AND_OLD_IMAGES"));
        dynamodb::KeySchema schema;
        schema.hash = {"id", dynamodb::KeyType::S};
        schema.range = dynamodb::KeyAttribute{"n", dynamodb::KeyType::N};
        e.world()->pipeline().tables().create("things", schema, StreamSpecification{}, TableSettings{});
        for (int i = 0; i < 5; ++i)
            QCOMPARE(e.putTableItem(QStringLiteral("things"),
                                    QStringLiteral(R"({"id":{"S":"a"},"n":{"N":"%1"},"v":{"S":"x"}})").arg(i)),
                     QString());
        QTRY_COMPARE(e.tables().size(), 2);
        QTRY_COMPARE(e.tables().last().items, qint64(5));
        QCOMPARE(e.tables().last().keySchema, QStringLiteral("id (S), n (N)"));
        QCOMPARE(e.tables().last().stream, QString());
        const TablePage first = e.tableItems(QStringLiteral("things"), {}, 2);
        QCOMPARE(first.itemsJson.size(), 2);
        QVERIFY(first.more);
        QCOMPARE(first.keysJson.first(), QStringLiteral(R"({"id":{"S":"a"},"n":{"N":"0"}})"));
        const TablePage second = e.tableItems(QStringLiteral("things"), first.keysJson.last(), 10);
        QCOMPARE(second.itemsJson.size(), 3);
        QVERIFY(!second.more);
        QCOMPARE(e.deleteTableItem(QStringLiteral("things"), second.keysJson.first()), QString());
        QTRY_COMPARE(e.tables().last().items, qint64(4));
        // Bad input is a message naming what was wrong, and nothing changes.
        QCOMPARE(e.putTableItem(QStringLiteral("nothing"), QStringLiteral(R"({"id":{"S":"a"}})")),
                 QStringLiteral("no table named 'nothing'"));
        QVERIFY(!e.putTableItem(QStringLiteral("things"), QStringLiteral(R"({"id":{"S":"a"}})")).isEmpty());
        QCOMPARE(e.tableItems(QStringLiteral("nothing"), {}, 10).error, QStringLiteral("no table named 'nothing'"));
        QVERIFY(!e.tableItems(QStringLiteral("things"), QStringLiteral("{not json"), 10).error.isEmpty());
        QCOMPARE(e.tables().last().items, qint64(4));
        // The orders table's items are deleted by their pk, as the Orders pane does it.
        QCOMPARE(e.newOrder(QStringLiteral("ann"), QStringLiteral(R"([{"name":"margherita"}])")), QString());
        QTRY_COMPARE(e.tables().first().items, qint64(1));
        const TablePage orders = e.tableItems(QStringLiteral("orders"), {}, 10);
        QCOMPARE(e.deleteTableItem(QStringLiteral("orders"), orders.keysJson.first()), QString());
        QTRY_COMPARE(e.tables().first().items, qint64(0));
    }

    // Issue 13: the stream trimmed records under its cap and the window was told nothing.
    void trimsReachTheWindowWithWhatTheyDropped()
    {
        LiveEmulator::Settings s = quiet();
        s.streamMaxRecords = 16;
        LiveEmulator e(s);
        Collector c(e);
        QCOMPARE(e.start(), QString());
        for (int i = 0; i < 30; ++i)
            QCOMPARE(e.newOrder(QStringLiteral("trim-%1").arg(i), QStringLiteral("[{\"name\":\"funghi\"}]")),
                     QString());
        QVERIFY(c.until([&] {
            for (const auto &b : c.batches)
                if (!b.trims.isEmpty())
                    return true;
            return false;
        }));
        quint64 newest = 0;
        for (const auto &b : c.batches)
            for (const auto &r : b.records)
                newest = qMax(newest, r.position);
        for (const auto &b : c.batches)
            for (const auto &t : b.trims) {
                QCOMPARE(t.shard, 0);
                QVERIFY(!t.byAge);
                QVERIFY(t.records > 0);
                QVERIFY(t.throughPosition >= quint64(t.records) && t.throughPosition < newest);
            }
        QVERIFY(e.pipeline()->stream().size() <= 16);
        // Without the option, the window keeps serve's defaults.
        QCOMPARE(LiveEmulator::Settings().streamMaxRecords, PipelineConfig::kDefaultStreamMaxRecords);
        QCOMPARE(LiveEmulator::Settings().streamMaxBytes, PipelineConfig::kDefaultStreamMaxBytes);
    }

    void demoFeedsOrdersAndBatchesAreBounded()
    {
        LiveEmulator::Settings s;
        s.speed = 50;
        s.writesPerSecond = 20;
        LiveEmulator e(s);
        QCOMPARE(e.start(), QString());
        QSignalSpy spy(&e, &LiveEmulator::batchReady);
        QVERIFY(spy.wait(2000));
        QTRY_VERIFY_WITH_TIMEOUT(e.pipeline()->table().size() > 5, 10000);
        QVERIFY(e.feeding());
        const int before = spy.count();
        QTest::qWait(500);
        QVERIFY(spy.count() - before <= 17); // at most 30 a second, plus timer slack
    }

    // Issue 12, item 8: Restart joined the emulator thread on the GUI thread; a world busy for minutes froze the
    // window for minutes. Here the old world's thread is held inside an event until the test lets it go: a
    // restart that waited for it would not return until the watchdog (10 s) released it.
    void restartNeverWaitsForTheOldWorld()
    {
        LiveEmulator e(quiet());
        QCOMPARE(e.start(), QString());
        std::mutex m;
        std::condition_variable cv;
        bool entered = false, released = false, watchdogFired = false;
        e.pipeline()->scheduler().after(0, [&] {
            std::unique_lock lock(m);
            entered = true;
            cv.notify_all();
            cv.wait(lock, [&] { return released; });
        });
        {
            std::unique_lock lock(m);
            QVERIFY(cv.wait_for(lock, std::chrono::seconds(10), [&] { return entered; }));
        }
        std::thread watchdog([&] {
            std::unique_lock lock(m);
            if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return released; })) {
                watchdogFired = true;
                released = true;
                cv.notify_all();
            }
        });
        const World *old = e.world();
        const QString error = e.restart(quiet());
        {
            std::lock_guard lock(m);
            QVERIFY2(!watchdogFired, "restart waited for the old world's thread");
            released = true;
        }
        cv.notify_all();
        watchdog.join();
        QCOMPARE(error, QString());
        QVERIFY(e.world() && e.world() != old);
        // The new world works.
        Collector c(e);
        QCOMPARE(e.newOrder(QStringLiteral("after-restart"), QStringLiteral("[]")), QString());
        QVERIFY(c.until([&] { return e.pipeline()->table().size() == 1; }));
    }
};

QTEST_MAIN(TstLiveEmulator)
#include "tst_live_emulator.moc"
