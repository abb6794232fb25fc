// State files and worlds (docs/state-files.md): a world saved, loaded into a new world and saved again gives the
// same bytes; a world continued from a state ends where the uninterrupted one does (the exact case); a state that
// does not fit builds no world.
#include "state/state_capture.h"
#include "state/state_reader.h"
#include "state/state_restore.h"
#include "state/state_writer.h"
#include "state_test_world.h"

#include <QtTest>

#include <future>

using namespace orderlab;

namespace {

std::string save(World &world)
{
    return state::writeState(state::captureState(world));
}

/// A world started from `text`, over the configuration `base` (clock mode, bounds).
std::unique_ptr<World> load(const std::string &text, WorldConfig base = WorldConfig())
{
    auto s = std::make_shared<state::WorldState>(state::readState(text, "state.json"));
    state::applyStateConfig(*s, base);
    base.state = s;
    auto world = std::make_unique<World>(base);
    world->start();
    return world;
}

Command order(const std::string &pk)
{
    Command c;
    c.kind = Command::Kind::NewOrder;
    c.pk = pk;
    c.creator = "cat";
    c.items = R"([{"name":"diavola","size":"M","price":11}])";
    return c;
}

Command withPk(Command::Kind kind, const std::string &pk)
{
    Command c;
    c.kind = kind;
    c.pk = pk;
    return c;
}

/// The same commands at the same emulator times, then the clock to `end`.
void continueRun(World &world, TimeMs from, TimeMs end)
{
    Scheduler &clock = world.pipeline().scheduler();
    clock.runUntil(from + 500);
    test::applyOrThrow(world, order("ord-9"));
    clock.runUntil(from + 1500);
    test::applyOrThrow(world, withPk(Command::Kind::AdvanceStatus, "ord-9"));
    test::applyOrThrow(world, withPk(Command::Kind::AdvanceStatus, "ord-1"));
    clock.runUntil(from + 2500);
    test::applyOrThrow(world, withPk(Command::Kind::CancelOrder, "ord-4"));
    clock.runUntil(end);
}

} // namespace

class TstStateWorld : public QObject
{
    Q_OBJECT
  private slots:
    void saveLoadSaveGivesTheSameBytes()
    {
        World first(test::stateTestConfig());
        first.start();
        test::populate(first, true);
        const std::string saved = save(first);
        QVERIFY(saved.starts_with("{\n    \"orderlab-state\": 1,\n"));
        QVERIFY(saved.find("\"ord-3\"") != std::string::npos);
        QVERIFY(saved.find("\"valueBase64\"") != std::string::npos); // the binary key of cache `extra`
        auto second = load(saved);
        const std::string again = save(*second);
        QCOMPARE(again, saved);
    }

    void theLoadedWorldHoldsWhatWasSaved()
    {
        World first(test::stateTestConfig());
        first.start();
        test::populate(first, true);
        auto second = load(save(first));
        Pipeline &a = first.pipeline(), &b = second->pipeline();
        QCOMPARE(b.scheduler().now(), a.scheduler().now());
        QCOMPARE(b.table().size(), a.table().size());
        QCOMPARE(b.table().lastTraceId(), a.table().lastTraceId());
        QCOMPARE(b.stream().size(), a.stream().size());
        QCOMPARE(b.stream().arn(), a.stream().arn());
        QCOMPARE(b.cache().keys("pizza").size(), a.cache().keys("pizza").size());
        QCOMPARE(b.cache().listCaches(), a.cache().listCaches());
        QCOMPARE(second->apps()->subscribers(), first.apps()->subscribers());
        QCOMPARE(b.faults().rules().size(), std::size_t(1));
        QCOMPARE(b.config().shards, 2);
        // The record written at the snapshot's instant is still to be processed, and is, once.
        QVERIFY(!b.mapping().drained());
        QVERIFY(second->runUntilDrained(b.scheduler().now() + 60000));
        QCOMPARE(b.mapping().stats().recordsProcessed, std::uint64_t(1));
    }

    void aContinuedWorldEndsWhereTheUninterruptedOneDoes()
    {
        // The exact case (docs/state-files.md, "What continues exactly"): instant timing, no probabilistic
        // fault, taken while drained, at a whole second of the run.
        World uninterrupted(test::stateTestConfig());
        uninterrupted.start();
        test::populate(uninterrupted);
        Command clear;
        clear.kind = Command::Kind::ClearFault;
        clear.op = "cache.get";
        test::applyOrThrow(uninterrupted, clear);
        const TimeMs at = uninterrupted.pipeline().scheduler().now();
        QVERIFY(uninterrupted.pipeline().mapping().drained());
        auto continued = load(save(uninterrupted));

        continueRun(uninterrupted, at, at + 8000);
        continueRun(*continued, at, at + 8000);
        QCOMPARE(save(*continued), save(uninterrupted));
        QVERIFY(continued->pipeline().check().inStep());
    }

    // A user subscriber on two plain topics is saved with both, and hears both after the restore.
    void aSubscriberOnTwoTopicsKeepsBoth()
    {
        World first(test::stateTestConfig());
        first.start();
        for (const char *topic : {"ord-1-updated", "ord-2-updated"}) {
            Command add;
            add.kind = Command::Kind::AddSubscriber;
            add.name = "pair";
            add.topic = topic;
            test::applyOrThrow(first, add);
        }
        const auto named = state::captureState(first).subscribers.subscribers;
        const std::vector<std::pair<std::string, std::string>> expected{{"pair", "ord-1-updated"},
                                                                        {"pair", "ord-2-updated"}};
        QCOMPARE(named, expected);
        auto second = load(save(first));
        QCOMPARE(second->apps()->saved().subscribers, expected);
        for (const char *topic : {"ord-1-updated", "ord-2-updated"})
            second->pipeline().topics().publish("pizza", topic, TopicValue::text("{}"));
        QCOMPARE(second->apps()->delivered("pair"), std::size_t(2));
    }

    void aStateThatDoesNotFitBuildsNoWorld()
    {
        World first(test::stateTestConfig());
        first.start();
        test::populate(first);
        auto s = std::make_shared<state::WorldState>(state::readState(save(first), "state.json"));
        WorldConfig wrong; // one shard, where the state has two: the stream cannot take it
        wrong.state = s;
        try {
            World w(wrong);
            QFAIL("a world was built from a state that does not fit");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(std::string(e.what()).find("shards") != std::string::npos, e.what());
        }
    }

    void aWorldOnTheRealClockSavesOnItsEmulatorThread()
    {
        WorldConfig config = test::stateTestConfig();
        config.clock = WorldConfig::ClockMode::Real;
        config.startPaused = true;
        World world(config);
        world.start();
        test::applyOrThrow(world, order("ord-1"));
        std::promise<std::string> done;
        world.driver()->post([&] { done.set_value(save(world)); });
        const std::string saved = done.get_future().get();
        world.stop();
        QVERIFY(saved.find("\"ord-1\"") != std::string::npos);
        auto loaded = load(saved);
        QVERIFY(loaded->pipeline().table().get("ord-1").has_value());
    }
};

QTEST_GUILESS_MAIN(TstStateWorld)
#include "tst_state_world.moc"
