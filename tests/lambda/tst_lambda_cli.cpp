// `orderlab simulate --handler-command`: the handler as a process, on the real clock, through the real binary.
#include "../app/run_orderlab.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using app_test::orderlab;
using app_test::Run;

namespace {
/// `orderlab serve ARGS` until the handler's first REPORT line (or 60 s), then SIGTERM: what it printed, and how
/// it ended (`started` false when it never started, `finished` false when it did not stop within 30 s).
struct Served
{
    bool started = false;
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out, err;
};

Served serveUntilFirstReport(const QStringList &args)
{
    Served s;
    QProcess serve;
    serve.setProcessEnvironment(app_test::orderlabEnvironment());
    serve.start(QStringLiteral(ORDERLAB_BINARY), QStringList{QStringLiteral("serve")} + args);
    s.started = serve.waitForStarted();
    if (!s.started)
        return s;
    QDeadlineTimer deadline(60000);
    while (!s.err.contains("REPORT RequestId: ") && !deadline.hasExpired() && serve.state() == QProcess::Running) {
        serve.waitForReadyRead(500);
        s.out += serve.readAllStandardOutput();
        s.err += serve.readAllStandardError();
    }
    serve.terminate(); // SIGTERM: a clean stop, the environments killed
    s.finished = serve.waitForFinished(30000);
    s.out += serve.readAllStandardOutput();
    s.err += serve.readAllStandardError();
    s.exitStatus = serve.exitStatus();
    s.exitCode = serve.exitCode();
    return s;
}
} // namespace

class TstLambdaCli : public QObject
{
    Q_OBJECT
  private slots:
    void simulateRunsAHandlerProcessOnTheRealClock()
    {
        QTemporaryDir dir;
        const QString command = QStringLiteral("'%1' echo").arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME));
        const Run r = orderlab({"simulate", "--orders", "2", "--seed", "5", "--rate", "50", "--handler-command",
                                command, "--handler-dir", dir.path(), "--handler", "app.main", "--handler-timeout", "5",
                                "--handler-memory", "256", "--handler-logs", "--json"});
        // The fake runtime echoes: no cache writes, no publishes, so the checker finds them missing.
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.out.contains("\"clock\":\"real\""), r.out.constData());
        QVERIFY2(r.out.contains("\"recordsDiscarded\":0"), r.out.constData());
        QVERIFY(!r.out.contains("\"invocations\":0,"));
        QVERIFY2(r.err.contains("a handler process runs on the real clock"), r.err.constData());
        QVERIFY(r.err.contains("fake_runtime echo starting, handler app.main"));
        QVERIFY(r.err.contains("START RequestId: "));
        QVERIFY(r.err.contains("\tMemory Size: 256 MB\t"));
        QVERIFY(r.err.contains("\tInit Duration: "));
    }

    void serveInvokesTheHandlerProcessAndStopsCleanly()
    {
        QTemporaryDir dir;
        const Served s = serveUntilFirstReport({"--momento-port", "0", "--simulate", "20", "--handler-command",
                                                QStringLiteral("'%1' echo").arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME)),
                                                "--handler-dir", dir.path(), "--handler-logs"});
        QVERIFY(s.started);
        QVERIFY2(s.err.contains("orderlab serve: handler: process `"), s.err.constData());
        QVERIFY2(s.err.contains("REPORT RequestId: "), s.err.constData());
        QVERIFY(s.finished);
        QCOMPARE(s.exitStatus, QProcess::NormalExit);
        QCOMPARE(s.exitCode, 0);
    }

    void serveGivesTheHandlerTheAwsEndpointsAndItsOwnVariables()
    {
        QTemporaryDir dir;
        // The handler prints its endpoint variables while it starts; --handler-logs shows its output.
        const QString command =
            QStringLiteral("env | grep -E '^(AWS_ENDPOINT_URL|SECRET_ID|DEBUG_LEVEL)' | sort; exec '%1' echo")
                .arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME));
        const Served s =
            serveUntilFirstReport({"--momento-port", "0", "--dynamodb-port", "0", "--simulate", "20",
                                   "--handler-command", command, "--handler-dir", dir.path(), "--handler-env",
                                   "SECRET_ID=orders-token", "--handler-env", "DEBUG_LEVEL=a=b", "--handler-logs"});
        QVERIFY(s.started);
        QVERIFY(s.finished);
        const QByteArray &out = s.out, &err = s.err;
        const QRegularExpression listening(QStringLiteral("dynamodb listening on (127\\.0\\.0\\.1:\\d+)"));
        const auto match = listening.match(QString::fromUtf8(out));
        QVERIFY2(match.hasMatch(), out.constData());
        const QString url = QStringLiteral("http://") + match.captured(1);
        for (const char *name :
             {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "AWS_ENDPOINT_URL_SECRETS_MANAGER"})
            QVERIFY2(err.contains((QString::fromLatin1(name) + "=" + url + "\n").toUtf8()), err.constData());
        QVERIFY2(!err.contains("AWS_ENDPOINT_URL="), err.constData()); // no general endpoint
        QVERIFY2(err.contains("SECRET_ID=orders-token\n"), err.constData());
        QVERIFY2(err.contains("DEBUG_LEVEL=a=b\n"), err.constData());
    }

    // Before, serve gave a handler process only the AWS endpoints (and those only with --dynamodb-port): an
    // unmodified handler found no token, no secret and no CA, and could not reach Momento.
    void serveHostsWhatTheHandlerCallsAsSimulateDoes()
    {
        QTemporaryDir dir;
        const QString command =
            QStringLiteral(
                "env | grep -E '^(AWS_ENDPOINT_URL_DYNAMODB|SECRET_ID|MOMENTO_API_KEY|GRPC_DEFAULT_SSL_ROOTS_FILE_PATH|"
                "NODE_EXTRA_CA_CERTS)=' | sed 's/^MOMENTO_API_KEY=.*/MOMENTO_API_KEY set/' | sort; exec '%1' echo")
                .arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME));
        const Served s =
            serveUntilFirstReport({"--momento-port", "0", "--simulate", "20", "--handler-command", command,
                                   "--handler-dir", dir.path(), "--ca-dir", dir.filePath("ca"), "--handler-logs"});
        QVERIFY(s.started);
        QVERIFY(s.finished);
        const QByteArray &out = s.out, &err = s.err;
        QCOMPARE(s.exitCode, 0);
        // Both ports a handler needs are served on free ports though neither was asked for.
        const auto tls = QRegularExpression(QStringLiteral("momento \\(TLS\\) listening on 127\\.0\\.0\\.1:\\d+"))
                             .match(QString::fromUtf8(out));
        QVERIFY2(tls.hasMatch(), out.constData());
        const auto aws = QRegularExpression(QStringLiteral("dynamodb listening on (127\\.0\\.0\\.1:\\d+)"))
                             .match(QString::fromUtf8(out));
        QVERIFY2(aws.hasMatch(), out.constData());
        QVERIFY2(err.contains("AWS_ENDPOINT_URL_DYNAMODB=http://" + aws.captured(1).toUtf8() + "\n"), err.constData());
        QVERIFY2(err.contains("SECRET_ID=orderlab/momento\n"), err.constData());
        QVERIFY2(err.contains("MOMENTO_API_KEY set\n"), err.constData());
        const QByteArray ca = "=" + dir.filePath("ca/ca.pem").toUtf8() + "\n";
        QVERIFY2(err.contains("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH" + ca), err.constData());
        QVERIFY2(err.contains("NODE_EXTRA_CA_CERTS" + ca), err.constData());
        QVERIFY2(err.contains("the handler's token is the secret orderlab/momento"), err.constData());
    }

    void simulateHostsWhatTheHandlerCallsAndItsOwnVariablesWin()
    {
        QTemporaryDir dir;
        const Run r = orderlab(
            {"simulate", "--orders", "1", "--rate", "50", "--handler-command",
             QStringLiteral(
                 "env | grep -E '^(AWS_ENDPOINT_URL_[A-Z_]*|SECRET_ID|MOMENTO_API_KEY|GRPC_DEFAULT_SSL_ROOTS_FILE_PATH|"
                 "NODE_EXTRA_CA_CERTS)=' | sed 's/^MOMENTO_API_KEY=.*/MOMENTO_API_KEY set/'; exec '%1' echo")
                 .arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME)),
             "--handler-dir", dir.path(), "--ca-dir", dir.filePath("ca"), "--handler-env", "SECRET_ID=s1",
             "--handler-logs"});
        QVERIFY2(r.err.contains("START RequestId: "), r.err.constData()); // (an echo writes no cache: exit 1)
        QVERIFY2(r.err.contains("SECRET_ID=s1\n"), r.err.constData());    // the function's own variable wins
        QVERIFY2(!r.err.contains("SECRET_ID=orderlab/momento"), r.err.constData());
        QVERIFY2(r.err.contains("MOMENTO_API_KEY set\n"), r.err.constData());
        const QByteArray ca = "=" + dir.filePath("ca/ca.pem").toUtf8() + "\n";
        QVERIFY2(r.err.contains("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH" + ca), r.err.constData());
        QVERIFY2(r.err.contains("NODE_EXTRA_CA_CERTS" + ca), r.err.constData());
        QVERIFY2(r.err.contains("AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:"), r.err.constData());
        QVERIFY2(r.err.contains("AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:"), r.err.constData());
        QVERIFY2(r.err.contains("its token is the secret orderlab/momento"), r.err.constData());
    }

    void caDirWithoutAHandlerIsAUsageError()
    {
        const Run r = orderlab({"simulate", "--orders", "1", "--ca-dir", "/tmp/x"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--ca-dir needs --handler-command"), r.err.constData());
    }

    void effectsToAFileThatCannotBeWrittenFailTheRunNamingIt()
    {
        const Run r = orderlab({"simulate", "--orders", "1", "--effects", "/nonexistent-dir/effects.jsonl"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write /nonexistent-dir/effects.jsonl"), r.err.constData());
        const Run empty = orderlab({"simulate", "--orders", "1", "--effects", ""});
        QCOMPARE(empty.exitCode, 2);
    }

    void theSummarySaysTheClockIsReal()
    {
        QTemporaryDir dir;
        const Run r = orderlab({"simulate", "--orders", "1", "--rate", "50", "--handler-command",
                                QStringLiteral("'%1' echo").arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME)), "--handler-dir",
                                dir.path()});
        QVERIFY2(r.out.contains("clock: real (the handler runs as a process)"), r.out.constData());
        QVERIFY(!r.err.contains("START RequestId: ")); // no --handler-logs
    }
};

QTEST_GUILESS_MAIN(TstLambdaCli)
#include "tst_lambda_cli.moc"
