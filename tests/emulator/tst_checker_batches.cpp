// The checker judges a handler process's publishes, which carry their invocation but not the
// table change (docs/lambda-runtime.md, "Calls under their invocation"), as it judges core's:
// each is matched to the first change of its batch that expects it.
#include "pipeline/consistency_checker.h"
#include "world/world.h"

#include <QtTest>

using namespace orderlab;

namespace {

/// What a virtual run of `orders` orders published to its bus, and the run's own verdict.
struct Recorded
{
    std::vector<Event> events;
    CheckReport report;
};

void record(World &world, Recorded &out)
{
    auto follow = world.events().subscribe([&out](const Event &e) {
        if (e.as<TableChangedEvent>() || e.as<CacheChangedEvent>() || e.as<InvocationStartedEvent>() ||
            e.as<HandlerCallEvent>())
            out.events.push_back(e);
    });
    world.start();
    while (world.feed().active() && world.pipeline().scheduler().runNext(INT64_MAX)) {
    }
    QVERIFY(world.runUntilDrained(world.pipeline().scheduler().now() + 600000));
    out.report = world.pipeline().check();
    world.stop();
}

/// Feeds `events` to `checker` as a process handler's would arrive: publishes without their trace id.
void replayWithoutTraceIds(ConsistencyChecker &checker, const std::vector<Event> &events)
{
    for (const Event &e : events) {
        if (const auto *t = e.as<TableChangedEvent>(); t && t->change)
            checker.tableChanged(*t->change);
        else if (const auto *c = e.as<CacheChangedEvent>())
            checker.cacheEvent(c->change);
        else if (const auto *i = e.as<InvocationStartedEvent>())
            checker.invocationStarted(i->batch.invocationId, i->batch.traceIds);
        else if (const auto *h = e.as<HandlerCallEvent>(); h && h->op == "publish" && h->result == "ok")
            checker.publishedIn(e.invocationId, h->key, h->value);
    }
}

} // namespace

class TstCheckerBatches : public QObject
{
    Q_OBJECT
  private slots:
    void publishesUnderTheirInvocationSettleAsCoresDo()
    {
        WorldConfig c;
        c.pipeline.seed = 3;
        c.pipeline.mapping.batchSize = 10;
        c.pipeline.mapping.maximumBatchingWindowSeconds = 1; // batches of several records
        c.feed.maxOrders = 12;
        c.feedAtStart = true;
        c.apps = false;
        c.checkEveryMs = 0;
        World world(c);
        Recorded run;
        record(world, run);
        QVERIFY(run.report.notificationsExpected > 12);
        QCOMPARE(run.report.notificationsMissing, std::size_t(0));
        std::size_t several = 0;
        for (const Event &e : run.events)
            if (const auto *i = e.as<InvocationStartedEvent>(); i && i->batch.traceIds.size() > 1)
                ++several;
        QVERIFY2(several > 0, "the run must have batches of several records");

        Pipeline &p = world.pipeline();
        ConsistencyChecker checker(p.table(), p.cache(), p.scheduler());
        replayWithoutTraceIds(checker, run.events);
        const CheckReport r = checker.check();
        QCOMPARE(r.notificationsExpected, run.report.notificationsExpected);
        QCOMPARE(r.notificationsDelivered, run.report.notificationsDelivered);
        QCOMPARE(r.notificationsMissing, std::size_t(0));
        QCOMPARE(r.notificationsDuplicated, std::size_t(0));
        QCOMPARE(r.lostUpdates, run.report.lostUpdates);
        QCOMPARE(r.cacheMismatches, run.report.cacheMismatches);
    }

    void aSecondEqualPublishInTheBatchIsADuplicateAndAStrangerIsNobodys()
    {
        WorldConfig c;
        c.pipeline.seed = 4;
        c.feed.maxOrders = 2;
        c.feedAtStart = true;
        c.apps = false;
        c.checkEveryMs = 0;
        World world(c);
        Recorded run;
        record(world, run);
        Pipeline &p = world.pipeline();
        ConsistencyChecker checker(p.table(), p.cache(), p.scheduler());
        replayWithoutTraceIds(checker, run.events);
        const auto firstPublish = std::find_if(run.events.begin(), run.events.end(), [](const Event &e) {
            const auto *h = e.as<HandlerCallEvent>();
            return h && h->op == "publish";
        });
        QVERIFY(firstPublish != run.events.end());
        const auto *h = firstPublish->as<HandlerCallEvent>();
        checker.publishedIn(firstPublish->invocationId, h->key, h->value);
        checker.publishedIn(firstPublish->invocationId, "new-order", "{\"id\":\"nobody\"}");
        checker.publishedIn(999999, h->key, h->value); // an invocation the checker never saw
        const CheckReport r = checker.check();
        QCOMPARE(r.notificationsDuplicated, std::size_t(1));
        QCOMPARE(r.notificationsMissing, std::size_t(0));
        QCOMPARE(r.notificationsDelivered, run.report.notificationsDelivered);
    }
};

QTEST_GUILESS_MAIN(TstCheckerBatches)
#include "tst_checker_batches.moc"
