// Memory is bounded by configuration, not by uptime (docs/memory-bounds.md): the stream's caps and
// trimming, the mapping on trimmed records, the checker forgetting what it settled, the trace's window,
// the feed's bound on live orders.
#ifndef Q_MOC_RUN
#include "apps/subscriber_apps.h"
#include "generator/lifecycle_generator.h"
#include "pipeline/pipeline.h"
#include "pipeline/trace.h"
#include "world/world.h"
#endif

#include "store_test_support.h"

#include <QtTest>

using namespace orderlab;

namespace {

TableChange insertOf(int n, TimeMs time)
{
    TableChange c;
    c.kind = TableChange::Kind::Insert;
    c.pk = "ord-" + std::to_string(n);
    c.newImage = dynamodb::AttributeMap{{"pk", dynamodb::AttributeValue::string(c.pk)},
                                        {"status", dynamodb::AttributeValue::string("SUBMITTED")}};
    c.time = time;
    c.traceId = static_cast<std::uint64_t>(n);
    return c;
}

/// Writes `n` generated changes to the pipeline's table.
void feed(Pipeline &p, int n, std::size_t maxLiveOrders = 0)
{
    LifecycleGenerator::Options o;
    o.seed = p.config().seed;
    o.records = n;
    o.startTimeMs = p.scheduler().now();
    o.maxLiveOrders = maxLiveOrders;
    LifecycleGenerator g(o);
    while (g.hasNext())
        p.apply(g.next());
}

struct Sizes
{
    std::size_t table, stream, trace, traceOrders;
    ConsistencyChecker::Sizes checker;
};

Sizes sizesOf(Pipeline &p)
{
    return {p.table().size(), p.stream().size(), p.trace().size(), p.trace().ordersKept(), p.checker().sizes()};
}

void print(const char *when, const Sizes &s)
{
    qInfo("%s: table %zu items, stream %zu records, trace %zu chains (%zu orders), checker %zu expected, "
          "%zu orders, %zu keys, %zu creators",
          when, s.table, s.stream, s.trace, s.traceOrders, s.checker.expected, s.checker.orders, s.checker.keys,
          s.checker.creators);
}

} // namespace

class TstMemoryBounds : public QObject
{
    Q_OBJECT
  private slots:
    void streamKeepsAtMostItsRecordCap()
    {
        Scheduler s(kDefaultStartTime);
        EventBus bus(s);
        std::size_t trimmedEvents = 0, trimmedRecords = 0;
        auto sub = bus.subscribe([&](const Event &e) {
            if (const auto *t = e.as<RecordsTrimmedEvent>()) {
                ++trimmedEvents;
                trimmedRecords += t->records;
            }
        });
        Stream::Options o;
        o.maxRecords = 64;
        Stream stream(s, o, &bus);
        for (int i = 1; i <= 640; ++i)
            stream.append(insertOf(i, s.now()));
        QVERIFY(stream.size() <= 64);
        QVERIFY(stream.size() >= 60); // trimmed to 15/16 of the cap, then filled again
        QCOMPARE(trimmedRecords, 640 - stream.size());
        QVERIFY(trimmedEvents < 640 / 4); // trims come in runs, not one event per append
        QCOMPARE(stream.appended(0), std::uint64_t(640));
        const auto kept = stream.read(0, 0, SIZE_MAX);
        QCOMPARE(kept.front()->position, std::uint64_t(640 - stream.size() + 1));
        QCOMPARE(kept.back()->position, std::uint64_t(640));
    }

    void streamKeepsAtMostItsByteCap()
    {
        Scheduler s(kDefaultStartTime);
        Stream::Options o;
        o.maxBytes = 20000;
        o.shards = 2; // each shard its half
        Stream stream(s, o);
        for (int i = 1; i <= 1000; ++i)
            stream.append(insertOf(i, s.now()));
        QVERIFY(stream.bytes() <= 20000);
        QVERIFY(stream.bytes() > 15000);
        QVERIFY(stream.size() < 1000);
    }

    void readerOnATrimmedRecordGetsTrimmedDataAccess()
    {
        Scheduler s(kDefaultStartTime);
        Stream::Options o;
        o.maxRecords = 16;
        Stream stream(s, o);
        stream.append(insertOf(1, s.now()));
        const std::uint64_t first = stream.read(0, 0, 1).front()->ordinal;
        QCOMPARE(stream.readFrom(0, first, 10).size(), std::size_t(0)); // nothing trimmed yet
        for (int i = 2; i <= 100; ++i)
            stream.append(insertOf(i, s.now()));
        bool thrown = false;
        try {
            stream.readFrom(0, first, 10);
        } catch (const TrimmedDataAccessException &e) {
            thrown = true;
            QVERIFY(QByteArray(e.what()).startsWith("TrimmedDataAccessException"));
            QCOMPARE(e.trimmedThrough, stream.trimHorizon(0));
            QCOMPARE(e.trimmedPosition, std::uint64_t(100 - stream.size()));
            // Reading on from the exception's position gives the oldest record kept.
            const auto next = stream.readFrom(0, e.trimmedThrough, 1);
            QCOMPARE(next.front()->ordinal, stream.oldest(0));
        }
        QVERIFY(thrown);
        // The retention trim makes the same horizon.
        s.runUntil(s.now() + 25LL * 3600 * 1000);
        stream.trim();
        QCOMPARE(stream.size(), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(TrimmedDataAccessException, stream.readFrom(0, first, 10));
    }

    void mappingLosesTrimmedRecordsAndGoesOnAtTheOldest()
    {
        PipelineConfig c;
        c.streamMaxRecords = 50;
        c.callLatencyMs = 1;
        Pipeline p(c);
        std::vector<std::string> warnings;
        std::size_t trimmed = 0;
        auto sub = p.events().subscribe([&](const Event &e) {
            if (const auto *w = e.as<WarningEvent>())
                warnings.push_back(w->text);
            if (const auto *t = e.as<RecordsTrimmedEvent>())
                trimmed += t->records;
        });
        p.start();
        p.mapping().setEnabled(false);
        feed(p, 500);
        const std::size_t kept = p.stream().size();
        QCOMPARE(trimmed, 500 - kept);
        p.mapping().setEnabled(true);
        QVERIFY(p.runUntilDrained(p.scheduler().now() + 600000));
        const auto stats = p.mapping().stats();
        QCOMPARE(stats.recordsLost, std::uint64_t(500 - kept));
        QCOMPARE(stats.recordsProcessed, std::uint64_t(kept));
        QVERIFY(std::any_of(warnings.begin(), warnings.end(), [](const std::string &w) {
            return w.find("TrimmedDataAccessException") != std::string::npos;
        }));
    }

    void failureListKeepsTheMostRecent()
    {
        PipelineConfig c;
        c.callLatencyMs = 1;
        c.mapping.maximumRetryAttempts = 0;
        c.mapping.batchSize = 1;
        c.faults.emplace_back("handler", FaultRule::parse("1"));
        Pipeline p(c);
        p.start();
        feed(p, 1500);
        QVERIFY(p.runUntilDrained(p.scheduler().now() + 3600000));
        QCOMPARE(p.mapping().stats().recordsDiscarded, std::uint64_t(1500));
        const auto failures = p.mapping().failures();
        QVERIFY(failures.size() <= EventSourceMapping::kMaxFailuresKept);
        QVERIFY(failures.size() >= EventSourceMapping::kMaxFailuresKept * 9 / 10);
        // The newest discards are the ones kept.
        QCOMPARE(failures.back().records.back()->sequenceNumber,
                 p.stream().read(0, 0, SIZE_MAX).back()->sequenceNumber);
    }

    void generatorKeepsAtMostItsLiveOrders()
    {
        LifecycleGenerator::Options o;
        o.records = 20000;
        o.maxLiveOrders = 25;
        LifecycleGenerator g(o);
        std::size_t most = 0;
        int removes = 0;
        while (g.hasNext()) {
            removes += g.next().kind == OrderChange::Remove;
            most = std::max(most, g.liveOrders());
        }
        QCOMPARE(most, std::size_t(25));
        QVERIFY(removes > 20000 / 5);
        // Without a bound the same seed keeps growing.
        o.maxLiveOrders = 0;
        LifecycleGenerator unbounded(o);
        unbounded.next(20000);
        QVERIFY(unbounded.liveOrders() > 1000);
    }

    // The apps subscribed to three topics per new order and let go only on `order-canceled`: every order whose
    // cancel never came (a record trimmed from a backlog, a lost publish) kept them for ever, which is what a one
    // hour soak at 200 writes/s still grew by.
    void appsFollowAtMostTheirLimitOfTopics()
    {
        testing::TestClock clock;
        EventBus bus(clock);
        TopicHub hub(clock, {}, &bus);
        SubscriberApps apps(hub, bus, kCacheName, 30);
        apps.start();
        QCOMPARE(apps.subscriptionCount(), std::size_t(2)); // new-order, order-canceled
        for (int i = 0; i < 100; ++i)
            QVERIFY(
                !hub.publish(kCacheName, "new-order", TopicValue::text("{\"id\":\"ord-" + std::to_string(i) + "\"}")));
        QCOMPARE(apps.subscriptionCount(), std::size_t(2 + 30));
        QCOMPARE(hub.subscribers().size(), std::size_t(2 + 30));
        // The newest orders are still followed, the oldest are not.
        const std::size_t before = apps.delivered("Order app");
        QVERIFY(!hub.publish(kCacheName, "ord-99-status-updated", TopicValue::text("{}")));
        QCOMPARE(apps.delivered("Order app"), before + 1);
        QVERIFY(!hub.publish(kCacheName, "ord-0-status-updated", TopicValue::text("{}")));
        QCOMPARE(apps.delivered("Order app"), before + 1);
        // A cancel still lets go at once.
        QVERIFY(!hub.publish(kCacheName, "order-canceled", TopicValue::text("{\"id\":\"ord-99\"}")));
        QCOMPARE(apps.subscriptionCount(), std::size_t(2 + 30 - 3));
    }

    void checkerIgnoresKeysOfNoOrder()
    {
        Scheduler s(kDefaultStartTime);
        OrdersTable table(s, nullptr);
        CacheStore cache(s, {kCacheName});
        ConsistencyChecker checker(table, cache, s);
        for (int i = 0; i < 1000; ++i) {
            CacheEvent e;
            e.cache = kCacheName;
            e.kind = CacheEvent::Kind::Set;
            e.key = "client-key-" + std::to_string(i);
            e.timeMs = s.now();
            e.expiresAtMs = s.now() + 1000;
            checker.cacheEvent(e);
        }
        QCOMPARE(checker.sizes().keys, std::size_t(0));
    }

    void cacheKeepsWithinItsByteCapAndEvictionsAreNoLoss()
    {
        // 50 writes/s for a minute with a 4 KB cache: the handler's keys are evicted all the time;
        // the cache never holds more than the cap, and the checker counts evictions, not losses.
        WorldConfig w;
        w.pipeline.timing = TimingProfile::instant();
        w.pipeline.cacheMaxBytes = 4096;
        w.feed.writesPerSecond = 50;
        w.feed.maxLiveOrders = 40;
        w.feedAtStart = true;
        w.apps = false;
        w.checkEveryMs = 0;
        World world(w);
        world.start();
        Pipeline &p = world.pipeline();
        std::size_t most = 0;
        for (int s = 1; s <= 60; ++s) {
            p.scheduler().runUntil(p.scheduler().now() + 1000);
            most = std::max(most, p.cache().totalBytes());
        }
        world.feed().stop();
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 600000));
        QVERIFY2(most <= 4096 + 2048, std::to_string(most).c_str()); // one item may exceed what is left
        QVERIFY(p.cache().counters().evicted > 100);
        const CheckReport report = p.check();
        QVERIFY(report.evictedKeys > 0);
        QCOMPARE(report.cacheMismatches, std::size_t(0));
        world.stop();
    }

    void traceKeepsTheHeadAndTailOfARecordRetriedWithoutEnd()
    {
        // A record whose batch fails forever gets two invocation events per attempt: its chain keeps
        // the change, the first attempts and the latest ones, and counts what it left out.
        Trace trace(10);
        Event write;
        write.traceId = 7;
        write.payload = TableChangedEvent{std::make_shared<const TableChange>(insertOf(7, 0))};
        trace.add(write);
        for (int attempt = 1; attempt <= 500; ++attempt) {
            Event started;
            started.time = attempt;
            started.payload = InvocationStartedEvent{BatchInfo{std::uint64_t(attempt), 0, 0, attempt, false, {}, {7}}};
            trace.add(started);
        }
        const auto chain = trace.chain(7);
        QCOMPARE(chain.size(), Trace::kMaxEventsPerChain);
        QCOMPARE(trace.omitted(7), std::size_t(501) - Trace::kMaxEventsPerChain);
        QVERIFY(chain.front().as<TableChangedEvent>());
        QCOMPARE(chain[Trace::kHeadKept - 1].as<InvocationStartedEvent>()->batch.attempt, int(Trace::kHeadKept - 1));
        QCOMPARE(chain[Trace::kHeadKept].as<InvocationStartedEvent>()->batch.attempt,
                 int(500 - (Trace::kMaxEventsPerChain - Trace::kHeadKept) + 1));
        QCOMPARE(chain.back().as<InvocationStartedEvent>()->batch.attempt, 500);
        QCOMPARE(trace.events(), Trace::kMaxEventsPerChain);
        QCOMPARE(trace.changesOf("ord-7"), std::vector<std::uint64_t>{7});
    }

    void traceKeepsAtMostItsEventsOnAverageForgettingTheOldestChains()
    {
        // Ten chains of 64 events would be 640; the trace keeps 10 * kEventsPerTrace, the newest chains.
        Trace trace(10);
        for (int n = 1; n <= 10; ++n) {
            Event write;
            write.traceId = std::uint64_t(n);
            write.payload = TableChangedEvent{std::make_shared<const TableChange>(insertOf(n, n))};
            trace.add(write);
            for (int attempt = 1; attempt < 64; ++attempt) {
                InvocationFinishedEvent f;
                f.batch = BatchInfo{1, 0, 0, attempt, false, {}, {std::uint64_t(n)}};
                Event finished;
                finished.payload = std::move(f);
                trace.add(finished);
            }
            QVERIFY(trace.events() <= 10 * Trace::kEventsPerTrace);
        }
        QCOMPARE(trace.chain(10).size(), std::size_t(64)); // the newest is never forgotten
        QVERIFY(trace.chain(1).empty());
        QCOMPARE(trace.size(), std::size_t(1)); // 120 events hold one full chain and part of none other
        QVERIFY(trace.changesOf("ord-1").empty());
        QCOMPARE(trace.ordersKept(), std::size_t(1));
    }

    void worldStaysBoundedAndInStep()
    {
        // 100 writes/s of emulator time for 2 minutes, with small bounds: every structure levels off
        // (the second half of the run adds nothing), and the verdicts do not change.
        WorldConfig w;
        w.pipeline.timing = TimingProfile::instant(); // the handler keeps up
        w.pipeline.streamMaxRecords = 2000;
        w.pipeline.traceLimit = 500;
        w.pipeline.checker.forgetAfterMs = 10000;
        w.feed.writesPerSecond = 100;
        w.feed.maxLiveOrders = 40;
        w.feedAtStart = true;
        w.apps = false;
        w.checkEveryMs = 0;
        World world(w);
        world.start();
        Pipeline &p = world.pipeline();
        const TimeMs t0 = p.scheduler().now();
        p.scheduler().runUntil(t0 + 60000);
        const Sizes half = sizesOf(p);
        print("after 60 s", half);
        p.scheduler().runUntil(t0 + 120000);
        world.feed().stop();
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 600000));
        const Sizes end = sizesOf(p);
        print("after 120 s", end);
        QVERIFY(world.feed().written() > 11000);
        QVERIFY(end.table <= 40);
        QVERIFY(end.stream <= 2000);
        QVERIFY(end.trace <= 500);
        QVERIFY(p.trace().events() <= 500 * Trace::kEventsPerTrace);
        QVERIFY(end.traceOrders <= 500);
        // What the checker holds is what 10 s of writes imply, not what 2 minutes did.
        const std::size_t window = 100 * 11;
        QVERIFY2(end.checker.expected <= window, std::to_string(end.checker.expected).c_str());
        QVERIFY2(end.checker.orders <= 40 + window, std::to_string(end.checker.orders).c_str());
        QVERIFY(end.checker.keys <= 2 * end.checker.orders + end.checker.creators + 1);
        QVERIFY(end.checker.expected <= half.checker.expected * 3 / 2 + 100);
        QVERIFY(end.checker.orders <= half.checker.orders * 3 / 2 + 100);
        const CheckReport report = p.check();
        QCOMPARE(report.verdict(), std::string("in step"));
        QVERIFY(report.notificationsExpected > 11000 * 9 / 10); // the forgotten ones still count
        QCOMPARE(report.notificationsDelivered, report.notificationsExpected);
        world.stop();
    }
};

QTEST_GUILESS_MAIN(TstMemoryBounds)
#include "tst_memory_bounds.moc"
