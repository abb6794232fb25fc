// The desktop window driven by hand: buttons, dialogs, shortcuts and the item editor, checked on every pane's model.
#include <QHostAddress>
#include <QTcpSocket>

#include "cache_model.h"
#include "cache_pane.h"
#include "emulator_controller.h"
#include "faults_pane.h"
#include "invocations_model.h"
#include "invocations_pane.h"
#include "item_json_editor.h"
#include "lanes_model.h"
#include "live/live_emulator.h"
#include "mapping/mapping_config.h"
#include "mapping_form.h"
#include "notifications_model.h"
#include "notifications_view.h"
#include "order_app_view.h"
#include "order_dialog.h"
#include "order_timeline_model.h"
#include "orders_model.h"
#include "orders_pane.h"
#include "records_model.h"
#include "simulation_pane.h"
#include "status_line.h"
#include "stream_pane.h"
#include "subscribers_pane.h"
#include "trace_model.h"
#include "trace_pane.h"
#include "window_actions.h"
#include "window_fixture.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QStringListModel>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace orderlab;
using namespace orderlab::test;

namespace {
bool hasRecord(const RecordsModel *m, const QString &pk, const QString &event)
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->record(r).pk == pk && m->record(r).eventName == event)
            return true;
    return false;
}

/// Testers on every model of the window, for as long as the test runs.
struct Testers
{
    explicit Testers(MainWindow &w)
    {
        const QList<QAbstractItemModel *> models{static_cast<QAbstractItemModel *>(w.ordersPane()->model()),
                                                 w.streamPane()->recordsModel(),
                                                 w.streamPane()->lanesModel(),
                                                 w.streamPane()->failuresModel(),
                                                 w.invocationsPane()->model(),
                                                 w.cachePane()->model(),
                                                 w.cachePane()->proxy(),
                                                 w.subscribersPane()->adminApp()->model(),
                                                 w.subscribersPane()->adminApp()->proxy(),
                                                 w.subscribersPane()->orderApp()->messages()->model(),
                                                 w.subscribersPane()->orderApp()->timeline(),
                                                 w.tracePane()->model()};
        for (QAbstractItemModel *m : models)
            testers.emplace_back(
                std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};
} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anOrderGoesThroughEveryPane()
    {
        WindowFixture f;
        auto w = f.open();
        Testers testers(*w);
        const QString pk = placeOrder(*w, QStringLiteral("tess"));
        QVERIFY(!pk.isEmpty());
        QCOMPARE(w->ordersPane()->model()->order(w->ordersPane()->model()->rowOf(pk)).status,
                 QStringLiteral("SUBMITTED"));

        // Stream record, invocation, cache keys, and new-order in the Admin app.
        QTRY_VERIFY_WITH_TIMEOUT(hasRecord(w->streamPane()->recordsModel(), pk, QStringLiteral("INSERT")), kWait);
        InvocationsModel *inv = w->invocationsPane()->model();
        QTRY_VERIFY_WITH_TIMEOUT(inv->rowCount() > 0 && inv->invocation(0).finished, kWait);
        QCOMPARE(inv->invocation(0).outcome, QStringLiteral("success"));
        CacheModel *cache = w->cachePane()->model();
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(pk) >= 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(QStringLiteral("ADMIN-") + pk) >= 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(QStringLiteral("all-orders")) >= 0, kWait);
        NotificationsModel *admin = w->subscribersPane()->adminApp()->model();
        NotificationsModel *orderApp = w->subscribersPane()->orderApp()->messages()->model();
        QTRY_VERIFY_WITH_TIMEOUT(has(admin, QStringLiteral("new-order"), pk), kWait);
        QVERIFY(w->cachePane()->selectKey(pk));
        QTRY_VERIFY_WITH_TIMEOUT(w->cachePane()->valueText().contains(QStringLiteral("\"status\": \"SUBMITTED\"")),
                                 kWait);

        // Its trace is complete, down to the deliveries.
        QVERIFY(w->ordersPane()->selectOrder(pk));
        QTRY_VERIFY_WITH_TIMEOUT(w->tracePane()->model()->kinds().contains(QStringLiteral("delivery")), kWait);
        const QStringList kinds = w->tracePane()->model()->kinds();
        for (const char *k :
             {"table write", "stream record", "invocation started", "cache call", "publish", "invocation finished"})
            QVERIFY2(kinds.contains(QString::fromLatin1(k)), k);
        QCOMPARE(kinds.first(), QStringLiteral("table write"));

        // Advancing its status (button) reaches the Order app, with its timeline.
        clickAction(w->ordersPane(), w->ordersPane()->advanceAction());
        QTRY_VERIFY_WITH_TIMEOUT(has(orderApp, pk + QStringLiteral("-status-updated"), QStringLiteral("PREPARING")),
                                 kWait);
        OrderTimelineModel *timeline = w->subscribersPane()->orderApp()->timeline();
        QTRY_VERIFY_WITH_TIMEOUT(timeline->rowOf(pk) >= 0, kWait);
        QCOMPARE(timeline->index(timeline->rowOf(pk), OrderTimelineModel::Status).data().toString(),
                 QStringLiteral("PREPARING"));

        // And by its shortcut.
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        w->ordersPane()->view()->setFocus();
        QTest::keySequence(w->ordersPane()->view(), QKeySequence(Qt::CTRL | Qt::Key_Right));
        QTRY_VERIFY_WITH_TIMEOUT(has(orderApp, pk + QStringLiteral("-status-updated"), QStringLiteral("BAKING")),
                                 kWait);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->index(timeline->rowOf(pk), OrderTimelineModel::Updates).data().toInt(), 2,
                                  kWait);

        // Editing its items: `<id>-updated`, to the Admin app only.
        QVERIFY(w->ordersPane()->selectOrder(pk));
        clickAction(w->ordersPane(), w->ordersPane()->editItemsAction());
        OrderDialog *dialog = w->ordersPane()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->itemsEdit()->toPlainText().contains(QStringLiteral("margherita")));
        dialog->itemsEdit()->setPlainText(QStringLiteral("[{\"name\":\"diavola\",\"size\":\"M\",\"price\":11}]"));
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(has(admin, pk + QStringLiteral("-updated")), kWait);
        QVERIFY(!has(orderApp, pk + QStringLiteral("-updated")));
        QTRY_VERIFY_WITH_TIMEOUT(w->ordersPane()
                                     ->model()
                                     ->index(w->ordersPane()->model()->rowOf(pk), OrdersModel::Items)
                                     .data()
                                     .toString()
                                     .contains(QStringLiteral("diavola")),
                                 kWait);

        // Cancelling (Del in the pane): its keys leave and the Admin app hears order-canceled.
        QVERIFY(w->ordersPane()->selectOrder(pk));
        w->activateWindow(); // the dialog took it
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        w->ordersPane()->view()->setFocus();
        QTest::keyClick(w->ordersPane()->view(), Qt::Key_Delete);
        answerConfirmation(w.get(), true);
        QTRY_VERIFY_WITH_TIMEOUT(has(admin, QStringLiteral("order-canceled"), pk), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(pk) < 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(QStringLiteral("ADMIN-") + pk) < 0, kWait);
        QCOMPARE(w->ordersPane()->model()->rowOf(pk), -1);
        QVERIFY(hasRecord(w->streamPane()->recordsModel(), pk, QStringLiteral("REMOVE")));
        QTRY_VERIFY_WITH_TIMEOUT(w->statusLine()->verdictText().contains(QStringLiteral("in step")), kWait);
    }

    void theMomentoServerRunsBesideTheWindow()
    {
        WindowFixture f;
        auto w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->statusLine()->grpcText().startsWith(QStringLiteral("gRPC 127.0.0.1:")), kWait);
        const quint16 port = w->statusLine()->grpcText().section(QLatin1Char(':'), -1).toUShort();
        QVERIFY(port > 0);
        QVERIFY(w->emulator().hasRemoteClientsSource());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
    }

    void badInputIsShownInPlace()
    {
        WindowFixture f;
        auto w = f.open();
        OrdersPane *pane = w->ordersPane();
        // The dialog keeps a bad order open with the emulator's error.
        clickAction(pane, pane->newOrderAction());
        OrderDialog *dialog = pane->dialog();
        QVERIFY(dialog);
        dialog->creatorEdit()->setText(QStringLiteral("bob"));
        dialog->itemsEdit()->setPlainText(QStringLiteral("[{\"name\": }"));
        QVERIFY(dialog->error().contains(QStringLiteral("line 1")));
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->error().isEmpty());
        dialog->itemsEdit()->setPlainText(QStringLiteral("{}"));
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QVERIFY(dialog->error().contains(QStringLiteral("items must be a JSON array")));
        dialog->creatorEdit()->clear();
        dialog->itemsEdit()->setPlainText(QStringLiteral("[]"));
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QVERIFY(dialog->error().contains(QStringLiteral("creator")));
        dialog->reject();
        QTRY_VERIFY(!pane->dialog());

        // The item JSON editor: a syntax error while typing, the table's validation error on save, then a good save.
        const QString pk = placeOrder(*w, QStringLiteral("ivy"));
        QVERIFY(!pk.isEmpty());
        QVERIFY(pane->selectOrder(pk));
        ItemJsonEditor *editor = pane->itemEditor();
        QCOMPARE(editor->pk(), pk);
        const QString original = editor->editor()->toPlainText();
        QVERIFY(original.contains(QStringLiteral("\"S\": \"SUBMITTED\"")));
        editor->editor()->setPlainText(original.left(original.size() - 3));
        QVERIFY(editor->error().startsWith(QStringLiteral("line ")));
        editor->editor()->setPlainText(QStringLiteral("{\"status\":{\"S\":\"x\"}}"));
        QVERIFY(editor->error().isEmpty());
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->error().contains(QStringLiteral("ValidationException")), qPrintable(editor->error()));
        QCOMPARE(editor->editor()->toPlainText(), QStringLiteral("{\"status\":{\"S\":\"x\"}}")); // nothing lost
        QString changed = original;
        changed.replace(QStringLiteral("\"S\": \"SUBMITTED\""), QStringLiteral("\"S\": \"PREPARING\""));
        editor->editor()->setPlainText(changed);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(editor->error().isEmpty(), qPrintable(editor->error()));
        OrdersModel *m = pane->model();
        QTRY_COMPARE_WITH_TIMEOUT(m->order(m->rowOf(pk)).status, QStringLiteral("PREPARING"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(
            has(w->subscribersPane()->orderApp()->messages()->model(), pk + QStringLiteral("-status-updated")), kWait);

        // Advancing a delivered order says why not.
        for (int i = 0; i < 3; ++i) {
            clickAction(pane, pane->advanceAction());
            QVERIFY2(pane->message().contains(QStringLiteral("status advanced")), qPrintable(pane->message()));
            QTRY_VERIFY_WITH_TIMEOUT(m->order(m->rowOf(pk)).status != QLatin1String(i == 0   ? "PREPARING"
                                                                                    : i == 1 ? "BAKING"
                                                                                             : "OUT FOR DELIVERY"),
                                     kWait);
        }
        clickAction(pane, pane->advanceAction());
        QVERIFY(pane->message().contains(QStringLiteral("already DELIVERED")));
    }

    void aCacheFaultIsRetriedToTheRightCache()
    {
        WindowFixture f;
        auto w = f.open();
        Testers testers(*w);
        auto *next = w->faultsPane()->findChild<QSpinBox *>(QStringLiteral("cache.set.next"));
        QVERIFY(next);
        next->setValue(1);
        click(w->faultsPane()->findChild<QToolButton *>(QStringLiteral("cache.set.set")));
        QVERIFY(w->faultsPane()->activeText().contains(QStringLiteral("cache.set")));
        const QString pk = placeOrder(*w, QStringLiteral("fay"));
        QVERIFY(!pk.isEmpty());
        InvocationsModel *inv = w->invocationsPane()->model();
        auto seen = [inv](auto pred) {
            for (int r = 0; r < inv->rowCount(); ++r)
                if (pred(inv->invocation(r)))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen([](const InvocationRow &i) {
                                     return i.finished && i.outcome.startsWith(QStringLiteral("partial failure"));
                                 }),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(seen([](const InvocationRow &i) {
                                     return i.finished && i.attempt > 1 && i.outcome == QLatin1String("success");
                                 }),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->cachePane()->model()->rowOf(pk) >= 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->emulator().cacheValue(pk).contains("\"status\":\"SUBMITTED\""), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(has(w->subscribersPane()->adminApp()->model(), QStringLiteral("new-order"), pk),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->statusLine()->verdictText().contains(QStringLiteral("in step")), kWait);
        QVERIFY(w->statusLine()->countsText().contains(QStringLiteral("retries")));
    }

    void ttlCountsDownAndAnExpiredKeyLeaves()
    {
        WindowFixture f;
        auto w = f.open();
        w->simulationPane()->speedBox()->setValue(5);
        const QString pk = placeOrder(*w, QStringLiteral("tom"));
        QVERIFY(!pk.isEmpty());
        CacheModel *cache = w->cachePane()->model();
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(pk) >= 0, kWait);
        auto ttl = [&] {
            const int row = cache->rowOf(pk);
            return row < 0 ? -1.0
                           : cache->index(row, CacheModel::Ttl)
                                 .data()
                                 .toString()
                                 .section(QLatin1Char(' '), 0, 0)
                                 .toDouble();
        };
        const double first = ttl();
        QVERIFY2(first > 0 && first <= 60, qPrintable(QString::number(first)));
        QTRY_VERIFY_WITH_TIMEOUT(ttl() > 0 && ttl() < first - 0.5, kWait); // counting down, live
        // Keys expire 60 s of emulator time after their last write: run fast and watch it leave.
        w->simulationPane()->speedBox()->setValue(200);
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(pk) >= 0 && cache->leaving(cache->rowOf(pk)), kWait);
        QCOMPARE(cache->index(cache->rowOf(pk), CacheModel::Ttl).data().toString(), QStringLiteral("expired"));
        QTRY_VERIFY_WITH_TIMEOUT(cache->rowOf(pk) < 0, kWait);
    }

    void pauseKeepsWhatArrivedAndHistoryIsBounded()
    {
        WindowFixture f;
        auto w = f.open();
        NotificationsView *adminView = w->subscribersPane()->adminApp();
        NotificationsModel *admin = adminView->model();
        const QString first = placeOrder(*w, QStringLiteral("pam"));
        QTRY_VERIFY_WITH_TIMEOUT(has(admin, QStringLiteral("new-order"), first), kWait);
        const int before = admin->rowCount();
        click(adminView->pauseButton());
        QVERIFY(admin->paused());
        const QString second = placeOrder(*w, QStringLiteral("paul"));
        QTRY_VERIFY_WITH_TIMEOUT(admin->held() > 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->subscribersPane()->orderApp()->messages()->model()->rowCount() >= 0, kWait);
        QCOMPARE(admin->rowCount(), before); // the list stands still
        QVERIFY(!has(admin, QStringLiteral("new-order"), second));
        click(adminView->pauseButton());
        QVERIFY(has(admin, QStringLiteral("new-order"), second)); // nothing lost
        QVERIFY(has(admin, QStringLiteral("new-order"), first));
        click(adminView->clearButton());
        QCOMPARE(admin->rowCount(), 0);
        adminView->filterEdit()->setText(QStringLiteral("nothing matches this"));
        QCOMPARE(adminView->proxy()->rowCount(), 0);
        adminView->filterEdit()->clear();

        // The simulator at a high rate: every list stays within its limit.
        w->ordersPane()->model()->setLimit(40);
        w->streamPane()->recordsModel()->setLimit(30);
        w->invocationsPane()->model()->setLimit(20);
        w->cachePane()->model()->setLimit(25);
        admin->setLimit(15);
        Testers testers(*w);
        w->simulationPane()->rateBox()->setValue(100);
        w->simulationPane()->feedBox()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(w->emulator().pipeline() && w->streamPane()->recordsModel()->rowCount() == 30, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(admin->rowCount() == 15 && w->cachePane()->model()->rowCount() == 25, kWait);
        QTest::qWait(500);
        QCOMPARE(w->ordersPane()->model()->rowCount() <= 40, true);
        QCOMPARE(w->streamPane()->recordsModel()->rowCount(), 30);
        QCOMPARE(w->invocationsPane()->model()->rowCount() <= 20, true);
        QCOMPARE(w->cachePane()->model()->rowCount() <= 25, true);
        QCOMPARE(admin->rowCount(), 15);
    }

    void mappingSettingsShowTheirWarningsInPlace()
    {
        WindowFixture f;
        auto w = f.open();
        MappingForm *form = w->streamPane()->mappingForm();
        QVERIFY(form->note(QStringLiteral("retriesNote")).contains(QStringLiteral("both -1")));
        QVERIFY(form->note(QStringLiteral("reportNote")).isEmpty());
        form->findChild<QCheckBox *>(QStringLiteral("reportBatchItemFailures"))->setChecked(false);
        QVERIFY(form->note(QStringLiteral("reportNote")).contains(QStringLiteral("FunctionResponseTypes")));
        form->findChild<QComboBox *>(QStringLiteral("viewType"))->setCurrentText(QStringLiteral("NEW_IMAGE"));
        QVERIFY(form->note(QStringLiteral("viewTypeNote")).contains(QStringLiteral("NEW_IMAGE")));
        auto *batch = form->findChild<QSpinBox *>(QStringLiteral("batchSize"));
        batch->setValue(0);
        QVERIFY(form->note(QStringLiteral("batchSizeNote"))
                    .contains(QStringLiteral("BatchSize must be between 1 and 10000")));
        QVERIFY(!form->applyButton()->isEnabled());
        batch->setValue(10);
        form->findChild<QSpinBox *>(QStringLiteral("retries"))->setValue(2);
        form->findChild<QCheckBox *>(QStringLiteral("reportBatchItemFailures"))->setChecked(true);
        form->findChild<QComboBox *>(QStringLiteral("viewType"))->setCurrentText(QStringLiteral("NEW_AND_OLD_IMAGES"));
        QVERIFY(form->note(QStringLiteral("retriesNote")).isEmpty());
        QVERIFY(form->note(QStringLiteral("batchSizeNote")).isEmpty());
        QVERIFY(form->applyButton()->isEnabled());
        click(form->applyButton());
        answerConfirmation(w.get(), true);
        QCOMPARE(w->emulator().mappingConfig().batchSize, 10);
        QCOMPARE(w->emulator().mappingConfig().maximumRetryAttempts, 2);
        // The restarted emulator works.
        const QString pk = placeOrder(*w, QStringLiteral("maya"));
        QVERIFY(!pk.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(has(w->subscribersPane()->adminApp()->model(), QStringLiteral("new-order"), pk),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->streamPane()->lanesModel()->rowCount() == 1, kWait);
    }

    void layoutSettingsAndSubscribersPersist()
    {
        WindowFixture f;
        {
            auto w = f.open();
            QCOMPARE(w->subscribersPane()->addSubscriber(QStringLiteral("watcher"), QStringLiteral("*-status-updated")),
                     QString());
            QVERIFY(!w->subscribersPane()->addSubscriber(QStringLiteral("bad"), QString()).isEmpty());
            w->simulationPane()->seedBox()->setValue(7);
            w->findChild<QDockWidget *>(QStringLiteral("traceDock"))->hide();
            w->close();
        }
        auto w = f.open();
        QVERIFY(w->subscribersPane()->userView(QStringLiteral("watcher")));
        QCOMPARE(w->simulationPane()->seedBox()->value(), 7);
        QVERIFY(!w->findChild<QDockWidget *>(QStringLiteral("traceDock"))->isVisible());
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("cacheDock"))->isVisible());
        w->resetLayout();
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("traceDock"))->isVisible());

        // The user's subscriber hears what matches its pattern (a pattern misses a topic's first message).
        const QString pk = placeOrder(*w, QStringLiteral("wes"));
        QVERIFY(!pk.isEmpty());
        for (int i = 0; i < 2; ++i) {
            QVERIFY(w->ordersPane()->selectOrder(pk));
            clickAction(w->ordersPane(), w->ordersPane()->advanceAction());
            QTest::qWait(300);
        }
        NotificationsModel *watcher = w->subscribersPane()->userView(QStringLiteral("watcher"))->model();
        QTRY_VERIFY_WITH_TIMEOUT(has(watcher, pk + QStringLiteral("-status-updated")), kWait);
        QVERIFY(!has(watcher, QStringLiteral("new-order")));
    }

    void firstLaunchRunsTheDemo()
    {
        WindowFixture f;
        auto w = f.open(false);
        QVERIFY(w->startError().isEmpty());
        QVERIFY(w->simulationPane()->feedBox()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(w->ordersPane()->model()->rowCount() > 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->subscribersPane()->adminApp()->model()->rowCount() > 0, kWait);
        QVERIFY(w->simulationPane()->clockText() != QStringLiteral("00:00:00.000"));
        QVERIFY(w->statusLine()->grpcText().contains(QStringLiteral("gRPC")));
        // Pause and step move the clock by hand.
        w->simulationPane()->pauseAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w->statusLine()->countsText().size() > 0, kWait);
        QTest::qWait(200);
        const qint64 paused = w->emulator().clock();
        QTest::qWait(200);
        QCOMPARE(w->emulator().clock(), paused);
        w->simulationPane()->stepAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w->emulator().clock(), paused + 1000, kWait);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
