// A session recorded from a world's commands (docs/scenarios.md, "In the window"): saved, it replays
// with checkScenario to PASS, and a second save is byte-identical.
#include "expectation_capture.h"
#include "scenario_loader.h"
#include "scenario_save.h"
#include "session_recording.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlab;
using namespace orderlab::scenario;

namespace {
QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Command command(Command::Kind kind)
{
    Command c;
    c.kind = kind;
    return c;
}
} // namespace

class TstSessionRecording : public QObject
{
    Q_OBJECT
  private slots:
    void aRecordedSessionReplaysToPass()
    {
        WorldConfig config;
        config.pipeline.seed = 7;
        World world(config);
        const TimeMs start = world.pipeline().scheduler().now();
        SessionRecording recording(world, start);
        world.start();
        Scheduler &clock = world.pipeline().scheduler();

        clock.runUntil(start + 300);
        Command order = command(Command::Kind::NewOrder);
        order.creator = "ann";
        order.items = R"([{"name":"margherita","size":"L","price":12.5}])";
        QCOMPARE(world.apply(order), std::string());
        clock.runUntil(start + 2000);
        // The pk the world chose is in the recording (the applied command carries it).
        const std::string pk = recording.scenario({}, {}).steps.front().command.pk;
        QVERIFY(!pk.empty());
        Command advance = command(Command::Kind::AdvanceStatus);
        advance.pk = pk;
        QCOMPARE(world.apply(advance), std::string());
        Command fault = command(Command::Kind::SetFault);
        fault.op = "cache.set";
        fault.spec = "p=0.5";
        QCOMPARE(world.apply(fault), std::string());
        clock.runUntil(start + 3000);
        Command step = command(Command::Kind::Step); // how the clock was driven: not recorded
        step.ms = 500;
        QCOMPARE(world.apply(step), std::string());
        QCOMPARE(world.apply(advance), std::string());
        Command clear = command(Command::Kind::ClearFault);
        clear.op = "cache.set";
        QCOMPARE(world.apply(clear), std::string());
        Command watcher = command(Command::Kind::AddSubscriber);
        watcher.name = "watcher";
        watcher.topic = "*-status-updated";
        QCOMPARE(world.apply(watcher), std::string());
        Command bad = command(Command::Kind::CancelOrder);
        bad.pk = "ord-none";
        QVERIFY(!world.apply(bad).empty()); // recorded with the error it must give again
        clock.runUntil(start + 6000);
        recording.addExpect(clock.now(),
                            {cacheKeyNow(world, recording.recorder(), "pizza", pk),
                             cacheKeyNow(world, recording.recorder(), "pizza", "nothing-here"),
                             notificationsNow(world, recording.recorder(), "Order app"),
                             tableItemNow(world, recording.recorder(), pk), verdictNow(world, recording.recorder())});
        recording.addExpect(clock.now(), wholeCacheNow(world, recording.recorder()));
        QCOMPARE(recording.steps(), std::size_t(9));

        const Scenario s = recording.scenario({}, "recorded");
        QCOMPARE(s.steps.back().kind, Step::Kind::WaitDrained);
        QCOMPARE(s.steps.front().timeMs, TimeMs(300));
        QCOMPARE(s.steps.front().command.pk, pk);
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("first")), second = dir.filePath(QStringLiteral("second"));
        const CheckResult r = saveScenario(s, first.toStdString());
        QVERIFY2(r.status == CheckResult::Status::Passed, (r.message + "\n" + r.details).c_str());
        QVERIFY(r.goldenWritten);
        // Checked again without updating: the golden outcome it wrote is the replay's.
        const CheckResult again = checkScenario(r.path, false);
        QVERIFY2(again.status == CheckResult::Status::Passed, (again.message + "\n" + again.details).c_str());
        QCOMPARE(saveScenario(s, second.toStdString()).status, CheckResult::Status::Passed);
        QCOMPARE(bytes(second + "/scenario.yaml"), bytes(first + "/scenario.yaml"));
        QCOMPARE(bytes(second + "/expected/outcome.json"), bytes(first + "/expected/outcome.json"));
        const QByteArray yaml = bytes(first + "/scenario.yaml");
        QVERIFY2(!yaml.contains("step:"), yaml.constData());
        QVERIFY2(yaml.contains("error: "), yaml.constData());
        QVERIFY2(yaml.contains("wait: {until: drained}"), yaml.constData());
    }

    void anUnwritableFolderIsBrokenNotACrash()
    {
        Scenario s;
        Step drained;
        drained.kind = Step::Kind::WaitDrained;
        s.steps.push_back(drained);
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const CheckResult r = saveScenario(s, dir.filePath(QStringLiteral("file/sub")).toStdString());
        QCOMPARE(r.status, CheckResult::Status::Broken);
        QVERIFY2(r.message.find("file/sub") != std::string::npos, r.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TstSessionRecording)
#include "tst_session_recording.moc"
