// Scenarios in the window (docs/scenarios.md, "In the window"): a recording made through the window's
// LiveEmulator replays headless to PASS; Open scenario runs one with every expectation coloured, a red
// one opening its side-by-side diff; a broken file shows file:line:col and runs nothing; Run all
// checks a folder on worker threads while the GUI thread keeps going.
#include "cache_model.h"
#include "cache_pane.h"
#include "emulator_controller.h"
#include "json_diff_dialog.h"
#include "live/live_emulator.h"
#include "notifications_view.h"
#include "orders_model.h"
#include "orders_pane.h"
#include "run_all_dialog.h"
#include "scenario_check.h"
#include "scenario_loader.h"
#include "scenario_menu.h"
#include "scenario_panel.h"
#include "scenario_panel_items.h"
#include "scenario_player.h"
#include "scenario_recorder.h"
#include "scenario_save.h"
#include "subscribers_pane.h"
#include "window_fixture.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>

using namespace orderlab;
using namespace orderlab::test;

namespace {
constexpr int kWait = 20000;
constexpr int kLong = 120000;

QString shipped()
{
    return QStringLiteral(ORDERLAB_TEST_DATA "/../../resources/scenarios");
}

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

/// Moves the paused emulator's clock by `ms` and waits until it got there.
void stepBy(LiveEmulator &e, qint64 ms)
{
    const qint64 target = e.clock() + ms;
    e.step(ms);
    QTRY_COMPARE_WITH_TIMEOUT(e.clock(), target, kWait);
}

QString itemState(QTreeWidgetItem *item)
{
    return item->data(1, ScenarioPanel::StateRole).toString();
}
} // namespace

class TstScenarioWindow : public QObject
{
    Q_OBJECT
  private slots:
    void aRecordingReplaysToPass()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        ScenarioMenu &menu = *w->scenarioMenu();
        ScenarioRecorder &recorder = menu.recorder();
        LiveEmulator &e = w->emulator();
        QVERIFY(!recorder.recording());
        QCOMPARE(recorder.start(), QString());
        QVERIFY(recorder.recording());
        QVERIFY(e.world()->driver()->paused());
        QVERIFY(!e.feeding());

        stepBy(e, 200);
        QCOMPARE(
            e.newOrder(QStringLiteral("ann"), QStringLiteral(R"([{"name":"margherita","size":"L","price":12.5}])")),
            QString());
        stepBy(e, 1000);
        e.flush();
        OrdersModel *orders = w->ordersPane()->model();
        QTRY_COMPARE_WITH_TIMEOUT(orders->rowCount(), 1, kWait);
        const QString pk = orders->order(0).pk;
        QCOMPARE(e.advanceStatus(pk), QString());
        stepBy(e, 1000);
        QCOMPARE(e.setFault(QStringLiteral("cache.set"), QStringLiteral("p=0.5")), QString());
        QCOMPARE(e.advanceStatus(pk), QString());
        stepBy(e, 1000);
        e.clearFault(QStringLiteral("cache.set"));
        QCOMPARE(w->subscribersPane()->addSubscriber(QStringLiteral("watcher"), QStringLiteral("*-status-updated")),
                 QString());
        QCOMPARE(e.advanceStatus(pk), QString()); // the watcher hears this one
        stepBy(e, 2000);

        // "Expect this" on the order's cache key, as the Cache pane shows it.
        e.flush();
        QTableView *cacheView = w->cachePane()->view();
        QModelIndex keyIndex;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                e.flush();
                auto *m = cacheView->model();
                for (int r = 0; r < m->rowCount(); ++r)
                    if (m->index(r, 0).data(CacheModel::KeyRole).toString() == pk)
                        keyIndex = m->index(r, 0);
                return keyIndex.isValid();
            }(),
            kWait);
        cacheView->setCurrentIndex(keyIndex);
        QSignalSpy added(&recorder, &ScenarioRecorder::expectationAdded);
        QCOMPARE(menu.expectFrom(cacheView), QString());
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kWait);
        QVERIFY2(added.at(0).at(0).toString().contains(pk), qPrintable(added.at(0).at(0).toString()));
        // On the order (Orders pane) and on a notification of the watcher (its table).
        QTableView *ordersView = w->ordersPane()->view();
        ordersView->setCurrentIndex(ordersView->model()->index(0, 0));
        QCOMPARE(menu.expectFrom(ordersView), QString());
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 2, kWait);
        QVERIFY2(added.at(1).at(0).toString().startsWith(QStringLiteral("table orders item ") + pk),
                 qPrintable(added.at(1).at(0).toString()));
        auto *watcher = w->findChild<NotificationsView *>(QStringLiteral("subscriber:watcher"));
        QVERIFY(watcher);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                e.flush();
                return watcher->view()->model()->rowCount() > 0;
            }(),
            kWait);
        watcher->view()->setCurrentIndex(watcher->view()->model()->index(0, 0));
        QCOMPARE(menu.expectFrom(watcher->view()), QString());
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 3, kWait);
        QVERIFY2(added.at(2).at(0).toString().startsWith(QStringLiteral("watcher received exactly")),
                 qPrintable(added.at(2).at(0).toString()));

        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("recorded"));
        QSignalSpy saved(&recorder, &ScenarioRecorder::saved);
        QVERIFY(!menu.stopInto(folder).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kLong);
        QVERIFY2(saved.at(0).at(1).toBool(), qPrintable(saved.at(0).at(2).toString()));
        QVERIFY(!recorder.recording());

        // Replayed headless: PASS, the golden outcome it wrote included; at Stop the window's cache and
        // verdict became expectations, so they equal the replay's.
        const QString yaml = QDir(folder).filePath(QStringLiteral("scenario.yaml"));
        const scenario::CheckResult check = scenario::checkScenario(yaml.toStdString(), false);
        QVERIFY2(check.status == scenario::CheckResult::Status::Passed, (check.message + check.details).c_str());
        const QByteArray text = bytes(yaml);
        QVERIFY2(text.contains("new-order: {pk: " + pk.toUtf8()), text.constData());
        QVERIFY2(text.contains("set-fault: {op: cache.set"), text.constData());
        QVERIFY2(text.contains("clear-fault: cache.set"), text.constData());
        QVERIFY2(text.contains("add-subscriber: {name: watcher"), text.constData());
        QVERIFY2(text.contains("verdict: in step"), text.constData());
        QVERIFY2(!text.contains("step:"), text.constData());
        QVERIFY2(text.trimmed().endsWith("wait: {until: drained}"), text.constData());
        const scenario::Scenario loaded = scenario::loadScenario(yaml.toStdString());
        int cacheExpectations = 0;
        for (const auto &s : loaded.steps)
            for (const auto &x : s.expectations)
                cacheExpectations += x.kind == scenario::Expectation::Kind::CacheKey;
        QVERIFY(cacheExpectations >= 3); // the one asked for, and at Stop the order's key and all-orders at least

        // Saved again from what was loaded: the same bytes.
        const QString again = dir.filePath(QStringLiteral("again"));
        QCOMPARE(scenario::saveScenario(loaded, again.toStdString()).status, scenario::CheckResult::Status::Passed);
        QCOMPARE(bytes(QDir(again).filePath(QStringLiteral("scenario.yaml"))), text);
        QCOMPARE(bytes(QDir(again).filePath(QStringLiteral("expected/outcome.json"))),
                 bytes(QDir(folder).filePath(QStringLiteral("expected/outcome.json"))));
    }

    void aRestartAbandonsTheRecording()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        ScenarioRecorder &recorder = w->scenarioMenu()->recorder();
        QCOMPARE(recorder.start(), QString());
        QSignalSpy abandoned(&recorder, &ScenarioRecorder::abandoned);
        w->controller().restart(w->emulator().settings());
        QCOMPARE(abandoned.count(), 1);
        QVERIFY(!recorder.recording());
        QVERIFY(!recorder.stop(QStringLiteral("/nonexistent")).isEmpty());
        QVERIFY(!w->scenarioMenu()->expectThis().isEmpty());
    }

    void openingAShippedScenarioRunsItGreen()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        ScenarioMenu &menu = *w->scenarioMenu();
        const QString path = shipped() + QStringLiteral("/order-life");
        QCOMPARE(menu.openScenario(path), QString());
        ScenarioPlayer &player = menu.player();
        QTreeWidget *tree = menu.panel()->stepList();
        QCOMPARE(tree->topLevelItemCount(), 7);
        const auto items = expectationItems(tree);
        QCOMPARE(items.size(), 8);
        for (auto *item : items)
            QCOMPARE(itemState(item), QStringLiteral("pending"));
        // One step by hand: the order is placed at 100 ms on the window's clock.
        player.step();
        QTRY_COMPARE_WITH_TIMEOUT(player.nextStep(), 1, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                w->emulator().flush();
                return w->ordersPane()->model()->rowCount() == 1;
            }(),
            kWait);
        QCOMPARE(w->ordersPane()->model()->order(0).pk, QStringLiteral("ord-1"));
        player.run(0);
        QTRY_VERIFY_WITH_TIMEOUT(player.hasEnded(), kLong);
        QCOMPARE(player.error(), QString());
        for (auto *item : expectationItems(tree))
            QCOMPARE(itemState(item), QStringLiteral("passed"));
        QVERIFY(menu.recentScenarios().value(0).endsWith(QStringLiteral("order-life/scenario.yaml")));
    }

    void aWrongExpectationIsRedWithItsDiff()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wrong/scenario.yaml"));
        write(path, R"(world: {timing: instant}
steps:
  - at: 100ms
    new-order: {pk: o-1, creator: ann, items: [{name: margherita, size: L, price: 12.5}]}
  - wait: {until: drained}
  - expect:
      cache:
        - {key: o-1, contains: {status: SUBMITTED}}
        - {key: o-1, contains: {status: DELIVERED, id: o-1}}
)");
        ScenarioMenu &menu = *w->scenarioMenu();
        QCOMPARE(menu.openScenario(path), QString());
        menu.player().run(100);
        QTRY_VERIFY_WITH_TIMEOUT(menu.player().hasEnded(), kLong);
        const auto items = expectationItems(menu.panel()->stepList());
        QCOMPARE(items.size(), 2);
        QCOMPARE(itemState(items[0]), QStringLiteral("passed"));
        QCOMPARE(itemState(items[1]), QStringLiteral("failed"));
        emit menu.panel()->stepList()->itemDoubleClicked(items[1], 1);
        JsonDiffDialog *diff = menu.panel()->lastDiff();
        QVERIFY(diff);
        const auto *expected = diff->findChild<QPlainTextEdit *>(QStringLiteral("diffExpected"));
        const auto *actual = diff->findChild<QPlainTextEdit *>(QStringLiteral("diffActual"));
        QVERIFY(expected->toPlainText().contains(QStringLiteral("DELIVERED")));
        QVERIFY(actual->toPlainText().contains(QStringLiteral("SUBMITTED")));
        QVERIFY(actual->toPlainText().contains(QStringLiteral("\"id\": \"o-1\"")));
        auto has = [](const QStringList &lines, const QString &text) {
            for (const auto &l : lines)
                if (l.contains(text))
                    return true;
            return false;
        };
        QVERIFY2(has(diff->highlightedExpected(), QStringLiteral("\"status\": \"DELIVERED\"")),
                 qPrintable(diff->highlightedExpected().join('\n')));
        QVERIFY2(has(diff->highlightedActual(), QStringLiteral("\"status\": \"SUBMITTED\"")),
                 qPrintable(diff->highlightedActual().join('\n')));
        QVERIFY2(!has(diff->highlightedExpected(), QStringLiteral("\"id\"")), // the same on both sides
                 qPrintable(expected->toPlainText() + "\n---\n" + actual->toPlainText()));
        QVERIFY(diff->findChild<QLabel *>(QStringLiteral("diffPaths"))->text().contains(QStringLiteral("$.status")));
    }

    void aBrokenFileShowsWhereAndRunsNothing()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken/scenario.yaml"));
        write(path, "world: {timing: instant}\nsteps:\n  - at: 100ms\n    bake-pizza: ord-1\n");
        const World *before = w->emulator().world();
        ScenarioMenu &menu = *w->scenarioMenu();
        const QString error = menu.openScenario(path);
        QVERIFY2(error.contains(path + QStringLiteral(":4:5")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("unknown step 'bake-pizza'")), qPrintable(error));
        QCOMPARE(menu.panel()->findChild<QLabel *>(QStringLiteral("scenarioStatus"))->text(), error);
        QCOMPARE(menu.panel()->stepList()->topLevelItemCount(), 0);
        QVERIFY(!menu.player().isOpen());
        QCOMPARE(w->emulator().world(), before); // nothing restarted, nothing run
        QVERIFY(menu.recentScenarios().isEmpty());
    }

    void runAllChecksTheShippedScenariosWhileTheWindowResponds()
    {
        WindowFixture fixture;
        auto w = fixture.open();
        int ticks = 0;
        QTimer timer;
        timer.setInterval(1);
        connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
        timer.start();
        RunAllDialog *dialog = w->scenarioMenu()->runAll(shipped());
        QCOMPARE(dialog->table()->rowCount(), 10);
        const int ticksAtStart = ticks;
        QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 300000);
        QVERIFY(ticks > ticksAtStart); // the GUI thread's timers ran while the checks did
        for (int r = 0; r < 9; ++r)
            QVERIFY2(dialog->table()->item(r, RunAllDialog::Status)->text() == QStringLiteral("passed"),
                     qPrintable(dialog->table()->item(r, RunAllDialog::Message)->text()));
        QSignalSpy open(dialog, &RunAllDialog::openScenario);
        emit dialog->table()->cellDoubleClicked(0, 0);
        QCOMPARE(open.count(), 1);
    }
};

QTEST_MAIN(TstScenarioWindow)
#include "tst_scenario_window.moc"
