// `orderlab token`: a Momento token whose endpoints lead to orderlab's TLS port (docs/momento-tls.md).
#include "command.h"

#include "local_ca.h"
#include "momento_token.h"

#include <chrono>
#include <optional>

namespace orderlab::app {

int runToken(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints a Momento token (a legacy JWT with the endpoints HOST:PORT) that the Momento SDKs take with\n"
        "CredentialProvider.fromString or fromEnvironmentVariable, and that leads them to orderlab serve\n"
        "--momento-tls-port PORT. With --auth-token T it is signed with T, which serve --auth-token T accepts.\n"
        "Exit status: 0 printed, 2 bad flags."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("host"),
         QStringLiteral("Host name or IP address of the endpoints; the server certificate must hold it\n"
                        "(default 127.0.0.1; see orderlab ca --name)."),
         QStringLiteral("HOST"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("Port of the endpoints: serve's --momento-tls-port (default 8443)."),
         QStringLiteral("PORT"), QStringLiteral("8443")},
        {QStringLiteral("ttl"), QStringLiteral("Seconds until the token expires (default: it never does)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("auth-token"), QStringLiteral("Sign the token with T, serve's --auth-token (default: none)."),
         QStringLiteral("T")},
    });
    const QString cmd = QStringLiteral("token");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;

    QString error;
    long long port = 8443, ttl = 0;
    if (!wholeNumberOption(parser, QStringLiteral("port"), 1, 65535, port, error) ||
        !wholeNumberOption(parser, QStringLiteral("ttl"), 1, 315360000, ttl, error))
        return usageError(cmd, error, parser.helpText());
    const std::string host = parser.value(QStringLiteral("host")).toStdString();
    if (const auto why = tls::serverNameError(host); !why.empty())
        return usageError(
            cmd,
            parser.attributed(QStringLiteral("host"), QStringLiteral("--host: %1").arg(QString::fromStdString(why))),
            parser.helpText());

    tls::MomentoTokenClaims claims;
    claims.cacheEndpoint = claims.controlEndpoint = tls::endpointFor(host, static_cast<int>(port));
    claims.issuedAt =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (parser.isSet(QStringLiteral("ttl")))
        claims.expiresAt = claims.issuedAt + ttl;
    const std::string token = tls::mintMomentoToken(claims, parser.value(QStringLiteral("auth-token")).toStdString());
    return writeStdout(QByteArray::fromStdString(token + "\n")) ? Ok : Failed;
}

} // namespace orderlab::app
