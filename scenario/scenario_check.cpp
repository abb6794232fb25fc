#include "scenario_check.h"

#include "scenario_loader.h"
#include "scenario_runner.h"
#include "text_diff.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <chrono>

namespace orderlab::scenario {

namespace {
bool readFile(const std::string &path, std::string &out)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    out = f.readAll().toStdString();
    return true;
}

bool writeFile(const std::string &path, const std::string &text, std::string &error)
{
    const QFileInfo info(QString::fromStdString(path));
    if (!QDir().mkpath(info.absolutePath())) {
        error = "cannot create " + info.absolutePath().toStdString();
        return false;
    }
    QSaveFile f(info.filePath());
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), static_cast<qint64>(text.size())) < 0 || !f.commit()) {
        error = "cannot write " + path + ": " + f.errorString().toStdString();
        return false;
    }
    return true;
}
} // namespace

CheckResult checkScenario(const std::string &path, bool updateGolden, const HandlerHosting &handlers)
{
    const auto started = std::chrono::steady_clock::now();
    CheckResult result;
    result.path = path;
    result.name = QFileInfo(QFileInfo(QString::fromStdString(path)).absolutePath()).fileName().toStdString();
    auto done = [&]() -> CheckResult {
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return result;
    };
    Scenario scenario;
    try {
        scenario = loadScenario(path);
    } catch (const ScenarioError &e) {
        result.status = CheckResult::Status::Broken;
        result.message = e.what();
        return done();
    }
    result.name = scenario.name;
    result.status = CheckResult::Status::Failed;
    if (handlers.override)
        scenario.handler = *handlers.override;
    try {
        ScenarioRunner runner(scenario, handlers.host);
        const bool ran = runner.run();
        for (const auto &r : runner.results())
            if (!r.passed)
                result.details += r.report();
        if (!ran) {
            result.message = runner.error();
            return done();
        }
        std::string golden;
        const bool haveGolden = readFile(scenario.goldenPath(), golden);
        result.goldenChanged = !haveGolden || golden != runner.outcome();
        int failed = 0;
        for (const auto &r : runner.results())
            failed += r.passed ? 0 : 1;
        if (updateGolden && result.goldenChanged) {
            std::string error;
            if (!writeFile(scenario.goldenPath(), runner.outcome(), error)) {
                result.message = error;
                return done();
            }
            result.goldenWritten = true;
        } else if (result.goldenChanged) {
            result.details += haveGolden ? "the outcome differs from " + scenario.goldenPath() + ":\n" +
                                               lineDiff(golden, runner.outcome())
                                         : "";
            result.message = haveGolden ? "the outcome differs from the golden one"
                                        : "no golden outcome at " + scenario.goldenPath() +
                                              " (orderlab check --update-golden writes it)";
        }
        if (failed > 0)
            result.message = std::to_string(failed) + " expectation" + (failed == 1 ? "" : "s") + " failed" +
                             (result.message.empty() ? "" : "; " + result.message);
        if (result.message.empty())
            result.status = CheckResult::Status::Passed;
    } catch (const ScenarioError &e) {
        result.message = e.what();
    } catch (const std::exception &e) {
        result.message = std::string("the run failed: ") + e.what();
    }
    return done();
}

} // namespace orderlab::scenario
