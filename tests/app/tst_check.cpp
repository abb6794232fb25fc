// orderlab check through the binary: lines, summary, exit statuses, --junit, --jobs, --shard,
// --update-golden (docs/scenarios.md, "orderlab check").
#include "run_orderlab.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using app_test::orderlab;

namespace {
const char *kGood = "world: {timing: instant}\nsteps:\n  - new-order: {pk: o-1, creator: a, items: []}\n"
                    "  - wait: {until: drained}\n  - expect: {verdict: in step}\n";
const char *kFailing = "world: {timing: instant}\nsteps:\n  - new-order: {pk: o-1, creator: a, items: []}\n"
                       "  - wait: {until: drained}\n  - expect: {cache: [{key: o-1, contains: {status: \"<&>\"}}]}\n";

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

class TstCheck : public QObject
{
    Q_OBJECT
  private slots:
    void updateGoldenThenPassThenFailOnAChange()
    {
        QTemporaryDir dir;
        const QString s = dir.filePath(QStringLiteral("one/scenario.yaml"));
        write(s, kGood);
        auto r = orderlab({QStringLiteral("check"), dir.path()});
        QCOMPARE(r.exitCode, 1); // no golden yet
        QVERIFY2(r.out.contains("no golden outcome"), r.out);
        QVERIFY2(r.out.endsWith("0 passed, 1 failed\n"), r.out);
        r = orderlab({QStringLiteral("check"), QStringLiteral("--update-golden"), dir.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("golden outcome written"), r.out);
        const QByteArray golden = read(dir.filePath(QStringLiteral("one/expected/outcome.json")));
        QVERIFY(!golden.isEmpty());
        r = orderlab({QStringLiteral("check"), dir.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("PASS   one ("), r.out);
        QVERIFY2(r.out.endsWith("1 passed, 0 failed\n"), r.out);
        r = orderlab({QStringLiteral("check"), QStringLiteral("--update-golden"), dir.path()});
        QVERIFY2(r.out.contains("0 golden outcomes written, 1 unchanged"), r.out);
        // A change in behaviour: the outcome differs, and the diff says where.
        QByteArray changed = kGood;
        changed.replace("items: []", "items: [{name: x}]");
        write(s, changed);
        r = orderlab({QStringLiteral("check"), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("FAIL   one (") && r.out.contains("the outcome differs from the golden one"), r.out);
        QVERIFY2(r.out.contains("--- expected") && r.out.contains("+++ actual") && r.out.contains("+"), r.out);
        QCOMPARE(read(dir.filePath(QStringLiteral("one/expected/outcome.json"))), golden); // not rewritten
    }

    void aBrokenFileExitsTwoAndIsNeverWritten()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("bad/scenario.yaml")), "steps:\n  - fly: 1\n");
        write(dir.filePath(QStringLiteral("good/scenario.yaml")), kGood);
        const auto r = orderlab({QStringLiteral("check"), QStringLiteral("--update-golden"), dir.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("BROKEN bad (") && r.out.contains("bad/scenario.yaml:2:5: unknown step 'fly'"), r.out);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad/expected/outcome.json"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("good/expected/outcome.json"))));
        QVERIFY2(r.out.endsWith("1 passed, 1 failed\n"), r.out);
    }

    void aFailedExpectationIsNeverWrittenAsPassing()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("f/scenario.yaml")), kFailing);
        const QString junit = dir.filePath(QStringLiteral("junit.xml"));
        const auto r = orderlab(
            {QStringLiteral("check"), QStringLiteral("--update-golden"), QStringLiteral("--junit"), junit, dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("1 expectation failed"), r.out);
        QVERIFY2(r.out.contains("differing: $.status"), r.out);
        const QByteArray xml = read(junit);
        QVERIFY2(xml.contains("<testsuite name=\"orderlab-scenarios\" tests=\"1\" failures=\"1\" errors=\"0\""), xml);
        QVERIFY2(xml.contains("<testcase classname=\"scenarios\" name=\"f\""), xml);
        QVERIFY2(xml.contains("<failure message=\"1 expectation failed"), xml);
        QVERIFY2(xml.contains("&lt;&amp;&gt;") && !xml.contains("<&>"), xml); // escaped
    }

    void jobsAndShardsGiveTheSameResults()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 5; ++i)
            write(dir.filePath(QStringLiteral("s%1/scenario.yaml").arg(i)), kGood);
        QVERIFY(orderlab({QStringLiteral("check"), QStringLiteral("--update-golden"), dir.path()}).exitCode == 0);
        const auto serial = orderlab({QStringLiteral("check"), dir.path()});
        const auto parallel =
            orderlab({QStringLiteral("check"), QStringLiteral("--jobs"), QStringLiteral("3"), dir.path()});
        QCOMPARE(parallel.exitCode, 0);
        auto names = [](const QByteArray &out) {
            QStringList n;
            for (const auto &l : QString::fromUtf8(out).split(QLatin1Char('\n')))
                if (l.startsWith(QLatin1String("PASS")))
                    n << l.section(QLatin1Char(' '), 3, 3);
            return n;
        };
        QCOMPARE(names(parallel.out), names(serial.out)); // printed in order whatever finished first
        QCOMPARE(names(serial.out), (QStringList{"s0", "s1", "s2", "s3", "s4"}));
        QStringList sliced;
        for (int i = 1; i <= 2; ++i) {
            const auto part = orderlab(
                {QStringLiteral("check"), QStringLiteral("--shard"), QStringLiteral("%1/2").arg(i), dir.path()});
            QCOMPARE(part.exitCode, 0);
            sliced << names(part.out);
        }
        QCOMPARE(sliced, (QStringList{"s0", "s2", "s4", "s1", "s3"}));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no path") << QStringList{} << "give at least one PATH";
        QTest::newRow("missing path") << QStringList{"/nonexistent/scenarios"} << "no such file or folder";
        QTest::newRow("jobs 0") << QStringList{"--jobs", "0", "."} << "--jobs wants a whole number from 1 to 256";
        QTest::newRow("jobs text") << QStringList{"--jobs", "two", "."} << "--jobs: 'two' is not a number";
        QTest::newRow("shard shape") << QStringList{"--shard", "2", "."} << "--shard wants I/N";
        QTest::newRow("shard past N") << QStringList{"--shard", "3/2", "."}
                                      << "--shard I wants a whole number from 1 to 2";
        QTest::newRow("shard zero") << QStringList{"--shard", "0/2", "."}
                                    << "--shard I wants a whole number from 1 to 2";
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = orderlab(QStringList{QStringLiteral("check")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err);
    }
};

QTEST_GUILESS_MAIN(TstCheck)
#include "tst_check.moc"
