// A scenario that names a handler process, in the window (docs/scenarios.md, "In the window"): Open scenario
// hosts the process as the Function group would, holds the clock while each invocation runs, and every
// expectation turns green; the status bar says so; Run all checks it as orderlab check does; a folder that does
// not exist is an error at the scenario's handler line, and nothing restarts.
#include "invocations_model.h"
#include "invocations_pane.h"
#include "live/live_emulator.h"
#include "run_all_dialog.h"
#include "scenario_check.h"
#include "scenario_menu.h"
#include "scenario_panel.h"
#include "scenario_panel_items.h"
#include "scenario_player.h"
#include "simulation_pane.h"
#include "status_line.h"
#include "window_fixture.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QTableWidget>
#include <QTreeWidget>

using namespace orderlab;
using namespace orderlab::test;

namespace {
constexpr int kWait = 20000;
constexpr int kLong = 120000;

/// A scenario whose handler is orderlab-lambda (core as a Lambda custom runtime), given as `handler`.
QByteArray scenarioText(const QByteArray &handler)
{
    return R"(description: An order through a handler process.
world:
  timing: instant
  handler: )" +
           handler +
           R"(
steps:
  - at: 100ms
    new-order: {pk: ord-1, creator: ann, items: [{name: margherita, size: L, price: 12.5}]}
  - after: 1s
    advance-status: ord-1
  - wait: {until: drained}
  - expect:
      cache:
        - {key: ord-1, contains: {status: PREPARING}}
      notifications:
        - {subscriber: Admin app, containing: [new-order]}
        - {subscriber: Order app, exactly: [ord-1-status-updated]}
      failures: []
)";
}

QByteArray lambdaHandler()
{
    return "{command: \"exec '" ORDERLAB_LAMBDA "'\", timeout: 5s}";
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TstScenarioProcessWindow : public QObject
{
    Q_OBJECT
  private slots:
    void initTestCase() { QVERIFY(m_data.use()); }

    void openScenarioRunsItsProcessWithTheClockWaiting()
    {
        QTemporaryDir scenarios;
        write(scenarios.filePath(QStringLiteral("through-lambda/scenario.yaml")), scenarioText(lambdaHandler()));
        WindowFixture fixture;
        auto w = fixture.open();
        ScenarioMenu &menu = *w->scenarioMenu();
        QCOMPARE(menu.openScenario(scenarios.filePath(QStringLiteral("through-lambda"))), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            w->statusLine()->handlerText().contains(QStringLiteral("(the clock waits for each invocation)")), kWait);
        QVERIFY(w->statusLine()->handlerText().contains(QStringLiteral(ORDERLAB_LAMBDA)));
        // The clock is the scenario's, not the real clock at 1x: the speed stays free.
        QVERIFY(w->simulationPane()->speedBox()->isEnabled());
        ScenarioPlayer &player = menu.player();
        player.run(0);
        QTRY_VERIFY_WITH_TIMEOUT(player.hasEnded(), kLong);
        QCOMPARE(player.error(), QString());
        const auto items = expectationItems(menu.panel()->stepList());
        QCOMPARE(items.size(), 4);
        for (auto *item : items)
            QVERIFY2(item->data(1, ScenarioPanel::StateRole).toString() == QStringLiteral("passed"),
                     qPrintable(item->text(0) + QStringLiteral(": ") + item->toolTip(1)));
        // The invocations were the process's: each has its log.
        InvocationsModel *invocations = w->invocationsPane()->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                w->emulator().flush();
                return invocations->rowCount() >= 2;
            }(),
            kWait);
        for (int r = 0; r < invocations->rowCount(); ++r) {
            QCOMPARE(invocations->invocation(r).outcome, QStringLiteral("success"));
            QVERIFY(invocations->invocation(r).log.value(0).startsWith(QStringLiteral("START RequestId: ")) ||
                    !invocations->invocation(r).log.filter(QStringLiteral("START RequestId: ")).isEmpty());
        }
    }

    void aFolderThatDoesNotExistIsRefusedAtTheHandlerLine()
    {
        QTemporaryDir scenarios;
        write(scenarios.filePath(QStringLiteral("nowhere/scenario.yaml")),
              scenarioText("{command: ./bootstrap, dir: ../no-such-folder}"));
        WindowFixture fixture;
        auto w = fixture.open();
        World *before = w->emulator().world();
        const QString error = w->scenarioMenu()->openScenario(scenarios.filePath(QStringLiteral("nowhere")));
        QVERIFY2(error.contains(QStringLiteral("scenario.yaml:4:")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("world.handler: the handler's folder ")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("no-such-folder does not exist")), qPrintable(error));
        QCOMPARE(w->emulator().world(), before); // nothing restarted
        QVERIFY(!w->scenarioMenu()->player().isOpen());
    }

    void runAllChecksAScenarioWithItsProcess()
    {
        QTemporaryDir scenarios;
        write(scenarios.filePath(QStringLiteral("through-lambda/scenario.yaml")), scenarioText(lambdaHandler()));
        write(scenarios.filePath(QStringLiteral("in-process/scenario.yaml")), scenarioText("core"));
        // Core's outcome is the golden one of both: the process must give it byte for byte.
        const auto core = scenario::checkScenario(scenarios.filePath(QStringLiteral("in-process")).toStdString(), true);
        QVERIFY2(core.goldenWritten, core.message.c_str());
        QVERIFY(QDir().mkpath(scenarios.filePath(QStringLiteral("through-lambda/expected"))));
        QVERIFY(QFile::copy(scenarios.filePath(QStringLiteral("in-process/expected/outcome.json")),
                            scenarios.filePath(QStringLiteral("through-lambda/expected/outcome.json"))));
        WindowFixture fixture;
        auto w = fixture.open();
        RunAllDialog *dialog = w->scenarioMenu()->runAll(scenarios.path());
        QCOMPARE(dialog->table()->rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), kLong);
        for (int r = 0; r < 2; ++r)
            QVERIFY2(dialog->table()->item(r, RunAllDialog::Status)->text() == QStringLiteral("passed"),
                     qPrintable(dialog->table()->item(r, RunAllDialog::Message)->text() +
                                dialog->table()->item(r, RunAllDialog::Message)->toolTip()));
    }

  private:
    TestDataHome m_data;
};

QTEST_MAIN(TstScenarioProcessWindow)
#include "tst_scenario_process_window.moc"
