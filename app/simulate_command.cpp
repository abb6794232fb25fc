#include "command.h"

#include "bounds_options.h"
#include "ca_options.h"
#include "handler_hosting.h"
#include "handler_options.h"
#include "pipeline/pipeline.h"
#include "pipeline/simulation_run.h"
#include "state_options.h"
#include "stream/view_type.h"

#include <cstdio>
#include <limits>

namespace orderlab::app {

namespace {
/// --timing PROFILE or --call-latency MS (not both) into `config`; an exit status on a bad value.
std::optional<int> timingOptions(const OptionParser &parser, PipelineConfig &config, const QString &cmd)
{
    const QString timing = QStringLiteral("timing"), latency = QStringLiteral("call-latency");
    if (parser.isSet(timing) && parser.isSet(latency))
        return usageError(cmd, QStringLiteral("--timing and --call-latency exclude each other"), parser.helpText());
    if (parser.isSet(latency)) {
        long long ms = 0;
        QString error;
        if (!wholeNumberOption(parser, latency, 0, 60000, ms, error))
            return usageError(cmd, error, parser.helpText());
        config.callLatencyMs = ms;
        return std::nullopt;
    }
    const auto profile = TimingProfile::named(parser.value(timing).toStdString());
    if (!profile)
        return usageError(cmd,
                          parser.attributed(timing, QStringLiteral("unknown --timing '%1' (instant, in-region or "
                                                                   "laptop-to-cloud)")
                                                        .arg(parser.value(timing))),
                          parser.helpText());
    config.timing = *profile;
    return std::nullopt;
}
} // namespace

int runSimulate(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the whole pipeline headless on the virtual clock: seeded order lifecycles written to the orders table,\n"
        "its stream, the event source mapping, the handler, the cache and topics; then checks the cache and the\n"
        "notifications against the table. With --handler-command the handler runs as a process, on the real clock.\n"
        "Exit status: 0 nothing lost or wrong, 1 the checker found something, 2 bad flags."));
    parser.addHelpOption();
    const QString N = QStringLiteral("N");
    parser.addOptions({
        {QStringLiteral("orders"), QStringLiteral("Orders to create (default 100)."), N, QStringLiteral("100")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the generator, faults and stream (default 1)."), N,
         QStringLiteral("1")},
        {QStringLiteral("rate"), QStringLiteral("Table writes per second of emulator time (default 20)."), N,
         QStringLiteral("20")},
        {QStringLiteral("creators"), QStringLiteral("Size of the creator pool (default 20)."), N, QStringLiteral("20")},
        {QStringLiteral("shards"), QStringLiteral("Stream shards (default 1)."), N, QStringLiteral("1")},
        {QStringLiteral("parallelization"), QStringLiteral("ParallelizationFactor, 1..10 (default 1)."), N,
         QStringLiteral("1")},
        {QStringLiteral("batch-size"), QStringLiteral("BatchSize, 1..10000 (default 100)."), N, QStringLiteral("100")},
        {QStringLiteral("window"), QStringLiteral("MaximumBatchingWindowInSeconds, 0..300 (default 0)."), N,
         QStringLiteral("0")},
        {QStringLiteral("retries"), QStringLiteral("MaximumRetryAttempts, -1 or 0..10000 (default -1)."), N,
         QStringLiteral("-1")},
        {QStringLiteral("max-age"), QStringLiteral("MaximumRecordAgeInSeconds, -1 or 60..604800 (default -1)."), N,
         QStringLiteral("-1")},
        {QStringLiteral("bisect"), QStringLiteral("BisectBatchOnFunctionError.")},
        {QStringLiteral("no-report-failures"),
         QStringLiteral("Leave out FunctionResponseTypes ReportBatchItemFailures.")},
        {QStringLiteral("view-type"), QStringLiteral("Stream view type (default NEW_AND_OLD_IMAGES)."),
         QStringLiteral("T"), QStringLiteral("NEW_AND_OLD_IMAGES")},
        {QStringLiteral("filter"), QStringLiteral("A FilterCriteria pattern (JSON); repeatable."),
         QStringLiteral("PATTERN")},
        {QStringLiteral("fault"),
         QStringLiteral(
             "OP=SPEC, repeatable: OP is cache.get, cache.set, cache.delete, topic.publish, handler, cache.* or *;\n"
             "SPEC is a probability (0.1), next:N, or p=0.1,code=unavailable,latency=50ms,mode=throw|timeout."),
         QStringLiteral("OP=SPEC")},
        {QStringLiteral("timing"),
         QStringLiteral(
             "Timing profile: instant, in-region or laptop-to-cloud (default in-region): seeded call latencies,\n"
             "Lambda overhead and poll jitter; see docs/timing-model.md."),
         QStringLiteral("PROFILE"), QStringLiteral("in-region")},
        {QStringLiteral("call-latency"),
         QStringLiteral("Instead of --timing: every cache or topic call takes exactly MS, polls in lock-step."),
         QStringLiteral("MS")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object instead of the summary.")},
        {QStringLiteral("effects"),
         QStringLiteral("Write what the handler did to FILE: one JSON line per publish, then one per cache item\n"
                        "(docs/command-line.md); the same table changes give the same file for any handler."),
         QStringLiteral("FILE")},
        {QStringLiteral("ca-dir"),
         QStringLiteral("With --handler-command: the local CA whose certificate the Momento TLS port serves\n"
                        "(default: orderlab ca's folder)."),
         QStringLiteral("DIR")},
        {QStringLiteral("progress"),
         QStringLiteral("Print how far the run has got to stderr every SECONDS of wall time, 1..3600 (default: "
                        "never)."),
         QStringLiteral("SECONDS")},
        stateOption(),
    });
    addBoundsOptions(parser);
    addHandlerOptions(parser);
    parser.setRepeatable({QStringLiteral("filter"), QStringLiteral("fault"), QStringLiteral("handler-env")});
    const QString cmd = QStringLiteral("simulate");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;

    SimulationOptions o;
    QString error;
    long long v = 0;
    auto take = [&](const char *name, long long min, long long max, auto &field) {
        v = static_cast<long long>(field);
        if (!wholeNumberOption(parser, QString::fromLatin1(name), min, max, v, error))
            return false;
        field = static_cast<std::remove_reference_t<decltype(field)>>(v);
        return true;
    };
    unsigned long long seed = o.pipeline.seed;
    if (!unsignedWholeNumberOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<std::uint64_t>::max(), seed,
                                   error))
        return usageError(cmd, error, parser.helpText());
    o.pipeline.seed = seed;
    auto &m = o.pipeline.mapping;
    if (!(take("orders", 1, 10000000, o.orders) && take("rate", 1, 1000000, o.writesPerSecond) &&
          take("creators", 1, 1000000, o.creators) && take("shards", 1, 64, o.pipeline.shards) &&
          take("parallelization", -1000000, 1000000, m.parallelizationFactor) &&
          take("batch-size", -1000000, 1000000, m.batchSize) &&
          take("window", -1000000, 1000000, m.maximumBatchingWindowSeconds) &&
          take("retries", -1000000, 1000000, m.maximumRetryAttempts) &&
          take("max-age", -1000000, 100000000, m.maximumRecordAgeSeconds)))
        return usageError(cmd, error, parser.helpText());
    if (!boundsOptions(parser, o.pipeline, o.maxLiveOrders, error))
        return usageError(cmd, error, parser.helpText());
    HandlerChoice handler;
    if (!handlerOptions(parser, handler, error))
        return usageError(cmd, error, parser.helpText());
    if (const auto stop = timingOptions(parser, o.pipeline, cmd))
        return *stop;
    m.bisectBatchOnFunctionError = parser.isSet(QStringLiteral("bisect"));
    m.reportBatchItemFailures = !parser.isSet(QStringLiteral("no-report-failures"));
    for (const auto &f : parser.values(QStringLiteral("filter")))
        m.filters.push_back(f.toStdString());
    const auto errors = m.validate();
    if (!errors.empty())
        return usageError(cmd, parser.withEnvironmentNote(QString::fromStdString(errors.front())), parser.helpText());
    const auto view = parseViewType(parser.value(QStringLiteral("view-type")).toStdString());
    if (!view)
        return usageError(
            cmd,
            parser.attributed(
                QStringLiteral("view-type"),
                QStringLiteral("unknown --view-type '%1'").arg(parser.value(QStringLiteral("view-type")))),
            parser.helpText());
    o.pipeline.viewType = *view;
    {
        // The state's clock, seed, configuration and faults first: --fault adds to them.
        WorldConfig world;
        world.pipeline = o.pipeline;
        const QStringList excluded{
            QStringLiteral("seed"),        QStringLiteral("shards"), QStringLiteral("parallelization"),
            QStringLiteral("batch-size"),  QStringLiteral("window"), QStringLiteral("retries"),
            QStringLiteral("max-age"),     QStringLiteral("bisect"), QStringLiteral("no-report-failures"),
            QStringLiteral("view-type"),   QStringLiteral("filter"), QStringLiteral("timing"),
            QStringLiteral("call-latency")};
        if (!stateOptions(parser, excluded, world, error))
            return usageError(cmd, error, parser.helpText());
        o.pipeline = world.pipeline;
        o.state = world.state;
    }
    {
        QString faultError;
        if (!faultOptions(parser, o.pipeline.faults, faultError))
            return usageError(cmd, faultError, parser.helpText());
    }

    if (parser.isSet(QStringLiteral("progress"))) {
        long long seconds = 0;
        if (!wholeNumberOption(parser, QStringLiteral("progress"), 1, 3600, seconds, error))
            return usageError(cmd, error, parser.helpText());
        o.progressEveryMs = static_cast<int>(seconds * 1000);
        o.progress = [](const SimulationProgress &p) {
            const long long s = p.virtualMs / 1000;
            std::fprintf(stderr,
                         "orderlab simulate: %lld:%02lld:%02lld of emulator time, %llu table writes, %.0f s wall\n",
                         s / 3600, s / 60 % 60, s % 60, static_cast<unsigned long long>(p.writes), p.wallSeconds);
        };
    }
    if (parser.isSet(QStringLiteral("ca-dir")) && !handler.function)
        return usageError(
            cmd, parser.attributed(QStringLiteral("ca-dir"), QStringLiteral("--ca-dir needs --handler-command")),
            parser.helpText());
    if (parser.isSet(QStringLiteral("effects"))) {
        o.effectsPath = parser.value(QStringLiteral("effects")).toStdString();
        if (o.effectsPath.empty())
            return usageError(
                cmd, parser.attributed(QStringLiteral("effects"), QStringLiteral("--effects wants a file name")),
                parser.helpText());
    }
    if (handler.function) {
        const auto caDir = caDirectoryOption(parser, QStringLiteral("ca-dir"), error);
        if (!caDir)
            return usageError(cmd, error, parser.helpText());
        const auto ca = localCa(parser, QStringLiteral("ca-dir"), *caDir, {}, error);
        if (!ca) {
            std::fprintf(stderr, "orderlab simulate: %s\n", error.toLocal8Bit().constData());
            return Failed;
        }
        hostForHandler(*handler.function, *ca, o);
    }
    useHandler(handler, o.pipeline);
    o.realClock = handler.function != nullptr;
    if (o.realClock)
        std::fprintf(stderr,
                     "orderlab simulate: %s; a handler process runs on the real clock, so this run takes as long "
                     "as its writes do\n",
                     handlerDescription(handler).toLocal8Bit().constData());
    const SimulationResult result = runSimulation(o);
    if (!result.error.empty()) {
        std::fprintf(stderr, "orderlab simulate: %s\n", result.error.c_str());
        return Failed;
    }
    // stdout depends on the options alone (the same seed prints the same bytes); the wall clock goes to stderr.
    const std::string out = parser.isSet(QStringLiteral("json")) ? result.json() + "\n" : result.summary();
    if (!writeStdout(QByteArray::fromStdString(out)))
        return Failed;
    std::fprintf(stderr, "orderlab simulate: %.3f s wall\n", result.wallSeconds);
    return result.clean() ? Ok : Failed;
}

} // namespace orderlab::app
