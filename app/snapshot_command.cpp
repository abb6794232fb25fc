#include "command.h"

#include "scenario_loader.h"
#include "scenario_snapshot.h"

#include <QSaveFile>

#include <cstdio>

namespace orderlab::app {

int runSnapshot(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a scenario headless on the virtual clock, to its end (settled) or to --at, and writes the world's\n"
        "state (tables, stream, mapping checkpoints, caches, subscribers, clock, seed, configuration) to a state\n"
        "file that a scenario (state: FILE), `serve --state`, `simulate --state` or the window starts from\n"
        "(docs/state-files.md). Exit status: 0 written, 1 the run stopped or the file could not be written,\n"
        "2 bad usage or a scenario file that cannot be loaded."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("scenario"), QStringLiteral("The scenario (a scenario.yaml or its folder) to run."),
         QStringLiteral("FILE")},
        {QStringLiteral("at"),
         QStringLiteral("Take the state at MS milliseconds of emulator time since the run's start, after the\n"
                        "steps due by then (default: after the last step, once the stream drained)."),
         QStringLiteral("MS")},
        {QStringLiteral("out"), QStringLiteral("Write the state to FILE (replaced whole, or not at all)."),
         QStringLiteral("FILE")},
    });
    const QString cmd = QStringLiteral("snapshot");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;
    if (!parser.isSet(QStringLiteral("scenario")))
        return usageError(cmd, QStringLiteral("--scenario FILE is required"), parser.helpText());
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out FILE is required"), parser.helpText());
    std::optional<TimeMs> at;
    if (parser.isSet(QStringLiteral("at"))) {
        long long ms = 0;
        QString error;
        if (!wholeNumberOption(parser, QStringLiteral("at"), 0, 7LL * 24 * 3600 * 1000, ms, error))
            return usageError(cmd, error, parser.helpText());
        at = ms;
    }
    scenario::Scenario s;
    try {
        s = scenario::loadScenario(parser.value(QStringLiteral("scenario")).toStdString());
    } catch (const scenario::ScenarioError &e) {
        std::fprintf(stderr, "orderlab snapshot: %s\n", e.what());
        return BadUsage;
    }
    const scenario::ScenarioSnapshot snap = scenario::snapshotScenario(s, at);
    if (!snap.error.empty()) {
        std::fprintf(stderr, "orderlab snapshot: %s\n", snap.error.c_str());
        return Failed;
    }
    const QString file = parser.value(QStringLiteral("out"));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(snap.state.data(), static_cast<qint64>(snap.state.size())) !=
            static_cast<qint64>(snap.state.size()) ||
        !out.commit()) {
        std::fprintf(stderr, "orderlab snapshot: --out: cannot write %s: %s\n", qPrintable(file),
                     qPrintable(out.errorString()));
        return Failed;
    }
    std::printf("state at %lld ms of %s written to %s\n", static_cast<long long>(snap.atMs), s.name.c_str(),
                qPrintable(file));
    return Ok;
}

} // namespace orderlab::app
