// `orderlab ca`, `orderlab token` and `serve --momento-tls-port` (docs/momento-tls.md): what they print, and the
// errors that name the flag and the path.
#include "run_orderlab.h"

#include "momento_token.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>

using app_test::orderlabEnvironment;
using app_test::Run;

namespace {

/// app_test::orderlab (the name `orderlab` is this project's namespace here).
Run runOrderlab(const QStringList &args, const QByteArray &stdinBytes = {}, const QStringList &environment = {})
{
    return app_test::orderlab(args, stdinBytes, environment);
}

QByteArray dump(const Run &r)
{
    return "exit " + QByteArray::number(r.exitCode) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

} // namespace

class TestTlsCommands : public QObject
{
    Q_OBJECT

  private slots:
    void caPrintsWhereAndTheGrpcJsLine()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ca"));
        const Run first = runOrderlab({"ca", "--dir", dir});
        QVERIFY2(first.exitCode == 0, dump(first));
        const QByteArray expected = "ca certificate: " + dir.toUtf8() + "/ca.pem\nserver certificate: " + dir.toUtf8() +
                                    "/server.pem (localhost, 127.0.0.1, ::1)\n" +
                                    "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=" + dir.toUtf8() + "/ca.pem\n";
        QCOMPARE(first.out, expected);
        QVERIFY2(first.err.contains("made the CA in " + dir.toUtf8()), first.err);
        QVERIFY(QFile::exists(dir + "/ca-key.pem") && QFile::exists(dir + "/server-key.pem"));
        QFile key(dir + "/ca-key.pem");
        QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        const Run again = runOrderlab({"ca", "--dir", dir});
        QVERIFY2(again.exitCode == 0, dump(again));
        QCOMPARE(again.out, expected);
        QVERIFY2(again.err.contains("reused the CA in " + dir.toUtf8()), again.err);
        QVERIFY(!again.err.contains("issued"));

        const Run named = runOrderlab({"ca", "--dir", dir, "--name", "orderlab.test"});
        QVERIFY2(named.exitCode == 0, dump(named));
        QVERIFY2(named.out.contains("(localhost, 127.0.0.1, ::1, orderlab.test)"), named.out);
        QVERIFY(named.err.contains("issued a new server certificate"));
    }

    void caDefaultFolder()
    {
        QTemporaryDir tmp;
        const Run r = runOrderlab({"ca"}, {}, {"XDG_DATA_HOME=" + tmp.path()});
        QVERIFY2(r.exitCode == 0, dump(r));
        QVERIFY2(r.out.contains("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=" + tmp.path().toUtf8() + "/orderlab/ca/ca.pem\n"),
                 r.out);
    }

    void caErrors()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        Run r = runOrderlab({"ca", "--dir", file});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "orderlab ca: --dir: " + file.toUtf8() + ": exists and is not a folder\n");
        QVERIFY(r.out.isEmpty());
        r = runOrderlab({"ca"}, {}, {"ORDERLAB_DIR=" + file});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "orderlab ca: ORDERLAB_DIR: --dir: " + file.toUtf8() + ": exists and is not a folder\n");
        r = runOrderlab({"ca", "--dir="});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("orderlab ca: --dir wants a folder\n"), r.err);
        r = runOrderlab({"ca", "--dir", tmp.path(), "--name", "a b"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("orderlab ca: --name: 'a b' is neither an IP address nor a DNS name"), r.err);
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("ca.pem"))));

        const QString dir = tmp.filePath(QStringLiteral("ca"));
        QCOMPARE(runOrderlab({"ca", "--dir", dir}).exitCode, 0);
        QFile corrupt(dir + "/ca.pem");
        QVERIFY(corrupt.open(QIODevice::WriteOnly | QIODevice::Truncate));
        corrupt.write("garbage");
        corrupt.close();
        r = runOrderlab({"ca", "--dir", dir});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("orderlab ca: --dir: " + dir.toUtf8() + "/ca.pem: not a PEM certificate"), r.err);

        QProcessEnvironment env = orderlabEnvironment();
        env.remove(QStringLiteral("HOME"));
        env.remove(QStringLiteral("XDG_DATA_HOME"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORDERLAB_BINARY), {"ca"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(p.readAllStandardError(), QByteArray("orderlab ca: --dir is needed: neither XDG_DATA_HOME nor HOME "
                                                      "is set\n"));
    }

    void tokenCarriesTheEndpoints()
    {
        const auto now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        Run r = runOrderlab({"token", "--port", "9443", "--ttl", "60", "--auth-token", "s3cret"});
        QVERIFY2(r.exitCode == 0, dump(r));
        QVERIFY(r.out.endsWith('\n'));
        const std::string token = r.out.trimmed().toStdString();
        std::string error;
        const auto claims = orderlab::tls::parseMomentoToken(token, error);
        QVERIFY2(claims, error.c_str());
        QCOMPARE(claims->cacheEndpoint, std::string("127.0.0.1:9443"));
        QCOMPARE(claims->controlEndpoint, std::string("127.0.0.1:9443"));
        QVERIFY(claims->issuedAt >= now - 5 && claims->issuedAt <= now + 3600);
        QCOMPARE(claims->expiresAt.value_or(0), claims->issuedAt + 60);
        QVERIFY(orderlab::tls::verifyMomentoToken(token, "s3cret", claims->issuedAt));
        QVERIFY(!orderlab::tls::verifyMomentoToken(token, "other", claims->issuedAt));

        r = runOrderlab({"token", "--host", "::1"});
        QVERIFY2(r.exitCode == 0, dump(r));
        const auto v6 = orderlab::tls::parseMomentoToken(r.out.trimmed().toStdString(), error);
        QVERIFY2(v6, error.c_str());
        QCOMPARE(v6->cacheEndpoint, std::string("[::1]:8443"));
        QVERIFY(!v6->expiresAt);
    }

    void tokenErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("port 0") << QStringList{"--port", "0"}
                                << QByteArray("orderlab token: --port wants a whole number from 1 to 65535, got '0'");
        QTest::newRow("port text") << QStringList{"--port", "x"}
                                   << QByteArray("orderlab token: --port: 'x' is not a number");
        QTest::newRow("ttl 0") << QStringList{"--ttl", "0"}
                               << QByteArray("orderlab token: --ttl wants a whole number from 1 to 315360000, got '0'");
        QTest::newRow("bad host") << QStringList{"--host", "a/b"}
                                  << QByteArray(
                                         "orderlab token: --host: 'a/b' is neither an IP address nor a DNS name");
        QTest::newRow("empty host") << QStringList{"--host="}
                                    << QByteArray("orderlab token: --host: a server name must not be empty");
    }

    void tokenErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, error);
        const Run r = runOrderlab(QStringList{"token"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(error), r.err);
        QVERIFY(r.out.isEmpty());
    }

    void serveListensOnBothPorts()
    {
        QTemporaryDir tmp;
        QProcess p;
        p.setProcessEnvironment(orderlabEnvironment());
        p.start(QStringLiteral(ORDERLAB_BINARY),
                {"serve", "--momento-port", "0", "--momento-tls-port", "0", "--ca-dir", tmp.path()});
        QVERIFY(p.waitForStarted());
        QList<QByteArray> lines;
        // Not a timing check: a generous bound so that a server that never listens fails the test.
        while (lines.size() < 2 && p.state() == QProcess::Running) {
            if (!p.canReadLine())
                p.waitForReadyRead(30000);
            while (p.canReadLine())
                lines << p.readLine().trimmed();
        }
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith("momento listening on 127.0.0.1:"), lines[0]);
        QVERIFY2(lines[1].startsWith("momento (TLS) listening on 127.0.0.1:"), lines[1]);
        QVERIFY(lines[1].mid(lines[1].lastIndexOf(':') + 1).toInt() > 0);
        QVERIFY(lines[0].mid(lines[0].lastIndexOf(':') + 1) != lines[1].mid(lines[1].lastIndexOf(':') + 1));
        QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("server.pem")))); // serve made the CA folder
        p.terminate();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
    }

    void serveErrors()
    {
        QTemporaryDir tmp;
        Run r = runOrderlab({"serve", "--ca-dir", tmp.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.startsWith(
                "orderlab serve: --ca-dir is for the TLS port: give --momento-tls-port (or --handler-command) too"),
            r.err);
        r = runOrderlab({"serve", "--momento-tls-port", "70000"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("orderlab serve: --momento-tls-port wants a whole number from 0 to 65535"), r.err);
        const QString file = tmp.filePath(QStringLiteral("file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        r = runOrderlab({"serve", "--momento-port", "0", "--momento-tls-port", "0", "--ca-dir", file});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "orderlab serve: --ca-dir: " + file.toUtf8() + ": exists and is not a folder\n");
    }
};

QTEST_GUILESS_MAIN(TestTlsCommands)
#include "tst_tls_commands.moc"
