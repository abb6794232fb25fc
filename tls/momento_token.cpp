#include "momento_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace orderlab::tls {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray hs256(const QByteArray &signingInput, const std::string &key)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char *>(signingInput.constData()),
              static_cast<std::size_t>(signingInput.size()), mac, &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(mac), static_cast<qsizetype>(length));
}

/// The three parts of a JWT, or false.
bool splitJwt(const std::string &token, QByteArray &header, QByteArray &payload, QByteArray &signature)
{
    const auto first = token.find('.');
    const auto second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos || token.find('.', second + 1) != std::string::npos)
        return false;
    header = QByteArray::fromStdString(token.substr(0, first));
    payload = QByteArray::fromStdString(token.substr(first + 1, second - first - 1));
    signature = QByteArray::fromStdString(token.substr(second + 1));
    return true;
}

std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    const auto decoded = QByteArray::fromBase64Encoding(part, kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError e;
    const auto doc = QJsonDocument::fromJson(*decoded, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

std::string endpointFor(const std::string &host, int port)
{
    const bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string mintMomentoToken(const MomentoTokenClaims &claims, const std::string &key)
{
    QJsonObject payload{{"sub", "orderlab"},
                        {"c", QString::fromStdString(claims.cacheEndpoint)},
                        {"cp", QString::fromStdString(claims.controlEndpoint)},
                        {"iat", static_cast<qint64>(claims.issuedAt)}};
    if (claims.expiresAt)
        payload.insert("exp", static_cast<qint64>(*claims.expiresAt));
    const QJsonObject header{{"alg", "HS256"}, {"typ", "JWT"}};
    const QByteArray input = QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.' +
                             QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    return (input + '.' + hs256(input, key).toBase64(kBase64Url)).toStdString();
}

std::optional<MomentoTokenClaims> parseMomentoToken(const std::string &token, std::string &error)
{
    QByteArray header, payload, signature;
    if (!splitJwt(token, header, payload, signature)) {
        error = "not a JWT: it wants three parts separated by '.'";
        return std::nullopt;
    }
    const auto claims = decodeObject(payload);
    if (!claims) {
        error = "the JWT's payload is not a base64url-encoded JSON object";
        return std::nullopt;
    }
    MomentoTokenClaims out;
    const auto c = claims->value("c"), cp = claims->value("cp");
    if (!c.isString() || !cp.isString() || c.toString().isEmpty() || cp.toString().isEmpty()) {
        error = "the JWT's payload has no endpoint: it wants the strings 'c' and 'cp'";
        return std::nullopt;
    }
    out.cacheEndpoint = c.toString().toStdString();
    out.controlEndpoint = cp.toString().toStdString();
    out.issuedAt = claims->value("iat").toInteger();
    if (claims->contains("exp"))
        out.expiresAt = claims->value("exp").toInteger();
    return out;
}

bool verifyMomentoToken(const std::string &token, const std::string &key, std::int64_t nowSeconds, std::string *why)
{
    auto fail = [&](const char *reason) {
        if (why)
            *why = reason;
        return false;
    };
    QByteArray header, payload, signature;
    if (!splitJwt(token, header, payload, signature))
        return fail("not a JWT");
    const auto h = decodeObject(header);
    if (!h || h->value("alg").toString() != QLatin1String("HS256"))
        return fail("not an HS256 JWT");
    const auto mac = QByteArray::fromBase64Encoding(signature, kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray expected = hs256(header + '.' + payload, key);
    if (!mac || expected.isEmpty() || (*mac).size() != expected.size() ||
        CRYPTO_memcmp((*mac).constData(), expected.constData(), static_cast<std::size_t>(expected.size())) != 0)
        return fail("the signature does not match the configured token");
    const auto claims = decodeObject(payload);
    if (!claims)
        return fail("the payload is not JSON");
    if (claims->contains("exp") && claims->value("exp").toInteger() <= nowSeconds)
        return fail("the token has expired");
    return true;
}

} // namespace orderlab::tls
