#include "command.h"

#include "generator/lifecycle_generator.h"
#include "generator/stream_record_writer.h"
#include "stream/view_type.h"

#include <cstdio>
#include <limits>

namespace orderlab::app {

int runGenerate(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints seeded random order lifecycles (new order, status changes, item edits, cancellations)\n"
                       "as Lambda DynamoDB stream events, one event per line. The same seed prints the same bytes."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("seed"), QStringLiteral("PRNG seed (default 1)."), QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("records"), QStringLiteral("Stream records in all (default 100)."), QStringLiteral("N"),
         QStringLiteral("100")},
        {QStringLiteral("batch"), QStringLiteral("Records per event, 1..10000 (default 100)."), QStringLiteral("N"),
         QStringLiteral("100")},
        {QStringLiteral("creators"), QStringLiteral("Size of the creator pool (default 20)."), QStringLiteral("N"),
         QStringLiteral("20")},
        {QStringLiteral("view-type"),
         QStringLiteral("KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES (default)."), QStringLiteral("T"),
         QStringLiteral("NEW_AND_OLD_IMAGES")},
    });
    const QString cmd = QStringLiteral("generate");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;
    QString error;
    unsigned long long seed = 1;
    if (!unsignedWholeNumberOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<std::uint64_t>::max(), seed,
                                   error))
        return usageError(cmd, error, parser.helpText());
    long long records = 100, batch = 100, creators = 20;
    const bool numbersOk = wholeNumberOption(parser, QStringLiteral("records"), 0, 100000000, records, error) &&
                           wholeNumberOption(parser, QStringLiteral("batch"), 1, 10000, batch, error) &&
                           wholeNumberOption(parser, QStringLiteral("creators"), 1, 1000000, creators, error);
    if (!numbersOk)
        return usageError(cmd, error, parser.helpText());
    const auto viewType = parseViewType(parser.value(QStringLiteral("view-type")).toStdString());
    if (!viewType)
        return usageError(
            cmd,
            parser.attributed(
                QStringLiteral("view-type"),
                QStringLiteral("unknown --view-type '%1'").arg(parser.value(QStringLiteral("view-type")))),
            parser.helpText());

    LifecycleGenerator::Options options;
    options.seed = seed;
    options.records = static_cast<int>(records);
    options.creators = static_cast<int>(creators);
    LifecycleGenerator generator(options);
    StreamRecordWriter writer(seed, *viewType);
    std::string line;
    while (generator.hasNext()) {
        line = writer.writeEvent(generator.next(static_cast<std::size_t>(batch)));
        line += '\n';
        if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size()) {
            std::fprintf(stderr, "orderlab generate: writing to stdout failed\n");
            return Failed;
        }
    }
    return std::fflush(stdout) == 0 ? Ok : Failed;
}

} // namespace orderlab::app
