// File > Save state and File > Open state (docs/state-files.md, "In the window"): the file written holds what the
// window's world holds, taken on the emulator thread; opening a state asks first, then the panes show the state's
// orders and cache keys; a bad file says where it is wrong and changes nothing.
#include "cache_model.h"
#include "cache_pane.h"
#include "confirmation.h"
#include "live/live_emulator.h"
#include "orders_model.h"
#include "orders_pane.h"
#include "state/state_capture.h"
#include "state/state_reader.h"
#include "state/state_restore.h"
#include "state/state_writer.h"
#include "state_menu.h"
#include "window_actions.h"
#include "window_fixture.h"
#include "world/world.h"

#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>

using namespace orderlab;
using namespace orderlab::test;

namespace {

/// A headless world's state with orders ord-s1 and ord-s2 processed (their cache keys written).
QByteArray headlessState()
{
    WorldConfig config;
    config.pipeline.timing = TimingProfile::instant();
    config.pipeline.seed = 11;
    World world(config);
    world.start();
    for (const char *pk : {"ord-s1", "ord-s2"}) {
        Command c;
        c.kind = Command::Kind::NewOrder;
        c.pk = pk;
        c.creator = "sam";
        c.items = R"([{"name":"funghi","size":"S","price":9}])";
        world.apply(c);
    }
    Command fault;
    fault.kind = Command::Kind::SetFault;
    fault.op = "topic.publish";
    fault.spec = "latency=7ms";
    world.apply(fault);
    world.runUntilDrained(world.pipeline().scheduler().now() + 60000);
    return QByteArray::fromStdString(state::writeState(state::captureState(world)));
}

} // namespace

class TstStateWindow : public QObject
{
    Q_OBJECT
  private slots:
    void saveStateWritesWhatTheWorldHolds()
    {
        WindowFixture f;
        auto w = f.open();
        const QString pk = placeOrder(*w, QStringLiteral("saver"));
        QVERIFY(!pk.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(w->emulator().pipeline()->cache().keys("pizza").size() >= 2, kWait);
        const QString path = f.dir.filePath(QStringLiteral("saved.json"));
        QSignalSpy saved(w->stateMenu(), &StateMenu::stateSaved);
        QVERIFY(w->stateMenu()->saveState(path));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWait);
        QCOMPARE(saved.at(0).at(1).toString(), QString());
        const state::WorldState s = state::readStateFile(path.toStdString());
        bool found = false;
        for (const auto &item : s.tables.front().items)
            found = found || dynamodb::find(item, "pk")->text() == pk.toStdString();
        QVERIFY(found);
        QVERIFY(s.cacheEntries.size() >= 2);
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("State saved to")));
    }

    void openStateAsksThenThePanesShowTheState()
    {
        WindowFixture f;
        auto w = f.open();
        const QString path = f.dir.filePath(QStringLiteral("open.json"));
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(headlessState());
        }
        const qint64 stateTime = state::readStateFile(path.toStdString()).time;
        // Declined: the world stays.
        QVERIFY(w->stateMenu()->openState(path).isEmpty());
        answerConfirmation(w.get(), false);
        QTest::qWait(200);
        QVERIFY(!w->emulator().pipeline()->table().get("ord-s1"));
        // Accepted: the world runs from the state.
        QSignalSpy opened(w->stateMenu(), &StateMenu::stateOpened);
        QVERIFY(w->stateMenu()->openState(path).isEmpty());
        answerConfirmation(w.get(), true);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kWait);
        QCOMPARE(opened.at(0).at(1).toString(), QString());
        QVERIFY(w->emulator().clock() >= stateTime);
        QVERIFY(w->emulator().pipeline()->table().get("ord-s2").has_value());
        QTRY_VERIFY_WITH_TIMEOUT(w->emulator().pipeline()->faults().rules().count("topic.publish") == 1, kWait);
        // The panes show the state's orders and cache keys once the cache is written again by a change.
        Command advance;
        advance.kind = Command::Kind::AdvanceStatus;
        advance.pk = "ord-s1";
        QCOMPARE(w->emulator().submit(advance), QString());
        QTRY_VERIFY_WITH_TIMEOUT(w->ordersPane()->model()->rowOf(QStringLiteral("ord-s1")) >= 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(w->cachePane()->model()->rowOf(QStringLiteral("ord-s1")) >= 0, kWait);
        QVERIFY(w->emulator().pipeline()->cache().peek("pizza", "ord-s2").index() == 0); // restored, a hit
    }

    void aBadStateFileSaysWhereAndChangesNothing()
    {
        WindowFixture f;
        auto w = f.open();
        const QString path = f.dir.filePath(QStringLiteral("bad.json"));
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(headlessState().replace("\"shards\": 1", "\"shards\": 0"));
        }
        World *before = w->emulator().world();
        const QString error = w->stateMenu()->openState(path);
        QVERIFY2(error.contains(QStringLiteral("bad.json: $.world.shards: must be from 1 to 64")), qPrintable(error));
        QVERIFY(!w->stateMenu()->confirmation()->box());
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("$.world.shards")));
        QCOMPARE(w->emulator().world(), before);
    }
};

QTEST_MAIN(TstStateWindow)
#include "tst_state_window.moc"
