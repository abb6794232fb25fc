#include "command.h"

#include "ca_options.h"
#include "check_hosting.h"
#include "function_config.h"
#include "handler_options.h"
#include "junit_report.h"
#include "scenario_check.h"
#include "scenario_loader.h"
#include "text/number_text.h"

#include <QDir>
#include <QSaveFile>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

namespace orderlab::app {

namespace {
using scenario::CheckResult;

/// "I/N" (1 <= I <= N <= 1,000,000) with the one number grammar; an error text naming --shard when bad.
QString readShard(const QString &text, long long &index, long long &count)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return QStringLiteral("--shard wants I/N (1/4: the first of four slices), got '%1'").arg(text);
    std::string error = text::readWholeNumber("--shard N", parts[1].toStdString(), 1, 1000000, count);
    if (error.empty())
        error = text::readWholeNumber("--shard I", parts[0].toStdString(), 1, count, index);
    return QString::fromStdString(error);
}

std::string indented(const std::string &text)
{
    std::string out = "    ";
    for (std::size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        if (text[i] == '\n' && i + 1 < text.size())
            out += "    ";
    }
    if (!out.empty() && out.back() != '\n')
        out += '\n';
    return out;
}

/// The handler the --handler-* options give every scenario, in place of world.handler.
scenario::HandlerSpec handlerOverride(const HandlerChoice &choice)
{
    const lambda::FunctionConfig &f = *choice.function;
    scenario::HandlerSpec h;
    h.kind = scenario::HandlerSpec::Kind::Process;
    h.place.file = "--handler-command";
    h.command = f.command;
    h.directory = QDir(QString::fromStdString(f.directory)).absolutePath().toStdString();
    h.name = f.handler;
    h.timeoutMs = choice.timeoutSeconds * 1000;
    h.memoryMb = f.memoryMb;
    h.environment = f.environment;
    return h;
}

std::string line(const CheckResult &r)
{
    char time[32];
    std::snprintf(time, sizeof time, "%.2f s", r.seconds);
    const char *status = r.status == CheckResult::Status::Passed   ? "PASS  "
                         : r.status == CheckResult::Status::Failed ? "FAIL  "
                                                                   : "BROKEN";
    std::string out = std::string(status) + " " + r.name + " (" + time + ")";
    if (!r.message.empty())
        out += ": " + r.message;
    out += "\n";
    if (r.goldenWritten)
        out += "    golden outcome written: " + r.path.substr(0, r.path.rfind('/') + 1) + "expected/outcome.json\n";
    if (r.status == CheckResult::Status::Failed && !r.details.empty())
        out += indented(r.details);
    return out;
}
} // namespace

int runCheck(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs each scenario (a scenario.yaml, its folder, or a folder of scenario folders) on a fresh world on\n"
        "the virtual clock, checks its expectations and compares its outcome with expected/outcome.json\n"
        "(docs/scenarios.md). One line per scenario, then 'N passed, N failed'. Exit status: 0 all passed,\n"
        "1 any failed, 2 bad usage or a scenario file that cannot be loaded. With --handler-command every\n"
        "scenario runs that handler process instead of its own handler; the clock waits for each invocation."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Scenario files or folders."));
    parser.addOptions({
        {QStringLiteral("junit"), QStringLiteral("Also write JUnit XML to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("update-golden"),
         QStringLiteral("Rewrite the golden outcomes that changed (never for a scenario that failed to load or run).")},
        {QStringLiteral("jobs"), QStringLiteral("Scenarios run at once, each on its own world (default 1)."),
         QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("shard"),
         QStringLiteral("Run only slice I of N (1-based) of the scenarios sorted by path: the scenarios whose\n"
                        "place in that order is I modulo N."),
         QStringLiteral("I/N")},
        {QStringLiteral("ca-dir"),
         QStringLiteral("For a handler process: the local CA whose certificate the Momento TLS port serves\n"
                        "(default: orderlab ca's folder)."),
         QStringLiteral("DIR")},
    });
    addHandlerOptions(parser);
    parser.setRepeatable({QStringLiteral("handler-env")});
    const QString cmd = QStringLiteral("check");
    if (!parser.parse(arguments))
        return usageError(cmd, parser.errorText(), parser.helpText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Ok;
    }
    QString error;
    long long jobs = 1;
    if (!wholeNumberOption(parser, QStringLiteral("jobs"), 1, 256, jobs, error))
        return usageError(cmd, error, parser.helpText());
    long long shardIndex = 1, shardCount = 1;
    if (parser.isSet(QStringLiteral("shard"))) {
        error = readShard(parser.value(QStringLiteral("shard")), shardIndex, shardCount);
        if (!error.isEmpty())
            return usageError(cmd, parser.attributed(QStringLiteral("shard"), error), parser.helpText());
    }
    HandlerChoice handler;
    if (!handlerOptions(parser, handler, error))
        return usageError(cmd, error, parser.helpText());
    scenario::HandlerHosting hosting;
    {
        const auto caDir = caDirectoryOption(parser, QStringLiteral("ca-dir"), error);
        if (!caDir)
            return usageError(cmd, error, parser.helpText());
        hosting.host = checkProcessHost(*caDir, handler.printLogs);
    }
    if (handler.function) {
        hosting.override = handlerOverride(handler);
        std::fprintf(stderr, "orderlab check: %s, for every scenario\n",
                     handlerDescription(handler).toLocal8Bit().constData());
    }
    const bool update = parser.isSet(QStringLiteral("update-golden"));
    if (parser.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("give at least one PATH (a scenario or a folder of them)"),
                          parser.helpText());
    std::vector<std::string> paths, missing;
    for (const auto &p : parser.positionalArguments())
        paths.push_back(p.toStdString());
    std::vector<std::string> all = scenario::findScenarios(paths, &missing);
    if (!missing.empty())
        return usageError(cmd,
                          QStringLiteral("no such file or folder: %1").arg(QString::fromStdString(missing.front())),
                          parser.helpText());
    if (all.empty())
        return usageError(cmd, QStringLiteral("no scenario.yaml under %1").arg(parser.positionalArguments().join(' ')),
                          parser.helpText());
    std::vector<std::string> mine;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (static_cast<long long>(i % static_cast<std::size_t>(shardCount)) == shardIndex - 1)
            mine.push_back(all[i]);

    // Workers take scenarios in order; lines are printed in that order as soon as each is ready.
    std::vector<CheckResult> results(mine.size());
    std::vector<bool> ready(mine.size(), false);
    std::atomic<std::size_t> next{0};
    std::mutex printing;
    std::size_t printed = 0;
    auto work = [&] {
        for (std::size_t i = next++; i < mine.size(); i = next++) {
            CheckResult r = scenario::checkScenario(mine[i], update, hosting);
            std::lock_guard lock(printing);
            results[i] = std::move(r);
            ready[i] = true;
            while (printed < mine.size() && ready[printed])
                std::fputs(line(results[printed++]).c_str(), stdout);
            std::fflush(stdout);
        }
    };
    std::vector<std::thread> workers;
    const auto threads = std::min<std::size_t>(static_cast<std::size_t>(jobs), mine.size());
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back(work);
    work();
    for (auto &w : workers)
        w.join();

    int passed = 0, failed = 0, broken = 0, written = 0;
    for (const auto &r : results) {
        passed += r.status == CheckResult::Status::Passed ? 1 : 0;
        failed += r.status == CheckResult::Status::Failed ? 1 : 0;
        broken += r.status == CheckResult::Status::Broken ? 1 : 0;
        written += r.goldenWritten ? 1 : 0;
    }
    if (update)
        std::printf("%d golden outcome%s written, %d unchanged\n", written, written == 1 ? "" : "s",
                    static_cast<int>(results.size()) - written - failed - broken);
    if (broken > 0)
        std::printf("%d scenario file%s could not be loaded\n", broken, broken == 1 ? "" : "s");
    std::printf("%d passed, %d failed\n", passed, failed + broken);
    std::fflush(stdout);
    if (parser.isSet(QStringLiteral("junit"))) {
        const QString file = parser.value(QStringLiteral("junit"));
        QSaveFile out(file);
        const std::string xml = scenario::junitXml(results);
        if (!out.open(QIODevice::WriteOnly) || out.write(xml.data(), static_cast<qint64>(xml.size())) < 0 ||
            !out.commit()) {
            std::fprintf(stderr, "orderlab check: --junit: cannot write %s: %s\n", qPrintable(file),
                         qPrintable(out.errorString()));
            return BadUsage;
        }
    }
    if (broken > 0)
        return BadUsage;
    return failed > 0 ? Failed : Ok;
}

} // namespace orderlab::app
