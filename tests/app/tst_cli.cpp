// The orderlab command line: exit statuses, usage messages, and what each command prints.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Run
{
    int exitCode;
    QByteArray out;
    QByteArray err;
};

Run orderlab(const QStringList &args, const QByteArray &stdinBytes = {})
{
    QProcess p;
    p.start(QStringLiteral(ORDERLAB_BINARY), args);
    if (!p.waitForStarted())
        return {-1, {}, "did not start"};
    p.write(stdinBytes);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return {-2, {}, "timed out"};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3, p.readAllStandardOutput(), p.readAllStandardError()};
}
} // namespace

class TstCli : public QObject
{
    Q_OBJECT
private slots:
    void badUsageExitsWith2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("replay without file") << QStringList{"replay"} << "expects exactly one EVENTS file";
        QTest::newRow("replay unknown flag") << QStringList{"replay", "--nope", "x"} << "Unknown option 'nope'";
        QTest::newRow("generate bad seed") << QStringList{"generate", "--seed", "x"} << "--seed wants an unsigned integer";
        QTest::newRow("generate batch 0") << QStringList{"generate", "--batch", "0"} << "--batch wants a whole number from 1 to 10000";
        QTest::newRow("generate bad view") << QStringList{"generate", "--view-type", "ALL"} << "unknown --view-type 'ALL'";
        QTest::newRow("simulate bad fault op") << QStringList{"simulate", "--fault", "cache.fly=0.1"} << "unknown operation 'cache.fly'";
        QTest::newRow("simulate bad fault spec") << QStringList{"simulate", "--fault", "cache.set=often"} << "a probability is a number";
        QTest::newRow("simulate no spec") << QStringList{"simulate", "--fault", "cache.set"} << "--fault wants OP=SPEC";
        QTest::newRow("simulate shards") << QStringList{"simulate", "--shards", "0"} << "--shards wants a whole number from 1 to 64";
        QTest::newRow("simulate batch") << QStringList{"simulate", "--batch-size", "0"} << "BatchSize must be between 1 and 10000";
        QTest::newRow("simulate tumbling filter") << QStringList{"simulate", "--filter", "[]"} << "FilterCriteria filter 1";
        QTest::newRow("simulate timing") << QStringList{"simulate", "--timing", "lan"} << "unknown --timing 'lan'";
        QTest::newRow("simulate timing and latency") << QStringList{"simulate", "--timing", "instant", "--call-latency", "5"}
                                                     << "--timing and --call-latency exclude each other";
        QTest::newRow("simulate latency") << QStringList{"simulate", "--call-latency", "-1"}
                                          << "--call-latency wants a whole number from 0 to 60000";
    }
    void badUsageExitsWith2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = orderlab(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("usage") || r.err.contains("Usage"));
    }

    void replayReportsUnreadableFiles()
    {
        Run r = orderlab({"replay", "/nonexistent/events.jsonl"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot read /nonexistent/events.jsonl"));
        r = orderlab({"replay", "-"}, "{\"Records\":[]}\nnot json\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("line 2: not a JSON event"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void generateThenReplay()
    {
        const Run gen = orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"});
        QCOMPARE(gen.exitCode, 0);
        QCOMPARE(gen.out.count('\n'), 4);
        QCOMPARE(orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"}).out, gen.out);
        const Run rep = orderlab({"replay", "-"}, gen.out);
        QCOMPARE(rep.exitCode, 0);
        QVERIFY(rep.out.startsWith("{\"cache\":{"));
        QVERIFY(rep.out.endsWith(",\"failures\":[]}\n"));
        QVERIFY(rep.out.contains("\"topic\":\"new-order\""));
    }

    void simulateExitsByWhatTheCheckerFound()
    {
        Run r = orderlab({"simulate", "--orders", "200", "--seed", "7", "--fault", "cache.set=0.1", "--fault", "topic.publish=0.1", "--json"});
        QCOMPARE(r.exitCode, 0);
        for (const char *key : {"\"recordsWritten\":", "\"invocations\":", "\"retries\":", "\"recordsDiscarded\":0",
                                "\"poisonRecords\":0", "\"cacheMismatches\":0", "\"lostUpdates\":0", "\"notificationsExpected\":",
                                "\"notificationsDelivered\":", "\"notificationsMissing\":0", "\"notificationsDuplicated\":"})
            QVERIFY2(r.out.contains(key), key);
        QVERIFY(!r.out.contains("\"retries\":0,"));
        r = orderlab({"simulate", "--orders", "300", "--seed", "3", "--shards", "2", "--parallelization", "2", "--call-latency", "5", "--rate", "100"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("verdict:") && !r.out.contains("verdict: clean"), r.out.constData());
        QVERIFY(r.out.contains("all-orders"));
        // The default timing (docs/timing-model.md) interleaves two shards: the race shows at the default rate.
        const QStringList race{"simulate", "--orders", "300", "--seed", "60221", "--shards", "2", "--parallelization", "2"};
        r = orderlab(race);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("timing in-region") && r.out.contains("finding: lost update on all-orders"), r.out.constData());
        r = orderlab(race + QStringList{"--timing", "instant"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("timing instant"), r.out.constData());
    }

    void demoRunsTheSample()
    {
        // With no display the bare command is the text demo (with one, it opens the window).
        for (const char *display : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            qunsetenv(display);
        const Run r = orderlab({});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("orderlab demo"));
        QVERIFY(r.out.contains("new-order"));
        QVERIFY(r.out.contains("failures: 0"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
