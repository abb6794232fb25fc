// orderlab snapshot, and --state on serve and simulate, through the binary (docs/command-line.md, "orderlab
// snapshot", "Starting from a state"; docs/state-files.md): the state written, a scenario started from it, flag
// errors named as the other subcommands name them.
#include "run_orderlab.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using app_test::orderlab;

namespace {
const char *kScenario = "world: {timing: instant, seed: 3}\nsteps:\n"
                        "  - at: 100ms\n    new-order: {pk: o-1, creator: a, items: []}\n"
                        "  - at: 1s\n    advance-status: o-1\n"
                        "  - at: 5s\n    new-order: {pk: o-2, creator: b, items: []}\n"
                        "  - wait: {until: drained}\n";

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TstSnapshotCli : public QObject
{
    Q_OBJECT
  private slots:
    void snapshotWritesTheStateAtTheTimeAsked()
    {
        QTemporaryDir dir;
        const QString s = dir.filePath(QStringLiteral("one/scenario.yaml"));
        write(s, kScenario);
        const QString out = dir.filePath(QStringLiteral("at2s.json"));
        auto r = orderlab({QStringLiteral("snapshot"), QStringLiteral("--scenario"), s, QStringLiteral("--at"),
                           QStringLiteral("2000"), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY2(r.out.startsWith("state at 2000 ms of one written to "), r.out);
        const QByteArray at2 = read(out);
        QVERIFY(at2.startsWith("{\n    \"orderlab-state\": 1,\n    \"time\": 1732449602000,"));
        QVERIFY(at2.contains("{\"pk\":{\"S\":\"o-1\"}") && !at2.contains("\"o-2\""));
        // Twice: the same bytes.
        r = orderlab({QStringLiteral("snapshot"), QStringLiteral("--scenario"), s, QStringLiteral("--at"),
                      QStringLiteral("2000"), QStringLiteral("--out"), out});
        QCOMPARE(read(out), at2);
        // To the end: o-2 too.
        r = orderlab({QStringLiteral("snapshot"), QStringLiteral("--scenario"), dir.filePath(QStringLiteral("one")),
                      QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY(read(out).contains("\"o-2\""));
    }

    void aScenarioAndSimulateStartFromTheState()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("one/scenario.yaml")), kScenario);
        const QString state = dir.filePath(QStringLiteral("two/state.json"));
        QDir().mkpath(dir.filePath(QStringLiteral("two")));
        auto r = orderlab({QStringLiteral("snapshot"), QStringLiteral("--scenario"),
                           dir.filePath(QStringLiteral("one")), QStringLiteral("--out"), state});
        QVERIFY2(r.exitCode == 0, r.err);
        write(dir.filePath(QStringLiteral("two/scenario.yaml")),
              "state: state.json\nsteps:\n  - after: 1s\n    advance-status: o-2\n  - wait: {until: drained}\n"
              "  - expect:\n      cache: [{key: o-2, contains: {status: PREPARING}}]\n      table: [{count: 2}]\n");
        r = orderlab({QStringLiteral("check"), QStringLiteral("--update-golden"), dir.filePath(QStringLiteral("two"))});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        r = orderlab({QStringLiteral("check"), dir.filePath(QStringLiteral("two"))});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        r = orderlab({QStringLiteral("simulate"), QStringLiteral("--state"), state, QStringLiteral("--orders"),
                      QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
    }

    void badFlagsAndFilesAreNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        const QString bad = QStringLiteral("/nonexistent/state.json");
        QTest::newRow("no scenario") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--out"),
                                                    QStringLiteral("x.json")}
                                     << QStringLiteral("orderlab snapshot: --scenario FILE is required");
        QTest::newRow("no out") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--scenario"),
                                               QStringLiteral("s.yaml")}
                                << QStringLiteral("orderlab snapshot: --out FILE is required");
        QTest::newRow("bad at") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--scenario"),
                                               QStringLiteral("s.yaml"),   QStringLiteral("--out"),
                                               QStringLiteral("x.json"),   QStringLiteral("--at"),
                                               QStringLiteral("2s")}
                                << QStringLiteral("--at: '2s' is not a number");
        QTest::newRow("missing scenario")
            << QStringList{QStringLiteral("snapshot"), QStringLiteral("--scenario"),
                           QStringLiteral("/nonexistent/s.yaml"), QStringLiteral("--out"), QStringLiteral("x.json")}
            << QStringLiteral("orderlab snapshot: /nonexistent/s.yaml");
        QTest::newRow("simulate state file")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("--state"), bad}
            << QStringLiteral("orderlab simulate: --state: /nonexistent/state.json: cannot read it");
        QTest::newRow("simulate state and seed")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("--state"), bad, QStringLiteral("--seed"),
                           QStringLiteral("2")}
            << QStringLiteral("orderlab simulate: --seed and --state exclude each other");
        QTest::newRow("serve state file")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--state"), bad}
            << QStringLiteral("orderlab serve: --state: /nonexistent/state.json: cannot read it");
        QTest::newRow("serve state and cache")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--state"), bad, QStringLiteral("--cache"),
                           QStringLiteral("c")}
            << QStringLiteral("orderlab serve: --cache and --state exclude each other");
    }
    void badFlagsAndFilesAreNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const auto r = orderlab(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(error), r.err);
        QVERIFY2(r.out.isEmpty(), r.out);
    }

    void aStateFileWithAnErrorIsNamedByPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        write(path, "{\n  \"orderlab-state\": 1,\n  \"time\": 5,\n}");
        auto r = orderlab({QStringLiteral("simulate"), QStringLiteral("--state"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains((path + QStringLiteral(":4:1: not JSON")).toUtf8()), r.err);
        write(dir.filePath(QStringLiteral("sc/scenario.yaml")), "state: ../s.json\nsteps: []\n");
        r = orderlab({QStringLiteral("check"), dir.filePath(QStringLiteral("sc"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("scenario.yaml:1:8: state: "), r.out);
    }
};

QTEST_GUILESS_MAIN(TstSnapshotCli)
#include "tst_snapshot_cli.moc"
