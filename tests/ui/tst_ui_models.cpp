// The panes' models: batches, bounded history, pause, gaps, flashing and leaving keys; QAbstractItemModelTester on
// each.
#include "cache_model.h"
#include "invocations_model.h"
#include "json_text.h"
#include "lanes_model.h"
#include "notifications_model.h"
#include "order_timeline_model.h"
#include "orders_model.h"
#include "records_model.h"
#include "remote_clients_model.h"
#include "trace_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace orderlab;

namespace {
OrderRow order(int i, const QString &status = QStringLiteral("SUBMITTED"))
{
    OrderRow o;
    o.pk = QStringLiteral("ord-%1").arg(i);
    o.status = status;
    o.creator = QStringLiteral("alice");
    o.itemJson = QStringLiteral("{\"pk\":{\"S\":\"ord-%1\"},\"items\":{\"L\":[{\"M\":{\"name\":{\"S\":\"margherita\"},"
                                "\"size\":{\"S\":\"L\"},\"price\":{\"N\":\"12.5\"}}}]}}")
                     .arg(i);
    o.updatedAt = 1000 + i;
    return o;
}

NotificationRow note(const QString &subscriber, const QString &topic, quint64 seq,
                     const QString &value = QStringLiteral("{}"))
{
    NotificationRow n;
    n.subscriber = subscriber;
    n.topic = topic;
    n.sequenceNumber = seq;
    n.value = value;
    n.time = static_cast<qint64>(seq) * 10;
    return n;
}

CacheRow cacheSet(const QString &key, qint64 expiresAt = 61000)
{
    CacheRow c;
    c.key = key;
    c.size = 10;
    c.writtenAt = 1000;
    c.expiresAt = expiresAt;
    c.writer = QStringLiteral("handler");
    return c;
}

CacheRow cacheGone(const QString &key, CacheRow::Change change)
{
    CacheRow c;
    c.key = key;
    c.change = change;
    return c;
}
} // namespace

class TstUiModels : public QObject
{
    Q_OBJECT
  private slots:
    void ordersInsertOnceUpdateOnceAndStayBounded()
    {
        OrdersModel m(nullptr, 50);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QList<OrderRow> batch;
        for (int i = 0; i < 30; ++i)
            batch << order(i);
        m.apply(batch);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 29);
        QCOMPARE(m.index(0, OrdersModel::Pk).data().toString(), QStringLiteral("ord-29")); // newest on top
        QCOMPARE(m.index(0, OrdersModel::Items).data().toString(), QStringLiteral("1: margherita L"));

        // Most rows change: one dataChanged.
        QList<OrderRow> update;
        for (int i = 0; i < 30; ++i)
            update << order(i, QStringLiteral("BAKING"));
        m.apply(update);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.index(5, OrdersModel::Status).data().toString(), QStringLiteral("BAKING"));

        // Deleted orders leave; the history stays at its limit, the oldest leave at the bottom.
        OrderRow gone = order(3);
        gone.deleted = true;
        m.apply({gone});
        QCOMPARE(m.rowOf(QStringLiteral("ord-3")), -1);
        for (int round = 0; round < 4; ++round) {
            QList<OrderRow> more;
            for (int i = 0; i < 40; ++i)
                more << order(100 + round * 40 + i);
            m.apply(more);
            QVERIFY(m.rowCount() <= 50);
        }
        QCOMPARE(m.rowCount(), 50);
        QCOMPARE(m.index(0, OrdersModel::Pk).data().toString(), QStringLiteral("ord-259"));
        QCOMPARE(m.rowOf(QStringLiteral("ord-0")), -1);
        QCOMPARE(m.rowOf(QStringLiteral("ord-259")), 0);
    }

    void recordsAgeOnTheEmulatorClock()
    {
        RecordsModel m(nullptr, 10);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<RecordRow> records;
        for (int i = 0; i < 25; ++i) {
            RecordRow r;
            r.sequenceNumber = QString::number(100 + i);
            r.eventName = QStringLiteral("INSERT");
            r.createdAt = 1000;
            records << r;
        }
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.apply(records);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m.rowCount(), 10);
        QCOMPARE(m.index(0, RecordsModel::Sequence).data().toString(), QStringLiteral("124"));
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setClock(3500);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.index(0, RecordsModel::Age).data().toString(), QStringLiteral("2.5 s"));
    }

    // Issue 13: a record the stream trimmed was still listed with its age, as if readable.
    void recordsTheStreamTrimmedSaySo()
    {
        RecordsModel m(nullptr, 100);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<RecordRow> records;
        for (int i = 1; i <= 6; ++i) {
            RecordRow r;
            r.shard = i % 2; // positions 1..3 on each shard
            r.position = static_cast<quint64>((i + 1) / 2);
            r.sequenceNumber = QString::number(100 + i);
            r.createdAt = 1000;
            records << r;
        }
        m.apply(records);
        m.setClock(2000);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.applyTrims({TrimRow{1, 2, 2, false, 1500}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.trimmedTotal(), qint64(2));
        int trimmed = 0;
        for (int row = 0; row < m.rowCount(); ++row) {
            const RecordRow &r = m.record(row);
            const bool gone = r.shard == 1 && r.position <= 2;
            const QString age = m.index(row, RecordsModel::Age).data().toString();
            QCOMPARE(age, gone ? QStringLiteral("trimmed") : QStringLiteral("1.0 s"));
            QCOMPARE(m.index(row, RecordsModel::Age).data(Qt::ToolTipRole).isValid(), gone);
            trimmed += gone;
        }
        QCOMPARE(trimmed, 2);
        m.clear();
        QCOMPARE(m.trimmedTotal(), qint64(0));
    }

    void invocationsFinishInPlace()
    {
        InvocationsModel m(nullptr, 100);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InvocationRow started;
        started.id = 7;
        started.startedAt = 1000;
        started.sequenceNumbers = {QStringLiteral("1")};
        m.apply({started});
        QCOMPARE(m.index(0, InvocationsModel::Result).data().toString(), QStringLiteral("running"));
        InvocationRow finished = started;
        finished.finished = true;
        finished.finishedAt = 1250;
        finished.startedAt = 0;
        finished.outcome = QStringLiteral("partial failure at 1");
        finished.response = QStringLiteral("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}");
        m.apply({finished});
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.index(0, InvocationsModel::Duration).data().toString(), QStringLiteral("250 ms"));
        QVERIFY(m.index(0, 0).data(InvocationsModel::FailedRole).toBool());
        // Started and finished within one batch: one row.
        InvocationRow other = finished;
        other.id = 8;
        InvocationRow otherStarted = started;
        otherStarted.id = 8;
        m.apply({otherStarted, other});
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.index(0, InvocationsModel::Id).data().toULongLong(), 8ULL);
        QCOMPARE(m.index(0, InvocationsModel::Duration).data().toString(), QStringLiteral("250 ms"));
    }

    void cacheKeysFlashCountDownAndLeaveVisibly()
    {
        QHash<QString, QByteArray> values{{QStringLiteral("a"), "{\"id\":\"a\"}"}, {QStringLiteral("b"), "[1,2]"}};
        CacheModel m([&](const QString &key) { return values.value(key); }, nullptr, 100);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setLeaveMs(60);
        m.apply({cacheSet(QStringLiteral("a")), cacheSet(QStringLiteral("b"))}, 1000);
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(m.index(0, 0).data(CacheModel::FlashingRole).toBool());
        QCOMPARE(m.index(m.rowOf(QStringLiteral("a")), CacheModel::Value).data().toString(),
                 QStringLiteral("{\"id\":\"a\"}"));
        QCOMPARE(m.index(m.rowOf(QStringLiteral("a")), CacheModel::Ttl).data().toString(), QStringLiteral("60.0 s"));
        m.tick(31000);
        QCOMPARE(m.index(m.rowOf(QStringLiteral("a")), CacheModel::Ttl).data().toString(), QStringLiteral("30.0 s"));

        m.apply({cacheGone(QStringLiteral("a"), CacheRow::Change::Expired)}, 61000);
        const int row = m.rowOf(QStringLiteral("a"));
        QVERIFY(row >= 0); // still shown, as leaving
        QVERIFY(m.index(row, 0).data(CacheModel::LeavingRole).toBool());
        QCOMPARE(m.index(row, CacheModel::Ttl).data().toString(), QStringLiteral("expired"));
        QVERIFY(m.index(row, 0).data(Qt::FontRole).value<QFont>().strikeOut());
        QTest::qWait(80);
        m.tick(61100);
        QCOMPARE(m.rowOf(QStringLiteral("a")), -1);
        QCOMPARE(m.rowCount(), 1);

        // A flush makes every key leave.
        m.apply({cacheGone(QString(), CacheRow::Change::Flushed)}, 61200);
        QVERIFY(m.index(0, 0).data(CacheModel::LeavingRole).toBool());
        QTest::qWait(80);
        m.tick(61300);
        QCOMPARE(m.rowCount(), 0);

        // Bounded: the oldest keys leave at the bottom.
        CacheModel small([](const QString &) { return QByteArray(); }, nullptr, 5);
        QAbstractItemModelTester smallTester(&small, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<CacheRow> many;
        for (int i = 0; i < 12; ++i)
            many << cacheSet(QStringLiteral("k%1").arg(i));
        small.apply(many, 1000);
        QCOMPARE(small.rowCount(), 5);
        QCOMPARE(small.keyAt(0), QStringLiteral("k11"));
    }

    void notificationsPauseKeepsWhatArrivesAndShowGaps()
    {
        NotificationsModel m(QStringLiteral("Admin app"), nullptr, 100);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString admin = QStringLiteral("Admin app");
        m.apply({note(admin, QStringLiteral("new-order"), 1), note(admin, QStringLiteral("new-order"), 2),
                 note(QStringLiteral("Order app"), QStringLiteral("x-status-updated"), 1)});
        QCOMPARE(m.rowCount(), 2); // only the Admin app's
        m.setPaused(true);
        m.apply({note(admin, QStringLiteral("new-order"), 3), note(admin, QStringLiteral("new-order"), 6)});
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.held(), 2);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.setPaused(false);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.held(), 0);
        // Newest on top; 4 and 5 never came.
        QCOMPARE(m.index(0, NotificationsModel::Sequence).data().toString(), QStringLiteral("6 (missed 4..5)"));
        QVERIFY(m.index(0, 0).data(NotificationsModel::GapRole).toBool());
        QVERIFY(!m.index(1, 0).data(NotificationsModel::GapRole).toBool());
        NotificationRow gap = note(admin, QStringLiteral("new-order"), 0, QStringLiteral("missed 7..9"));
        gap.discontinuity = true;
        m.apply({gap});
        QCOMPARE(m.index(0, NotificationsModel::Sequence).data().toString(), QStringLiteral("gap"));
        QCOMPARE(m.deliveries(QStringLiteral("new-order"), QStringLiteral("{}"), 25).size(), 2); // #3 and #6

        // Bounded, also while paused.
        NotificationsModel small(QString(), nullptr, 10);
        QAbstractItemModelTester smallTester(&small, QAbstractItemModelTester::FailureReportingMode::QtTest);
        small.setPaused(true);
        QList<NotificationRow> burst;
        for (int i = 1; i <= 25; ++i)
            burst << note(admin, QStringLiteral("t"), static_cast<quint64>(i));
        small.apply(burst);
        QCOMPARE(small.held(), 10);
        QCOMPARE(small.droppedWhilePaused(), 15ULL);
        small.setPaused(false);
        QCOMPARE(small.rowCount(), 10);
        small.apply(burst);
        QCOMPARE(small.rowCount(), 10);
        small.clear();
        QCOMPARE(small.rowCount(), 0);
    }

    void orderTimelineFollowsStatusUpdates()
    {
        NotificationsModel source(QStringLiteral("Order app"));
        OrderTimelineModel m(&source);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString app = QStringLiteral("Order app");
        source.apply(
            {note(app, QStringLiteral("ord-1-status-updated"), 1, QStringLiteral("{\"status\":\"PREPARING\"}")),
             note(app, QStringLiteral("ord-2-status-updated"), 1, QStringLiteral("{\"status\":\"PREPARING\"}"))});
        source.apply({note(app, QStringLiteral("ord-1-status-updated"), 2, QStringLiteral("{\"status\":\"BAKING\"}"))});
        QCOMPARE(m.rowCount(), 2);
        const int row = m.rowOf(QStringLiteral("ord-1"));
        QCOMPARE(m.index(row, OrderTimelineModel::Status).data().toString(), QStringLiteral("BAKING"));
        const QString timeline = m.index(row, OrderTimelineModel::Timeline).data().toString();
        QVERIFY2(timeline.startsWith(QStringLiteral("PREPARING")) && timeline.contains(QStringLiteral("BAKING")),
                 qPrintable(timeline));
        QCOMPARE(m.index(row, OrderTimelineModel::Updates).data().toInt(), 2);
        source.clear();
        QCOMPARE(m.rowCount(), 0);
    }

    void lanesTraceAndRemoteClients()
    {
        LanesModel lanes;
        QAbstractItemModelTester lanesTester(&lanes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList lane{QStringLiteral("shardId-1"),
                               QStringLiteral("0"),
                               QStringLiteral("12"),
                               QStringLiteral("no"),
                               QStringLiteral("0"),
                               QStringLiteral("0"),
                               QString(),
                               QString(),
                               QString()};
        lanes.setLanes({lane});
        QStringList blocked = lane;
        blocked[LanesModel::Blocked] = QStringLiteral("blocked");
        blocked[LanesModel::Poison] = QStringLiteral("5: Error: boom");
        QSignalSpy changed(&lanes, &QAbstractItemModel::dataChanged);
        lanes.setLanes({blocked});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lanes.blockedCount(), 1);
        QCOMPARE(lanes.index(0, LanesModel::Poison).data().toString(), QStringLiteral("5: Error: boom"));
        lanes.setLanes({blocked, lane});
        QCOMPARE(lanes.rowCount(), 2);

        TraceModel trace;
        QAbstractItemModelTester traceTester(&trace, QAbstractItemModelTester::FailureReportingMode::QtTest);
        trace.setLines({TraceLine{QStringLiteral("publish"), 30, 0, 1, true, {}},
                        TraceLine{QStringLiteral("table write"), 10, 0, 0, true, {}},
                        TraceLine{QStringLiteral("cache call"), 20, 5, 1, false, {}}});
        QCOMPARE(trace.kinds(),
                 (QStringList{QStringLiteral("table write"), QStringLiteral("cache call"), QStringLiteral("publish")}));
        QCOMPARE(trace.index(2, TraceModel::Offset).data().toString(), QStringLiteral("+20"));
        QCOMPARE(trace.index(1, TraceModel::Result).data().toString(), QStringLiteral("failed"));

        RemoteClientsModel remote;
        QAbstractItemModelTester remoteTester(&remote, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RemoteClientRow client;
        client.peer = QStringLiteral("ipv4:127.0.0.1:5000");
        client.cache = QStringLiteral("pizza");
        client.topic = QStringLiteral("new-order");
        remote.setClients({client});
        QCOMPARE(remote.index(0, RemoteClientsModel::Topic).data().toString(), QStringLiteral("pizza/new-order"));
    }

    void jsonText()
    {
        // Pretty keeps key order and the digits of big numbers.
        const QString compact = QStringLiteral("{\"z\":1,\"a\":[12345678901234567890,{\"s\":\"x,y:{\\\"\"}],\"e\":[]}");
        const QString pretty = json_text::pretty(compact);
        QVERIFY(pretty.indexOf(QStringLiteral("\"z\"")) < pretty.indexOf(QStringLiteral("\"a\"")));
        QVERIFY(pretty.contains(QStringLiteral("12345678901234567890")));
        QVERIFY(pretty.contains(QStringLiteral("\"x,y:{\\\"\"")));
        QVERIFY(pretty.contains(QStringLiteral("\"e\": []")));
        QCOMPARE(json_text::pretty(QStringLiteral("not json {")), QStringLiteral("not json {"));
        QString squeezed = pretty;
        squeezed.remove(QLatin1Char('\n'));
        squeezed.remove(QLatin1Char(' '));
        QCOMPARE(squeezed, QString(compact).remove(QLatin1Char(' ')));

        const QString item =
            QStringLiteral("{\"pk\":{\"S\":\"ord-1\"},\"items\":{\"L\":[{\"M\":{\"size\":{\"S\":\"L\"},\"name\":"
                           "{\"S\":\"margherita\"},\"price\":{\"N\":\"12.50\"},\"veg\":{\"BOOL\":true},"
                           "\"tags\":{\"SS\":[\"a\"]},\"x\":{\"NULL\":true}}}]}}");
        QCOMPARE(
            json_text::plainItems(item),
            QStringLiteral(
                "[{\"size\":\"L\",\"name\":\"margherita\",\"price\":12.50,\"veg\":true,\"tags\":[\"a\"],\"x\":null}]"));
        QCOMPARE(json_text::plainItems(QStringLiteral("{\"pk\":{\"S\":\"x\"}}")), QString());
        QCOMPARE(json_text::syntaxError(QStringLiteral("[1,2]")), QString());
        QVERIFY(json_text::syntaxError(QStringLiteral("[1,\n  2,,]")).startsWith(QStringLiteral("line 2, column ")));
    }
};

QTEST_MAIN(TstUiModels)
#include "tst_ui_models.moc"
