// World: one configuration builds a running world; commands are the one way in and replay exactly;
// the mapping changes in place.
#include "events/event_text.h"
#include "world/world.h"

#include <QJsonDocument>
#include <QtTest>

using namespace orderlab;

namespace {
WorldConfig virtualWorld(int shards = 1)
{
    WorldConfig c;
    c.pipeline.shards = shards;
    c.pipeline.seed = 42;
    return c;
}

Command command(Command::Kind kind)
{
    Command c;
    c.kind = kind;
    return c;
}

/// Every event of a world, in bus order.
struct Recorder
{
    std::vector<Event> events;
    EventBus::Subscription sub;
    explicit Recorder(World &w) : sub(w.events().subscribe([this](const Event &e) { events.push_back(e); })) {}
};

/// Runs `world` to `time`, then applies `c`.
std::string at(World &world, TimeMs time, Command c)
{
    world.pipeline().scheduler().runUntil(time);
    return world.apply(std::move(c));
}
} // namespace

class TstWorld : public QObject
{
    Q_OBJECT
  private slots:
    void aRecordedSessionReplaysToTheSameEventStream()
    {
        World first(virtualWorld(2));
        Recorder rec(first);
        first.start();
        const TimeMs t0 = first.pipeline().scheduler().now();
        Command order = command(Command::Kind::NewOrder);
        order.creator = "ann";
        order.items = R"([{"name":"margherita","size":"L","price":12.5}])";
        QCOMPARE(at(first, t0 + 100, order), std::string());
        Command sub = command(Command::Kind::AddSubscriber);
        sub.name = "watcher";
        sub.topic = "*-status-updated";
        QCOMPARE(at(first, t0 + 150, sub), std::string());
        Command fault = command(Command::Kind::SetFault);
        fault.op = "cache.set";
        fault.spec = "0.3";
        QCOMPARE(at(first, t0 + 200, fault), std::string());
        order.creator = "bob";
        QCOMPARE(at(first, t0 + 300, order), std::string());
        const std::string pk = first.pipeline().table().scan().front().front().second.text();
        Command advance = command(Command::Kind::AdvanceStatus);
        advance.pk = pk;
        QCOMPARE(at(first, t0 + 1500, advance), std::string());
        Command clear = command(Command::Kind::ClearFault);
        clear.op = "cache.set";
        QCOMPARE(at(first, t0 + 1600, clear), std::string());
        Command mapping = command(Command::Kind::UpdateMapping);
        mapping.mapping.batchSize = 7;
        mapping.mapping.parallelizationFactor = 2;
        QCOMPARE(at(first, t0 + 2000, mapping), std::string());
        Command bad = command(Command::Kind::AdvanceStatus);
        bad.pk = "no-such-order";
        QCOMPARE(at(first, t0 + 2100, bad), std::string("no order no-such-order"));
        first.pipeline().scheduler().runUntil(t0 + 20000);

        // The recording: each command as applied (with the pk it chose), at its time.
        std::vector<std::pair<TimeMs, std::string>> script;
        for (const auto &e : rec.events)
            if (const auto *c = e.as<CommandAppliedEvent>())
                script.emplace_back(e.time, c->commandJson);
        QCOMPARE(script.size(), std::size_t(8));
        QVERIFY(QByteArray::fromStdString(script[0].second).contains("\"pk\":\"ord-"));

        World second(virtualWorld(2));
        Recorder again(second);
        second.start();
        for (const auto &[time, json] : script) {
            std::string error;
            const auto c = Command::fromJson(json, &error);
            QVERIFY2(c, error.c_str());
            at(second, time, *c);
        }
        second.pipeline().scheduler().runUntil(t0 + 20000);

        QVERIFY(rec.events.size() > 50);
        QCOMPARE(again.events.size(), rec.events.size());
        for (std::size_t i = 0; i < rec.events.size(); ++i) {
            if (!(again.events[i] == rec.events[i]))
                QFAIL(qPrintable(QStringLiteral("event %1 differs:\n%2\n%3")
                                     .arg(i)
                                     .arg(QString::fromUtf8(QJsonDocument(eventJson(rec.events[i])).toJson()))
                                     .arg(QString::fromUtf8(QJsonDocument(eventJson(again.events[i])).toJson()))));
        }
    }

    void anyItemCanBePutUpdatedAndDeleted()
    {
        World world(virtualWorld());
        Recorder rec(world);
        world.start();
        Command put = command(Command::Kind::PutItem);
        put.item = R"({"pk":{"S":"x-1"},"status":{"S":"SUBMITTED"},"note":{"S":"hi"}})";
        QCOMPARE(world.apply(put), std::string());
        Command update = command(Command::Kind::UpdateItem);
        update.pk = "x-1";
        update.item = R"({"status":{"S":"BAKING"},"count":{"N":"2"}})";
        update.names = {"note"};
        QCOMPARE(world.apply(update), std::string());
        const auto item = world.pipeline().table().get("x-1");
        QVERIFY(item);
        QCOMPARE(dynamodb::itemJson(*item),
                 std::string(R"({"pk":{"S":"x-1"},"status":{"S":"BAKING"},"count":{"N":"2"}})"));
        // The recorded form reads back to the same command.
        const auto *applied = rec.events.back().as<CommandAppliedEvent>();
        QVERIFY(applied);
        std::string error;
        const auto again = Command::fromJson(applied->commandJson, &error);
        QVERIFY2(again, error.c_str());
        QCOMPARE(again->toJson(), applied->commandJson);
        QCOMPARE(again->names, update.names);
        update.pk = "";
        QVERIFY(!world.apply(update).empty()); // DynamoDB's validation error, nothing written
        Command remove = command(Command::Kind::DeleteItem);
        remove.pk = "x-1";
        QCOMPARE(world.apply(remove), std::string());
        QVERIFY(!world.pipeline().table().get("x-1"));
    }

    void theInvokerIsChosenByTheConfiguration()
    {
        struct Echo final : Invoker
        {
            int calls = 0;
            Task<InvocationResult> invoke(const InvocationRequest &request) override
            {
                ++calls;
                InvocationResult r = InvocationResult::returned("{}");
                r.warnings.push_back("echo saw " + std::to_string(request.records.size()) + " record(s)");
                co_return r;
            }
        };
        Echo *echo = nullptr;
        WorldConfig config = virtualWorld();
        config.pipeline.invoker = [&echo](const InvokerContext &) {
            auto made = std::make_unique<Echo>();
            echo = made.get();
            return made;
        };
        World world(config);
        Recorder rec(world);
        world.start();
        Command c = command(Command::Kind::NewOrder);
        c.creator = "ann";
        c.items = "[]";
        world.apply(c);
        QVERIFY(world.runUntilDrained(world.pipeline().scheduler().now() + 60000));
        QVERIFY(echo);
        QCOMPARE(echo->calls, 1);
        QVERIFY(world.pipeline().cache().keys(kCacheName).empty()); // core never ran
        bool warned = false;
        for (const auto &e : rec.events)
            if (const auto *w = e.as<WarningEvent>())
                warned = warned || w->text == "echo saw 1 record(s)";
        QVERIFY(warned);
    }

    void aBadCommandIsRefusedWithItsReasonAndRecorded()
    {
        std::string error;
        QVERIFY(!Command::fromJson("{\"command\":\"fly\"}", &error));
        QCOMPARE(error, std::string("unknown command 'fly'"));
        QVERIFY(!Command::fromJson("[1]", &error));
        QVERIFY(!Command::fromJson("{\"command\":\"update-mapping\",\"mapping\":{\"BatchSize\":\"x\"}}", &error));
        QCOMPARE(error, std::string("mapping field BatchSize must be a whole number"));

        World world(virtualWorld());
        Recorder rec(world);
        world.start();
        Command c = command(Command::Kind::SetFault);
        c.op = "cache.nothing";
        c.spec = "0.5";
        const std::string why = world.apply(c);
        QVERIFY(!why.empty());
        const auto *applied = rec.events.back().as<CommandAppliedEvent>();
        QVERIFY(applied);
        QCOMPARE(applied->error, why);
    }

    void aMappingChangeKeepsTheCheckpoint()
    {
        World world(virtualWorld());
        world.start();
        Pipeline &p = world.pipeline();
        for (int i = 0; i < 30; ++i) {
            Command c = command(Command::Kind::NewOrder);
            c.creator = "c" + std::to_string(i % 3);
            c.items = "[]";
            QCOMPARE(world.apply(c), std::string());
        }
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 60000));
        const auto before = p.mapping().lanes();
        QCOMPARE(before.size(), std::size_t(1));
        QVERIFY(before[0].checkpoint > 0);
        const auto delivered = p.mapping().stats().recordsDelivered;

        Command change = command(Command::Kind::UpdateMapping);
        change.mapping.batchSize = 3;
        QCOMPARE(world.apply(change), std::string());
        QCOMPARE(p.mapping().lanes()[0].checkpoint, before[0].checkpoint);
        QCOMPARE(p.mapping().config().batchSize, 3);
        QCOMPARE(p.mapping().stats().recordsDelivered, delivered); // nothing read again

        // A new factor: new lanes start after what the old lanes finished; nothing twice.
        change.mapping.parallelizationFactor = 3;
        QCOMPARE(world.apply(change), std::string());
        QVERIFY(!p.mapping().updating()); // the lanes were idle: applied at once
        QCOMPARE(p.mapping().lanes().size(), std::size_t(3));
        for (int i = 0; i < 12; ++i) {
            Command c = command(Command::Kind::NewOrder);
            c.creator = "late";
            c.items = "[]";
            world.apply(c);
        }
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 60000));
        // (Three lanes now race on the shared arrays, as on AWS: the checker may see lost updates.)
        const auto stats = p.mapping().stats();
        QCOMPARE(stats.recordsDelivered, delivered + 12);
        QCOMPARE(stats.recordsProcessed, delivered + 12);
        QCOMPARE(stats.retries, std::uint64_t(0));

        Command invalid = command(Command::Kind::UpdateMapping);
        invalid.mapping.batchSize = 0;
        QVERIFY(!world.apply(invalid).empty());
        QCOMPARE(p.mapping().config().batchSize, 3); // unchanged
    }

    void aFactorChangeWaitsForBatchesInFlight()
    {
        WorldConfig config = virtualWorld();
        config.pipeline.faults.emplace_back("handler", FaultRule::parse("next:2"));
        World world(config);
        world.start();
        Pipeline &p = world.pipeline();
        Command c = command(Command::Kind::NewOrder);
        c.creator = "ann";
        c.items = "[]";
        world.apply(c);
        p.scheduler().runUntil(p.scheduler().now() + 300); // the first attempt failed: a batch waits for its retry
        QVERIFY(p.mapping().lanes()[0].batchRecords > 0);
        Command change = command(Command::Kind::UpdateMapping);
        change.mapping.parallelizationFactor = 2;
        world.apply(change);
        QVERIFY(p.mapping().updating());
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 60000));
        p.scheduler().runUntil(p.scheduler().now() + 1000);
        QVERIFY(!p.mapping().updating());
        QCOMPARE(p.mapping().lanes().size(), std::size_t(2));
        QCOMPARE(p.mapping().stats().recordsProcessed, std::uint64_t(1));
    }

    void theVerdictIsAnEvent()
    {
        WorldConfig config = virtualWorld();
        config.checkEveryMs = 500;
        World world(config);
        Recorder rec(world);
        world.start();
        Pipeline &p = world.pipeline();
        // An order whose cache entry is overwritten behind the handler's back: the checker names it.
        Command c = command(Command::Kind::NewOrder);
        c.creator = "ann";
        c.items = "[]";
        world.apply(c);
        QVERIFY(world.runUntilDrained(p.scheduler().now() + 60000));
        const std::string pk = p.table().scan().front().front().second.text();
        p.cache().set("pizza", pk, momento::makeValue("{\"id\":\"wrong\"}"), 60000);
        p.scheduler().runUntil(p.scheduler().now() + 2000);
        const VerdictChangedEvent *verdict = nullptr;
        for (const auto &e : rec.events)
            if (const auto *v = e.as<VerdictChangedEvent>())
                verdict = v;
        QVERIFY(verdict);
        QVERIFY(!verdict->inStep);
        QCOMPARE(world.verdict(), verdict->verdict);
    }
};

QTEST_GUILESS_MAIN(TstWorld)
#include "tst_world.moc"
