// Scenarios and state files (docs/scenarios.md, "Starting from a state"; docs/state-files.md): `state:` gives the
// world, a `world:` block beside it only max-time; the writer keeps `state:`; snapshotScenario stops at --at.
#include "scenario_loader.h"
#include "scenario_runner.h"
#include "scenario_snapshot.h"
#include "scenario_writer.h"
#include "state/state_reader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlab;
using namespace orderlab::scenario;

namespace {
const char *kFirst = "world: {timing: instant, seed: 5, caches: [pizza, side]}\n"
                     "subscribers: {watcher: \"*-status-updated\"}\n"
                     "steps:\n"
                     "  - at: 100ms\n    new-order: {pk: o-1, creator: a, items: []}\n"
                     "  - at: 1s\n    advance-status: o-1\n"
                     "  - wait: 10s\n";

std::string snapshotOf(const char *yaml, std::optional<TimeMs> at)
{
    const Scenario s = parseScenario(yaml, "first/scenario.yaml", "first");
    const ScenarioSnapshot snap = snapshotScenario(s, at);
    if (!snap.error.empty())
        throw std::runtime_error(snap.error);
    return snap.state;
}

void write(const QString &path, const std::string &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
}
} // namespace

class TstScenarioState : public QObject
{
    Q_OBJECT
  private slots:
    void snapshotAtStopsBeforeTheStepsDueLater()
    {
        const state::WorldState at = state::readState(snapshotOf(kFirst, 500), "s.json");
        QCOMPARE(at.time, kDefaultStartTime + 500);
        QCOMPARE(at.tables.front().items.size(), std::size_t(1));
        QCOMPARE(at.seed, std::uint64_t(5));
        // The wait of 10 s that would end past --at is not run; the clock still goes to --at.
        const state::WorldState mid = state::readState(snapshotOf(kFirst, 4000), "s.json");
        QCOMPARE(mid.time, kDefaultStartTime + 4000);
        const state::WorldState end = state::readState(snapshotOf(kFirst, std::nullopt), "s.json");
        QVERIFY(end.time >= kDefaultStartTime + 11000);
        QCOMPARE(end.subscribers.subscribers.size(), std::size_t(1));
    }

    void aScenarioFromAStateRunsOnItsWorld()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("state.json")), snapshotOf(kFirst, 2000));
        const std::string yaml = "state: state.json\n"
                                 "steps:\n"
                                 "  - after: 1s\n    advance-status: o-1\n"
                                 "  - wait: {until: drained}\n"
                                 "  - expect:\n"
                                 "      cache: [{key: o-1, contains: {status: BAKING}}]\n"
                                 "      notifications: [{subscriber: watcher, exactly: [o-1-status-updated]}]\n";
        const Scenario s = parseScenario(yaml, "s/scenario.yaml", dir.path().toStdString());
        QVERIFY(s.world.state);
        QCOMPARE(s.world.pipeline.caches, (std::vector<std::string>{"pizza", "side"}));
        ScenarioRunner first(s);
        QVERIFY2(first.run(), first.error().c_str());
        QVERIFY(first.expectationsPassed());
        ScenarioRunner second(s);
        QVERIFY(second.run());
        QCOMPARE(second.outcome(), first.outcome());
        // The writer keeps `state:` and nothing of the world but what the scenario itself gives.
        const std::string written = writeScenario(s);
        QVERIFY2(written.starts_with("state: state.json\nsteps:"), written.c_str());
        const Scenario again = parseScenario(written, "s/scenario.yaml", dir.path().toStdString());
        QCOMPARE(again.stateFile, std::string("state.json"));
    }

    void stateRefusesAWorldBlockBeyondMaxTime()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("state.json")), snapshotOf(kFirst, 2000));
        try {
            parseScenario("state: state.json\nworld: {seed: 2}\nsteps: []\n", "s/scenario.yaml",
                          dir.path().toStdString());
            QFAIL("a world block with a seed was taken beside a state");
        } catch (const ScenarioError &e) {
            QVERIFY2(std::string(e.what()).find("s/scenario.yaml:2:9: unknown field 'seed' in world (the state "
                                                "gives the rest) (it takes max-time, handler)") != std::string::npos,
                     e.what());
        }
        const Scenario s = parseScenario("state: state.json\nworld: {max-time: 1m}\nsteps: []\n", "s/scenario.yaml",
                                         dir.path().toStdString());
        QCOMPARE(s.maxTimeMs, TimeMs(60000));
        try {
            parseScenario("state: none.json\nsteps: []\n", "s/scenario.yaml", dir.path().toStdString());
            QFAIL("a missing state file was taken");
        } catch (const ScenarioError &e) {
            QVERIFY2(std::string(e.what()).find("s/scenario.yaml:1:8: state: ") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("none.json: cannot read it") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstScenarioState)
#include "tst_scenario_state.moc"
