// orderlab check with a handler process (docs/scenarios.md, "Handler processes"): the shipped scenarios through
// orderlab-lambda (core as a Lambda custom runtime) give the golden outcomes core gives; a handler that fails
// fails its scenario with the reasons; bad usage exits 2.
#include "run_orderlab.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <iterator>

using app_test::Run;

namespace {
/// The shipped scenarios that give core's golden outcome through orderlab-lambda (docs/scenarios.md, "Handler
/// processes", measured): all but three. cache-faults-nothing-lost has invocations of several records, whose cache
/// writes a process cannot attribute to one record; two-shard-race and poison-record-blocks-shard need what only
/// core in process can give.
const char *kShipped[] = {"cancel",      "continue-from-state", "edit-only-admin-hears",
                          "keys-expire", "late-subscriber",     "order-api-writes",
                          "order-life"};

QString lambdaCommand()
{
    return QStringLiteral("exec '%1'").arg(QStringLiteral(ORDERLAB_LAMBDA));
}

/// The binary run to its end (a handler process's scenarios take longer than run_orderlab.h's minute).
Run check(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(app_test::orderlabEnvironment());
    p.start(QStringLiteral(ORDERLAB_BINARY), QStringList{QStringLiteral("check")} + args);
    if (!p.waitForStarted())
        return {-1, {}, "did not start"};
    p.closeWriteChannel();
    if (!p.waitForFinished(240000))
        return {-2, {}, "timed out"};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void write(const QString &path, const QByteArray &text, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    if (executable)
        QVERIFY(f.setPermissions(f.permissions() | QFileDevice::ExeOwner));
}

// A scenario whose own handler is a shell script that exits before it asks for an invocation.
const char *kFailing = R"(world:
  timing: instant
  mapping: {MaximumRetryAttempts: 1}
  handler: {command: ./handler.sh, timeout: 5s}
steps:
  - new-order: {pk: ord-1, creator: ann, items: [{name: margherita, size: L, price: 12.5}]}
  - wait: {until: drained}
  - expect:
      cache:
        - {key: ord-1, contains: {status: SUBMITTED}}
      failures: []
)";
const char *kScript = "#!/bin/sh\necho 'handler.sh: no configuration, giving up' >&2\nexit 3\n";
} // namespace

class TstCheckHandler : public QObject
{
    Q_OBJECT
  private slots:
    void shippedScenariosGiveCoresGoldenOutcomesThroughOrderlabLambda()
    {
        QTemporaryDir ca;
        QStringList args{QStringLiteral("--handler-command"), lambdaCommand(), QStringLiteral("--ca-dir"), ca.path()};
        const QDir shipped(QStringLiteral(ORDERLAB_SCENARIOS));
        for (const char *name : kShipped)
            args << shipped.filePath(QString::fromLatin1(name));
        const Run r = check(args);
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY2(r.out.endsWith(QStringLiteral("%1 passed, 0 failed\n").arg(std::size(kShipped)).toUtf8()), r.out);
        QVERIFY2(r.err.contains("orderlab check: handler: process `exec '"), r.err);
    }

    void aFailingHandlerFailsItsScenarioWithTheReasons()
    {
        QTemporaryDir dir, ca;
        write(dir.filePath(QStringLiteral("bad-handler/scenario.yaml")), kFailing);
        write(dir.filePath(QStringLiteral("bad-handler/handler.sh")), kScript, true);
        const QString junit = dir.filePath(QStringLiteral("junit.xml"));
        const Run r = check({QStringLiteral("--ca-dir"), ca.path(), QStringLiteral("--junit"), junit, dir.path()});
        QVERIFY2(r.exitCode == 1, r.out + r.err);
        QVERIFY2(r.out.startsWith("FAIL   bad-handler ("), r.out);
        QVERIFY2(r.out.contains(": 2 expectations failed; no golden outcome"), r.out);
        QVERIFY2(r.out.contains("RetryAttemptsExhausted"), r.out); // the failure list the expectation got
        QVERIFY2(r.out.endsWith("0 passed, 1 failed\n"), r.out);
        QFile xml(junit);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        QVERIFY(xml.readAll().contains("<failure message=\"2 expectations failed"));
        // --update-golden writes nothing for it, and the outcome says why the invocations failed.
        const Run u = check({QStringLiteral("--ca-dir"), ca.path(), QStringLiteral("--update-golden"), dir.path()});
        QCOMPARE(u.exitCode, 1);
        QFile golden(dir.filePath(QStringLiteral("bad-handler/expected/outcome.json")));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const QByteArray outcome = golden.readAll();
        QVERIFY2(outcome.contains("Runtime.ExitError: RequestId: "), outcome);
        QVERIFY2(outcome.contains("Runtime exited with error: exit status 3"), outcome);
    }

    void theCommandLineHandlerOverridesTheScenarios()
    {
        QTemporaryDir dir, ca;
        write(dir.filePath(QStringLiteral("bad-handler/scenario.yaml")), kFailing);
        write(dir.filePath(QStringLiteral("bad-handler/handler.sh")), kScript, true);
        const QStringList args{QStringLiteral("--handler-command"), lambdaCommand(), QStringLiteral("--ca-dir"),
                               ca.path(), dir.path()};
        Run r = check(QStringList{QStringLiteral("--update-golden")} + args);
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY2(r.out.contains("1 golden outcome written"), r.out);
        r = check(args); // and the same outcome again, byte for byte
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY2(r.out.startsWith("PASS   bad-handler ("), r.out);
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString cmd = lambdaCommand();
        QTest::newRow("timeout without command")
            << QStringList{"--handler-timeout", "5"} << "--handler-timeout needs --handler-command";
        QTest::newRow("empty command") << QStringList{"--handler-command", " "}
                                       << "--handler-command wants a command, got nothing";
        QTest::newRow("timeout range") << QStringList{"--handler-command", cmd, "--handler-timeout", "0"}
                                       << "--handler-timeout wants a whole number from 1 to 900, got '0'";
        QTest::newRow("memory range") << QStringList{"--handler-command", cmd, "--handler-memory", "64"}
                                      << "--handler-memory wants a whole number from 128 to 10240, got '64'";
        QTest::newRow("missing folder") << QStringList{"--handler-command", cmd, "--handler-dir", "/nonexistent/x"}
                                        << "--handler-dir wants an existing folder, got '/nonexistent/x'";
        QTest::newRow("reserved variable") << QStringList{"--handler-command", cmd, "--handler-env", "AWS_REGION=x"}
                                           << "Reserved keys used in this request: AWS_REGION";
        QTest::newRow("empty CA folder") << QStringList{"--handler-command", cmd, "--ca-dir", ""}
                                         << "--ca-dir wants a folder";
    }
    void badUsageExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = check(args << QStringLiteral(ORDERLAB_SCENARIOS "/order-life"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err);
        QVERIFY(r.out.isEmpty()); // nothing ran
    }

    void aScenarioNamingAFolderThatIsNotThereFails()
    {
        QTemporaryDir dir, ca;
        write(dir.filePath(QStringLiteral("gone/scenario.yaml")),
              "world:\n  handler: {command: ./run, dir: nowhere}\nsteps:\n  - wait: 1s\n");
        const Run r = check({QStringLiteral("--ca-dir"), ca.path(), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("gone/scenario.yaml:2:12: world.handler: the handler's folder "), r.out);
        QVERIFY2(r.out.contains("/gone/nowhere does not exist"), r.out);
    }
};

QTEST_GUILESS_MAIN(TstCheckHandler)
#include "tst_check_handler.moc"
