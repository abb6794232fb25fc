// The Flow view, the charts and presentation mode in the real window (docs/flow-view.md): the view fits from
// 1280x800 to 4K without texts overlapping, its counts equal the status bar's and the panes' after a real run paused
// and stepped, one order can be followed box by box, F11 presents full screen and Esc leaves, and Restart resets it.
#include "charts/charts_model.h"
#include "charts/charts_pane.h"
#include "charts/line_chart.h"
#include "flow/flow_feature.h"
#include "flow/flow_model.h"
#include "flow/flow_pane.h"
#include "flow/flow_view.h"
#include "flow/phone_screen.h"
#include "flow/presentation_window.h"
#include "live/live_emulator.h"
#include "notifications_view.h"
#include "order_app_view.h"
#include "simulation_pane.h"
#include "status_line.h"
#include "subscribers_pane.h"
#include "window_actions.h"
#include "window_fixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QMenuBar>

using namespace orderlab;
using namespace orderlab::test;

namespace {
/// Counts as a busy world would have them: two shards, three lanes, one blocked, seven-digit numbers.
void feedBusyWorld(FlowModel &m)
{
    EmulatorBatch b;
    b.status.clock = 5000;
    b.status.orders = 1234567;
    b.status.cacheKeys = 2345678;
    for (quint64 i = 1; i <= 40; ++i) {
        OrderRow o;
        o.pk = QStringLiteral("order-%1").arg(i);
        o.traceId = i;
        b.orders << o;
        RecordRow r;
        r.pk = o.pk;
        r.traceId = i;
        r.shard = static_cast<int>(i % 2);
        b.records << r;
    }
    for (int lane = 0; lane < 3; ++lane) {
        InvocationRow inv;
        inv.id = static_cast<quint64>(lane + 1);
        inv.shard = lane % 2;
        inv.lane = lane / 2;
        inv.attempt = 3;
        inv.traceIds = {static_cast<quint64>(lane + 1)};
        b.invocations << inv;
        if (lane == 0) {
            inv.finished = true;
            inv.outcome = QStringLiteral("failure: the function threw");
            b.invocations << inv;
        }
    }
    NotificationRow n;
    n.subscriber = QStringLiteral("Order app");
    n.topic = QStringLiteral("order-7-status-updated");
    n.value = QStringLiteral("{\"status\":\"BAKING\"}");
    n.sequenceNumber = 1;
    b.notifications << n;
    m.apply(b);
}

QString overlapText(const FlowLayout &l)
{
    const QList<FlowLayout::Box> &boxes = l.boxes();
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        const QRectF r = boxes.at(i).rect;
        if (r.intersects(l.orderPhone()) || r.intersects(l.adminPhone()) || r.intersects(l.caption()))
            return QStringLiteral("box %1 overlaps a phone or the caption").arg(i);
        for (qsizetype j = i + 1; j < boxes.size(); ++j)
            if (r.intersects(boxes.at(j).rect))
                return QStringLiteral("boxes %1 and %2 overlap").arg(i).arg(j);
    }
    if (l.orderPhone().intersects(l.adminPhone()))
        return QStringLiteral("the phones overlap");
    return {};
}
} // namespace

class TstFlowView : public QObject
{
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void paintsFromLaptopTo4kWithoutOverlaps_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("dock at 1280x800") << QSize(1240, 300);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
        QTest::newRow("3840x2160") << QSize(3840, 2160);
    }

    void paintsFromLaptopTo4kWithoutOverlaps()
    {
        QFETCH(QSize, size);
        FlowModel model;
        feedBusyWorld(model);
        FlowView view(model);
        view.resize(size);
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), size * view.devicePixelRatio());
        const FlowLayout &l = view.currentLayout();
        QCOMPARE(l.boxes().size(), 1 + 2 + 3 + 3); // table, two shards, three lanes, handler, cache, topics
        const QString overlap = overlapText(l);
        QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
        for (const FlowLayout::Box &b : l.boxes()) {
            QVERIFY2(view.rect().contains(b.rect.toAlignedRect()),
                     qPrintable(flowBoxLines(b.id, model.counts()).first()));
            const QStringList lines = flowBoxLines(b.id, model.counts(), l.stacked());
            QVERIFY2(l.fits(b.id, lines), qPrintable(lines.join(QLatin1Char('|'))));
            QVERIFY(l.fits(b.id, flowBoxTemplate(b.id, l.stacked())));
        }
        // Large type: grows with the screen.
        if (size.height() >= 800)
            QVERIFY2(l.font().pixelSize() >= size.height() / 60, qPrintable(QString::number(l.font().pixelSize())));
        // Phone-sized screens, side by side, taller than wide.
        QVERIFY(l.orderPhone().right() < l.adminPhone().left());
        QVERIFY(l.orderPhone().height() > l.orderPhone().width());
        QCOMPARE(orderAppScreen(model).heading, QStringLiteral("Order order-7"));
    }

    void tokensWalkBoxByBoxInTheView()
    {
        FlowModel model;
        FlowView view(model);
        view.resize(1280, 800);
        view.setHopMs(50);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        EmulatorBatch b;
        b.status.clock = 1000;
        OrderRow o;
        o.pk = QStringLiteral("walker");
        o.traceId = 5;
        b.orders << o;
        RecordRow r;
        r.pk = o.pk;
        r.traceId = 5;
        b.records << r;
        model.apply(b);
        const QPointF start = view.tokenPosition(5);
        QVERIFY(!start.isNull());
        QVERIFY(view.currentLayout().rectOf(FlowBoxId{FlowStage::Table}).contains(start));
        QTRY_COMPARE(view.animator().visual(5).shown, FlowStage::Shard);
        QVERIFY(view.currentLayout().rectOf(FlowBoxId{FlowStage::Shard, 0}).contains(view.tokenPosition(5)));
    }

    void countsEqualTheStatusBarAndThePanes()
    {
        WindowFixture f;
        auto w = f.open();
        FlowModel &flow = w->flow()->model();
        NotificationsView *admin = w->subscribersPane()->adminApp();
        // One order at a time: two writes close together may reach the handler in one batch (one invocation).
        const QString a = placeOrder(*w, QStringLiteral("flow-a"));
        QVERIFY(!a.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(has(admin->model(), QStringLiteral("new-order"), a), kWait);
        const QString b = placeOrder(*w, QStringLiteral("flow-b"));
        QVERIFY(!b.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(has(admin->model(), QStringLiteral("new-order"), b), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(w->statusLine()->verdictText(), QStringLiteral("\u2714 cache in step"), kWait);
        // The status line is gathered every 200 ms of emulator time: once it has caught up, the two agree.
        const FlowCounts &c = flow.counts();
        auto agree = [&] {
            const QString status = w->statusLine()->countsText();
            return status.startsWith(QStringLiteral("%1 orders \u00b7 ").arg(c.orders)) &&
                   status.contains(QStringLiteral(" %1 invocations (").arg(c.invocations)) &&
                   status.contains(QStringLiteral(" %1 keys ").arg(c.cacheKeys)) &&
                   status.endsWith(QStringLiteral(" %1 notifications").arg(c.orderApp + c.adminApp));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(agree(), qPrintable(w->statusLine()->countsText()), kWait);
        w->simulationPane()->pauseAction()->trigger();
        w->emulator().flush();
        QVERIFY2(agree(), qPrintable(w->statusLine()->countsText()));
        QCOMPARE(c.orders, 2ULL);
        QCOMPARE(c.writes, 2ULL);
        QCOMPARE(c.invocations, 2ULL);
        QCOMPARE(c.failures, 0ULL);
        QCOMPARE(c.adminApp, static_cast<quint64>(admin->model()->rowCount()));
        QCOMPARE(c.orderApp, static_cast<quint64>(w->subscribersPane()->orderApp()->messages()->model()->rowCount()));
        QCOMPARE(c.shards.value(0).records, 2ULL);
        QVERIFY(c.publishes >= 2); // new-order twice
        for (const FlowToken &t : flow.tokens())
            QCOMPARE(t.stage, FlowStage::Apps);

        // Stepped while paused: a new change walks the boxes as the clock is stepped, and is followed.
        w->flow()->flowDock()->show();
        w->flow()->pane()->followBox()->setText(a);
        QCOMPARE(flow.followedOrder(), a);
        QVERIFY(w->emulator().advanceStatus(a).isEmpty());
        w->emulator().flush();
        QTRY_VERIFY_WITH_TIMEOUT(flow.tokens().size() == 3, kWait);
        const FlowToken change = flow.tokens().last();
        QCOMPARE(change.pk, a);
        QVERIFY(flow.isFollowed(change));
        QVERIFY(stageIndex(change.stage) <= stageIndex(FlowStage::Shard));
        QList<FlowStage> seen{change.stage};
        for (int i = 0; i < 20 && flow.token(change.traceId)->stage != FlowStage::Apps; ++i) {
            w->simulationPane()->stepAction()->trigger();
            QTest::qWait(50);
            w->emulator().flush();
            if (seen.last() != flow.token(change.traceId)->stage)
                seen << flow.token(change.traceId)->stage;
        }
        QCOMPARE(seen.last(), FlowStage::Apps);
        QVERIFY2(seen.size() >= 2, "the steps showed the change moving");
        QCOMPARE(flow.timeline(a).size(), 1);

        // The charts saw the same run.
        ChartsModel &charts = w->flow()->chartsModel();
        quint64 writes = 0, invocations = 0;
        for (const ChartSecond &s : charts.series()) {
            writes += s.writes;
            invocations += s.invocations;
        }
        QCOMPARE(writes, 3ULL);
        QCOMPARE(invocations, c.invocations);

        // Restart resets both.
        QCOMPARE(w->simulationPane()->restart(), QString());
        QCOMPARE(flow.counts().writes, 0ULL);
        QVERIFY(flow.tokens().isEmpty());
        QCOMPARE(charts.newestSecond(), -1);
    }

    void presentShowsTheFlowFullScreenAndEscLeaves()
    {
        WindowFixture f;
        auto w = f.open();
        FlowFeature *flow = w->flow();
        // Off by default in the normal layout; in the View menu.
        QVERIFY(flow->flowDock()->isHidden());
        QVERIFY(flow->chartsDock()->isHidden());
        QAction *present = flow->presentAction();
        QCOMPARE(present->shortcut(), QKeySequence(Qt::Key_F11));
        bool listed = false;
        for (QAction *menu : w->menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(present))
                listed = true;
        QVERIFY(listed);
        // No other action of the window takes F11 or Esc.
        for (QAction *a : w->findChildren<QAction *>())
            if (a != present)
                QVERIFY2(a->shortcut() != QKeySequence(Qt::Key_F11) && a->shortcut() != QKeySequence(Qt::Key_Escape),
                         qPrintable(a->text()));

        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        QTest::keyClick(w.get(), Qt::Key_F11);
        PresentationWindow *shown = flow->presentation();
        QVERIFY(shown);
        QTRY_VERIFY(shown->isVisible());
        QVERIFY(shown->windowState() & Qt::WindowFullScreen);
        QVERIFY(present->isChecked());
        // The presenter's controls are there: the demo feed, Pause and Step, the speed.
        QCheckBox *feed = shown->pane()->feedBox();
        QVERIFY(feed->isVisibleTo(shown));
        feed->setChecked(true);
        QVERIFY(w->simulationPane()->feedBox()->isChecked());
        feed->setChecked(false);
        QVERIFY(!w->simulationPane()->feedBox()->isChecked());
        QVERIFY(shown->actions().contains(w->simulationPane()->pauseAction()));
        QVERIFY(shown->actions().contains(w->simulationPane()->stepAction()));
        shown->pane()->speedBox()->setCurrentIndex(0);
        emit shown->pane()->speedBox()->activated(0);
        QCOMPARE(w->simulationPane()->speedBox()->value(), 0.1);

        QVERIFY(QTest::qWaitForWindowActive(shown));
        QTest::keyClick(shown, Qt::Key_Escape);
        QTRY_VERIFY(!shown->isVisible());
        QVERIFY(!present->isChecked());
        // F11 again presents, and F11 leaves too.
        present->trigger();
        QTRY_VERIFY(shown->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(shown));
        QTest::keyClick(shown, Qt::Key_F11);
        QTRY_VERIFY(!shown->isVisible());
        QVERIFY(!present->isChecked());
        // Presenting never keeps the application running once the main window is closed.
        QVERIFY(!shown->testAttribute(Qt::WA_QuitOnClose));
    }

    void chartsPaneShowsTheModel()
    {
        ChartsModel model;
        ChartsPane pane(model);
        EmulatorBatch b;
        b.status.clock = 3500;
        for (quint64 i = 1; i <= 6; ++i) {
            RecordRow r;
            r.pk = QStringLiteral("c%1").arg(i);
            r.traceId = i;
            r.createdAt = static_cast<qint64>(i) * 500;
            b.records << r;
        }
        model.apply(b);
        pane.resize(1000, 500);
        pane.refresh();
        const QList<LineChart::Line> lines = pane.writes()->lines();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().values, (QList<double>{1, 2, 2})); // the second under way (3) is not drawn yet
        QCOMPARE(pane.latency()->lines().size(), 2);
        QVERIFY(!pane.grab().isNull());
    }
};

QTEST_MAIN(TstFlowView)
#include "tst_flow_view.moc"
