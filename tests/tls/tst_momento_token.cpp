// Momento tokens (tls/momento_token.h, docs/momento-tls.md): minted, read back the way the SDK reads them,
// and verified the way serve does.
#include "momento_token.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace orderlab::tls;

namespace {

/// The JWT's payload decoded as the SDK's jwt-decode does it (base64url, JSON).
QJsonObject payloadOf(const std::string &token)
{
    const QByteArray part = QByteArray::fromStdString(token).split('.').value(1);
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding)).object();
}

MomentoTokenClaims claims(const std::string &endpoint, std::optional<std::int64_t> exp = std::nullopt)
{
    MomentoTokenClaims c;
    c.cacheEndpoint = c.controlEndpoint = endpoint;
    c.issuedAt = 1700000000;
    c.expiresAt = exp;
    return c;
}

} // namespace

class TestMomentoToken : public QObject
{
    Q_OBJECT

  private slots:
    void endpoints()
    {
        QCOMPARE(endpointFor("127.0.0.1", 8443), std::string("127.0.0.1:8443"));
        QCOMPARE(endpointFor("localhost", 1), std::string("localhost:1"));
        QCOMPARE(endpointFor("::1", 9443), std::string("[::1]:9443"));
    }

    void mintedTokenParsesBack()
    {
        const std::string token = mintMomentoToken(claims("127.0.0.1:8443", 1700003600), "secret");
        QCOMPARE(std::count(token.begin(), token.end(), '.'), 2);
        // Not base64 as a whole: the SDK takes a base64 text for a v1 key ({"endpoint","api_key"}) instead.
        QVERIFY(token.find_first_of("+/=") == std::string::npos);
        std::string error;
        const auto back = parseMomentoToken(token, error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->cacheEndpoint, std::string("127.0.0.1:8443"));
        QCOMPARE(back->controlEndpoint, std::string("127.0.0.1:8443"));
        QCOMPARE(back->issuedAt, std::int64_t(1700000000));
        QCOMPARE(back->expiresAt.value_or(0), std::int64_t(1700003600));
        // The claims the SDK reads (c, cp), and no `t` ("g" would make it a v2 key the SDK refuses here).
        const QJsonObject p = payloadOf(token);
        QCOMPARE(p.value("c").toString(), QStringLiteral("127.0.0.1:8443"));
        QCOMPARE(p.value("cp").toString(), QStringLiteral("127.0.0.1:8443"));
        QVERIFY(!p.contains("t"));
        const auto noExpiry = parseMomentoToken(mintMomentoToken(claims("[::1]:1"), ""), error);
        QVERIFY(noExpiry && !noExpiry->expiresAt);
        QCOMPARE(noExpiry->cacheEndpoint, std::string("[::1]:1"));
    }

    void verify()
    {
        const std::int64_t now = 1700001000;
        const std::string token = mintMomentoToken(claims("127.0.0.1:8443", now + 1), "secret");
        std::string why;
        QVERIFY2(verifyMomentoToken(token, "secret", now, &why), why.c_str());
        QVERIFY(!verifyMomentoToken(token, "secret", now + 1, &why));
        QCOMPARE(why, std::string("the token has expired"));
        QVERIFY(!verifyMomentoToken(token, "other", now, &why));
        QCOMPARE(why, std::string("the signature does not match the configured token"));
        QVERIFY(!verifyMomentoToken(token, "", now, &why));
        QVERIFY(verifyMomentoToken(mintMomentoToken(claims("h:1"), "secret"), "secret", now + 1000000000, &why));
        // A payload changed after signing.
        auto parts = QByteArray::fromStdString(token).split('.');
        parts[1] = QJsonDocument(QJsonObject{{"c", "evil:1"}, {"cp", "evil:1"}})
                       .toJson(QJsonDocument::Compact)
                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QVERIFY(!verifyMomentoToken(parts.join('.').toStdString(), "secret", now, &why));
        QCOMPARE(why, std::string("the signature does not match the configured token"));
        // An unsigned ("none") token with a right-looking signature part.
        parts = QByteArray::fromStdString(token).split('.');
        parts[0] =
            QByteArray(R"({"alg":"none"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QVERIFY(!verifyMomentoToken(parts.join('.').toStdString(), "secret", now, &why));
        QCOMPARE(why, std::string("not an HS256 JWT"));
        for (const char *bad : {"", "secret", "a.b", "a.b.c.d", "!!.!!.!!", "..."})
            QVERIFY2(!verifyMomentoToken(bad, "secret", now), bad);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("error");
        const QString b64 = QString::fromLatin1(
            QByteArray(R"({"c":"h:1"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QTest::newRow("one part") << "abc"
                                  << "not a JWT: it wants three parts separated by '.'";
        QTest::newRow("four parts") << "a.b.c.d"
                                    << "not a JWT: it wants three parts separated by '.'";
        QTest::newRow("not base64url") << "a.!!.c"
                                       << "the JWT's payload is not a base64url-encoded JSON object";
        QTest::newRow("not JSON") << "a.bm90IGpzb24.c"
                                  << "the JWT's payload is not a base64url-encoded JSON object";
        QTest::newRow("no cp") << "a." + b64 + ".c"
                               << "the JWT's payload has no endpoint: it wants the strings 'c' and 'cp'";
    }

    void parseErrors()
    {
        QFETCH(QString, token);
        QFETCH(QString, error);
        std::string why;
        QVERIFY(!parseMomentoToken(token.toStdString(), why));
        QCOMPARE(QString::fromStdString(why), error);
    }
};

QTEST_GUILESS_MAIN(TestMomentoToken)
#include "tst_momento_token.moc"
