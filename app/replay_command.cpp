#include "command.h"

#include "replay/replay.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

namespace orderlab::app {

int runReplay(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs every event of EVENTS (one Lambda DynamoDB stream event per line; - for stdin) through\n"
                       "the handler against an in-memory cache and topics, and prints one JSON object:\n"
                       "{\"cache\":{...},\"published\":[...],\"failures\":[...]}"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("EVENTS"), QStringLiteral("the events file"));
    if (!parser.parse(arguments))
        return usageError(QStringLiteral("replay"), parser.errorText(), parser.helpText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("replay"), QStringLiteral("expects exactly one EVENTS file"),
                          parser.helpText());

    QFile file;
    const QString path = positional[0];
    bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                             : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        std::fprintf(stderr, "orderlab replay: cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return Failed;
    }
    const QByteArray bytes = file.readAll();
    try {
        std::string out =
            orderlab::replayEvents(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        out += '\n';
        if (!writeStdout(QByteArray::fromStdString(out))) {
            std::fprintf(stderr, "orderlab replay: writing the result failed\n");
            return Failed;
        }
    } catch (const orderlab::ReplayInputError &e) {
        std::fprintf(stderr, "orderlab replay: %s: %s\n", qPrintable(path), e.what());
        return Failed;
    }
    return Ok;
}

} // namespace orderlab::app
