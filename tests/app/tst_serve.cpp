// `orderlab serve`: the address it prints (IPv6 in brackets) and the caches it refuses.
#include "run_orderlab.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using app_test::orderlab;
using app_test::orderlabEnvironment;
using app_test::Run;

namespace {

/// A running `orderlab serve`: started, its first stdout line read; ended with SIGTERM when destroyed.
struct Server
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray firstLine;

    explicit Server(const QStringList &args)
    {
        process->setProcessEnvironment(orderlabEnvironment());
        process->start(QStringLiteral(ORDERLAB_BINARY), QStringList{"serve"} + args);
        if (!process->waitForStarted())
            return;
        // Not a timing check: a generous bound so that a server that never listens fails the test.
        while (!process->canReadLine() && process->state() == QProcess::Running)
            process->waitForReadyRead(30000);
        firstLine = process->readLine().trimmed();
    }
    /// The port after "momento listening on HOST:", or 0.
    quint16 port() const
    {
        const qsizetype colon = firstLine.lastIndexOf(':');
        return colon < 0 ? 0 : firstLine.mid(colon + 1).toUShort();
    }
    /// SIGTERM; the exit code, or -1 when it did not end normally.
    int stop()
    {
        process->terminate();
        if (!process->waitForFinished(30000))
            return -1;
        return process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    }
    ~Server()
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished();
        }
    }
};

bool hasIpv6Loopback()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

} // namespace

class TstServe : public QObject
{
    Q_OBJECT
  private slots:
    void printsTheIpv4Address()
    {
        Server s({"--momento-port", "0"});
        QVERIFY2(s.firstLine.startsWith("momento listening on 127.0.0.1:"), s.firstLine.constData());
        QVERIFY(s.port() > 0);
        QCOMPARE(s.stop(), 0);
    }

    void servesDynamoDbOnAnEphemeralPort()
    {
        Server s({"--momento-port", "0", "--dynamodb-port", "0"});
        QVERIFY2(s.firstLine.startsWith("momento listening on 127.0.0.1:"), s.firstLine.constData());
        while (!s.process->canReadLine() && s.process->state() == QProcess::Running)
            s.process->waitForReadyRead(30000);
        const QByteArray second = s.process->readLine().trimmed();
        QVERIFY2(second.startsWith("dynamodb listening on 127.0.0.1:"), second.constData());
        const quint16 port = second.mid(second.lastIndexOf(':') + 1).toUShort();
        QVERIFY(port > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY2(socket.waitForConnected(30000), qPrintable(socket.errorString()));
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                     "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}");
        QByteArray answer;
        while (!answer.contains("orders") && socket.waitForReadyRead(30000))
            answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains("x-amz-crc32: "), answer.constData());
        QVERIFY2(answer.contains(R"({"TableNames":["orders"]})"), answer.constData());
        socket.abort();
        QCOMPARE(s.stop(), 0);
    }

    void servesSecretsGivenAtStart()
    {
        // The value holds '=' and ';' on the command line; ORDERLAB_SECRET would split at ';'
        // (docs/secrets-manager.md).
        Server s({"--momento-port", "0", "--dynamodb-port", "0", "--secret", "pizza/momento=tok=en;1", "--secret",
                  "other=x"});
        while (!s.process->canReadLine() && s.process->state() == QProcess::Running)
            s.process->waitForReadyRead(30000);
        const QByteArray second = s.process->readLine().trimmed();
        QVERIFY2(second.startsWith("dynamodb listening on 127.0.0.1:"), second.constData());
        const quint16 port = second.mid(second.lastIndexOf(':') + 1).toUShort();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY2(socket.waitForConnected(30000), qPrintable(socket.errorString()));
        const QByteArray body = R"({"SecretId":"pizza/momento"})";
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: secretsmanager.GetSecretValue\r\n"
                     "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray answer;
        while (!answer.contains("CreatedDate") && socket.waitForReadyRead(30000))
            answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains("Content-Type: application/x-amz-json-1.1"), answer.constData());
        QVERIFY2(answer.contains(R"("SecretString":"tok=en;1")"), answer.constData());
        QVERIFY2(answer.contains(R"("VersionStages":["AWSCURRENT"])"), answer.constData());
        socket.abort();
        QCOMPARE(s.stop(), 0);
    }

    void refusesABadDynamoDbPort()
    {
        const Run r = orderlab({"serve", "--dynamodb-port", "65536"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--dynamodb-port"), r.err.constData());
    }

    void bindsIpv6InBrackets()
    {
        if (!hasIpv6Loopback())
            QSKIP("this machine has no IPv6 loopback (::1)");
        Server s({"--bind", "::1", "--momento-port", "0"});
        // It printed "momento listening on ::1:PORT", which is no address.
        QVERIFY2(s.firstLine.startsWith("momento listening on [::1]:"), s.firstLine.constData());
        QVERIFY(s.port() > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHostIPv6, s.port());
        QVERIFY2(socket.waitForConnected(30000), qPrintable(socket.errorString()));
        socket.abort();
        QCOMPARE(s.stop(), 0);
    }

    void takesGoodNumbersAndCaches()
    {
        Server s({"--momento-port", "0", "--heartbeat", "10", "--seed", "18446744073709551615", "--simulate", "0.5",
                  "--cache", "orders", "--cache", "pizza", "--fault", "cache.set=p=0,latency=0ms"});
        QVERIFY2(s.firstLine.startsWith("momento listening on "), s.firstLine.constData());
        QCOMPARE(s.stop(), 0);
    }

    void refusesBadCacheNames_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString empty = "cache name must not be empty or only whitespace";
        // `--cache ""` started a server without a usable cache; simulated writes then failed without a word.
        QTest::newRow("empty") << QStringList{"--cache", ""} << "orderlab serve: --cache: '': " + empty;
        QTest::newRow("whitespace") << QStringList{"--cache", " \t"} << "--cache: ' \t': " + empty;
        QTest::newRow("second") << QStringList{"--cache", "pizza", "--cache="} << "--cache: '': " + empty;
    }
    void refusesBadCacheNames()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = orderlab(QStringList{"serve", "--momento-port", "0"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstServe)
#include "tst_serve.moc"
