// A whole world whose mapping invokes a handler process: records flow table → stream → mapping →
// process, a failing handler is retried by the mapping's rules, and nothing is lost.
#include "invoker_harness.h"
#include "world/world.h"

#include <QtTest>

#include <future>

using namespace orderlab;
using namespace orderlab::lambda;
using namespace orderlab::lambda::test;

namespace {

struct Run
{
    std::unique_ptr<World> world;
    ProcessInvoker *invoker = nullptr;
};

Run realWorld(const FunctionConfig &function, MappingConfig mapping)
{
    WorldConfig c;
    c.clock = WorldConfig::ClockMode::Real;
    c.speed = 1;
    c.apps = false;
    c.checkEveryMs = 0;
    c.pipeline.seed = 7;
    c.pipeline.startTime = wallNowMs();
    c.pipeline.mapping = std::move(mapping);
    Run run;
    c.pipeline.invoker = [&run, function](const InvokerContext &context) {
        auto made = std::make_unique<ProcessInvoker>(context.scheduler, function);
        run.invoker = made.get();
        return made;
    };
    run.world = std::make_unique<World>(c);
    return run;
}

EventSourceMapping::Stats statsOf(World &world)
{
    std::promise<EventSourceMapping::Stats> p;
    auto f = p.get_future();
    world.driver()->post([&] { p.set_value(world.pipeline().mapping().stats()); });
    return f.get();
}

void newOrders(World &world, int n)
{
    for (int i = 0; i < n; ++i) {
        Command c;
        c.kind = Command::Kind::NewOrder;
        c.creator = "ann";
        c.items = "[]";
        QCOMPARE(world.apply(c), std::string());
    }
}

} // namespace

class TstLambdaWorld : public QObject
{
    Q_OBJECT
  private slots:
    void recordsReachTheProcessAndAThrowIsRetried()
    {
        QTemporaryDir dir;
        MappingConfig m;
        m.functionTimeoutMs = 5000;
        Run run = realWorld(fakeFunction("throw-once", dir.path().toStdString()), m);
        QCOMPARE(run.world->start(), std::string());
        newOrders(*run.world, 3);
        QTRY_COMPARE_WITH_TIMEOUT(statsOf(*run.world).recordsProcessed, std::uint64_t(3), 60000);
        const auto s = statsOf(*run.world);
        QVERIFY(s.failures >= 1);
        QVERIFY(s.retries >= 1);
        QCOMPARE(s.recordsDiscarded, std::uint64_t(0));
        QCOMPARE(s.recordsLost, std::uint64_t(0));
        QVERIFY(run.invoker);
        QCOMPARE(run.invoker->stats().coldStarts, std::uint64_t(1)); // the throw kept the environment
        run.world->stop();
    }

    void aBatchItemFailureRetriesOnlyFromThatRecord()
    {
        QTemporaryDir dir;
        MappingConfig m;
        m.reportBatchItemFailures = true;
        Run run = realWorld(fakeFunction("fail-once", dir.path().toStdString()), m);
        QCOMPARE(run.world->start(), std::string());
        newOrders(*run.world, 2);
        QTRY_COMPARE_WITH_TIMEOUT(statsOf(*run.world).recordsProcessed, std::uint64_t(2), 60000);
        const auto s = statsOf(*run.world);
        QVERIFY(s.partialFailures >= 1);
        QCOMPARE(s.recordsDiscarded, std::uint64_t(0));
        run.world->stop();
    }

    void aCrashAndATimeoutReplaceTheEnvironmentAndLoseNothing()
    {
        for (const char *mode : {"crash-once", "hang-once"}) {
            QTemporaryDir dir;
            MappingConfig m;
            m.functionTimeoutMs = 800;
            Run run = realWorld(fakeFunction(mode, dir.path().toStdString()), m);
            QCOMPARE(run.world->start(), std::string());
            newOrders(*run.world, 4);
            QTRY_COMPARE_WITH_TIMEOUT(statsOf(*run.world).recordsProcessed, std::uint64_t(4), 60000);
            const auto s = statsOf(*run.world);
            QVERIFY2(s.failures >= 1, mode);
            QCOMPARE(s.recordsDiscarded, std::uint64_t(0));
            QCOMPARE(s.recordsLost, std::uint64_t(0));
            QCOMPARE(run.invoker->stats().coldStarts, std::uint64_t(2));
            QCOMPARE(run.invoker->stats().replaced, std::uint64_t(1));
            run.world->stop();
        }
    }

    void retriesEndWhereTheMappingSays()
    {
        QTemporaryDir dir;
        MappingConfig m;
        m.maximumRetryAttempts = 1;
        Run run = realWorld(fakeFunction("throw", dir.path().toStdString()), m);
        QCOMPARE(run.world->start(), std::string());
        newOrders(*run.world, 1);
        QTRY_COMPARE_WITH_TIMEOUT(statsOf(*run.world).recordsDiscarded, std::uint64_t(1), 60000);
        const auto s = statsOf(*run.world);
        QCOMPARE(s.invocations, std::uint64_t(2)); // the first try and one retry
        QCOMPARE(s.recordsProcessed, std::uint64_t(0));
        run.world->stop();
    }
};

QTEST_GUILESS_MAIN(TstLambdaWorld)
#include "tst_lambda_world.moc"
