// `orderlab ca`: the local certificate authority of the Momento TLS port (docs/momento-tls.md).
#include "ca_options.h"
#include "command.h"

#include <cstdio>

namespace orderlab::app {

int runCa(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Makes (once; reuses afterwards) a local certificate authority and a server certificate for the Momento\n"
        "TLS port (serve --momento-tls-port), and prints where the CA certificate is and the environment line\n"
        "that makes grpc-js trust it. The server certificate names localhost, 127.0.0.1, ::1 and each --name.\n"
        "Exit status: 0 ready, 1 the folder cannot be used, 2 bad flags."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("dir"),
         QStringLiteral("The CA folder (default $XDG_DATA_HOME/orderlab/ca or ~/.local/share/orderlab/ca)."),
         QStringLiteral("DIR")},
        {QStringLiteral("name"),
         QStringLiteral("Another host name or IP address the server certificate must hold; repeatable."),
         QStringLiteral("NAME")},
    });
    parser.setRepeatable({QStringLiteral("name")});
    const QString cmd = QStringLiteral("ca");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;

    std::vector<std::string> names;
    for (const auto &n : parser.values(QStringLiteral("name"))) {
        if (const auto why = tls::serverNameError(n.toStdString()); !why.empty())
            return usageError(cmd,
                              parser.attributed(QStringLiteral("name"),
                                                QStringLiteral("--name: %1").arg(QString::fromStdString(why))),
                              parser.helpText());
        names.push_back(n.toStdString());
    }
    QString error;
    const auto dir = caDirectoryOption(parser, QStringLiteral("dir"), error);
    if (!dir)
        return usageError(cmd, error, parser.helpText());
    const auto ca = localCa(parser, QStringLiteral("dir"), *dir, names, error);
    if (!ca) {
        std::fprintf(stderr, "orderlab ca: %s\n", error.toLocal8Bit().constData());
        return Failed;
    }
    std::fprintf(stderr, "orderlab ca: %s the CA in %s%s\n", ca->createdCa ? "made" : "reused", ca->paths.dir.c_str(),
                 ca->issuedServer ? "; issued a new server certificate" : "");
    std::string held;
    for (const auto &n : ca->serverNames)
        held += (held.empty() ? "" : ", ") + n;
    const std::string out = "ca certificate: " + ca->paths.caCertificate + "\n" +
                            "server certificate: " + ca->paths.serverCertificate + " (" + held + ")\n" +
                            "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=" + ca->paths.caCertificate + "\n";
    return writeStdout(QByteArray::fromStdString(out)) ? Ok : Failed;
}

} // namespace orderlab::app
