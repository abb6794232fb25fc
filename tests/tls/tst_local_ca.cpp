// The local CA folder (tls/local_ca.h, docs/momento-tls.md): made once, reused, server names, errors.
#include "local_ca.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace orderlab::tls;

namespace {

struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr parse(const std::string &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::string readAll(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

void writeAll(const std::string &path, const QByteArray &bytes)
{
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

unsigned modeOf(const std::string &path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 0;
}

/// The server certificate verifies against the CA as a TLS server certificate for `name`.
bool verifiesFor(const std::string &caPem, const std::string &serverPem, const std::string &name)
{
    X509Ptr ca = parse(caPem), server = parse(serverPem);
    if (!ca || !server)
        return false;
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
    X509_STORE_add_cert(store.get(), ca.get());
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), X509_STORE_CTX_free);
    X509_STORE_CTX_init(ctx.get(), store.get(), server.get(), nullptr);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) // not an IP address: a host name
        X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    return X509_verify_cert(ctx.get()) == 1;
}

} // namespace

class TestLocalCa : public QObject
{
    Q_OBJECT

  private slots:
    void madeOnceThenReused()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath(QStringLiteral("nested/ca")).toStdString();
        std::string error;
        const auto first = ensureLocalCa(dir, {}, error);
        QVERIFY2(first, error.c_str());
        QVERIFY(first->createdCa);
        QVERIFY(first->issuedServer);
        QCOMPARE(modeOf(first->paths.caKey), 0600u);
        QCOMPARE(modeOf(first->paths.serverKey), 0600u);
        QCOMPARE(modeOf(first->paths.caCertificate), 0644u);
        QCOMPARE(modeOf(dir), 0700u);
        QCOMPARE(readAll(first->paths.serverCertificate), first->serverCertificatePem);

        const std::string caPem = readAll(first->paths.caCertificate);
        const auto second = ensureLocalCa(dir, {}, error);
        QVERIFY2(second, error.c_str());
        QVERIFY(!second->createdCa);
        QVERIFY(!second->issuedServer);
        QCOMPARE(second->serverCertificatePem, first->serverCertificatePem);
        QCOMPARE(second->serverKeyPem, first->serverKeyPem);
        QCOMPARE(readAll(second->paths.caCertificate), caPem);
    }

    void serverCertificateNamesLoopback()
    {
        QTemporaryDir tmp;
        std::string error;
        const auto ca = ensureLocalCa(tmp.path().toStdString(), {}, error);
        QVERIFY2(ca, error.c_str());
        const std::vector<std::string> expected{"localhost", "127.0.0.1", "::1"};
        QCOMPARE(ca->serverNames, expected);
        const std::string caPem = readAll(ca->paths.caCertificate);
        for (const auto &name : expected)
            QVERIFY2(verifiesFor(caPem, ca->serverCertificatePem, name), name.c_str());
        QVERIFY(!verifiesFor(caPem, ca->serverCertificatePem, "cache.localhost"));
        QVERIFY(!verifiesFor(caPem, ca->serverCertificatePem, "127.0.0.2"));
        // The CA is a CA; the server certificate is not.
        X509Ptr caCert = parse(caPem), server = parse(ca->serverCertificatePem);
        QVERIFY(X509_check_ca(caCert.get()) != 0);
        QCOMPARE(X509_check_ca(server.get()), 0);
    }

    void anotherNameReissuesTheServerCertificateOnly()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        std::string error;
        const auto first = ensureLocalCa(dir, {"orderlab.test"}, error);
        QVERIFY2(first, error.c_str());
        const std::string caPem = readAll(first->paths.caCertificate);
        const auto second = ensureLocalCa(dir, {"10.1.2.3"}, error);
        QVERIFY2(second, error.c_str());
        QVERIFY(!second->createdCa);
        QVERIFY(second->issuedServer);
        QCOMPARE(readAll(second->paths.caCertificate), caPem);
        for (const char *name : {"localhost", "orderlab.test", "10.1.2.3"})
            QVERIFY2(verifiesFor(caPem, second->serverCertificatePem, name), name);
        // Names it holds already: reused.
        const auto third = ensureLocalCa(dir, {"orderlab.test"}, error);
        QVERIFY2(third, error.c_str());
        QVERIFY(!third->issuedServer);
    }

    void serverCertificateOfAnotherCaIsReplaced()
    {
        QTemporaryDir a, b;
        std::string error;
        const auto ca = ensureLocalCa(a.path().toStdString(), {}, error);
        const auto other = ensureLocalCa(b.path().toStdString(), {}, error);
        QVERIFY(ca && other);
        writeAll(ca->paths.serverCertificate, QByteArray::fromStdString(other->serverCertificatePem));
        writeAll(ca->paths.serverKey, QByteArray::fromStdString(other->serverKeyPem));
        const auto again = ensureLocalCa(a.path().toStdString(), {}, error);
        QVERIFY2(again, error.c_str());
        QVERIFY(again->issuedServer);
        QVERIFY(verifiesFor(readAll(ca->paths.caCertificate), again->serverCertificatePem, "127.0.0.1"));
    }

    void errorsNameThePath_data()
    {
        QTest::addColumn<QString>("file");       // which file to spoil ("" = none)
        QTest::addColumn<QByteArray>("content"); // what to put there
        QTest::addColumn<QString>("expected");   // in the error, after the folder's path
        QTest::newRow("corrupt ca.pem") << "ca.pem" << QByteArray("not a certificate")
                                        << "/ca.pem: not a PEM certificate";
        QTest::newRow("corrupt ca-key.pem") << "ca-key.pem" << QByteArray("-----BEGIN PRIVATE KEY-----\nxx\n")
                                            << "/ca-key.pem: not an unencrypted PEM private key";
        QTest::newRow("empty server.pem") << "server.pem" << QByteArray() << "/server.pem: not a PEM certificate";
        QTest::newRow("corrupt server-key.pem")
            << "server-key.pem" << QByteArray("garbage") << "/server-key.pem: not an unencrypted PEM private key";
    }

    void errorsNameThePath()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        std::string error;
        QVERIFY(ensureLocalCa(dir, {}, error));
        const std::string path = dir + "/" + file.toStdString();
        writeAll(path, content);
        const std::string others = readAll(dir + "/server.pem") + readAll(dir + "/ca.pem");
        QVERIFY(!ensureLocalCa(dir, {"another.name"}, error));
        QVERIFY2(QString::fromStdString(error).startsWith(tmp.path() + expected), error.c_str());
        QCOMPARE(readAll(path), content.toStdString()); // nothing replaced
        QCOMPARE(readAll(dir + "/server.pem") + readAll(dir + "/ca.pem"), others);
    }

    void keysThatDoNotMatch()
    {
        QTemporaryDir a, b;
        std::string error;
        const auto ca = ensureLocalCa(a.path().toStdString(), {}, error);
        const auto other = ensureLocalCa(b.path().toStdString(), {}, error);
        QVERIFY(ca && other);
        writeAll(ca->paths.serverKey, QByteArray::fromStdString(other->serverKeyPem));
        QVERIFY(!ensureLocalCa(a.path().toStdString(), {}, error));
        QCOMPARE(QString::fromStdString(error),
                 a.path() + "/server-key.pem: does not match the certificate " + a.path() + "/server.pem");
        writeAll(ca->paths.caKey, readAll(other->paths.caKey).c_str());
        QVERIFY(!ensureLocalCa(a.path().toStdString(), {}, error));
        QCOMPARE(QString::fromStdString(error),
                 a.path() + "/ca-key.pem: does not match the certificate " + a.path() + "/ca.pem");
    }

    void halfACa()
    {
        QTemporaryDir tmp;
        writeAll(tmp.filePath(QStringLiteral("ca.pem")).toStdString(), "x");
        std::string error;
        QVERIFY(!ensureLocalCa(tmp.path().toStdString(), {}, error));
        QVERIFY2(QString::fromStdString(error).startsWith(tmp.path() + "/ca-key.pem: missing, while " + tmp.path() +
                                                          "/ca.pem exists"),
                 error.c_str());
    }

    void badFolders()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.filePath(QStringLiteral("file")).toStdString();
        writeAll(file, "x");
        std::string error;
        QVERIFY(!ensureLocalCa(file, {}, error));
        QCOMPARE(error, file + ": exists and is not a folder");
        QVERIFY(!ensureLocalCa(file + "/sub", {}, error));
        QVERIFY2(error.rfind(file + "/sub: cannot make the folder: ", 0) == 0, error.c_str());
        QVERIFY(!ensureLocalCa("", {}, error));
        QCOMPARE(error, std::string("the CA folder must not be empty"));
        const std::string folderAsFile = tmp.filePath(QStringLiteral("d")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(folderAsFile + "/ca.pem")));
        writeAll(folderAsFile + "/ca-key.pem", "x");
        QVERIFY(!ensureLocalCa(folderAsFile, {}, error));
        QCOMPARE(error, folderAsFile + "/ca.pem: is a folder, not a file");
    }

    void badNames()
    {
        QTemporaryDir tmp;
        std::string error;
        for (const char *bad : {"", "a b", "a,DNS:evil", "-", ".x", "x..y", "*.local"}) {
            QVERIFY2(!ensureLocalCa(tmp.path().toStdString(), {bad}, error), bad);
            QVERIFY(!serverNameError(bad).empty());
        }
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("ca.pem")))); // refused before anything is written
        for (const char *good : {"localhost", "my-host.example", "192.168.1.10", "fe80::1"})
            QVERIFY2(serverNameError(good).empty(), good);
    }

    void defaultFolder()
    {
        const QByteArray xdg = qgetenv("XDG_DATA_HOME"), home = qgetenv("HOME");
        qputenv("XDG_DATA_HOME", "/x/data");
        QCOMPARE(defaultCaDirectory(), std::string("/x/data/orderlab/ca"));
        qunsetenv("XDG_DATA_HOME");
        qputenv("HOME", "/home/u");
        QCOMPARE(defaultCaDirectory(), std::string("/home/u/.local/share/orderlab/ca"));
        qunsetenv("HOME");
        QCOMPARE(defaultCaDirectory(), std::string());
        if (!xdg.isNull())
            qputenv("XDG_DATA_HOME", xdg);
        if (!home.isNull())
            qputenv("HOME", home);
    }
};

QTEST_GUILESS_MAIN(TestLocalCa)
#include "tst_local_ca.moc"
