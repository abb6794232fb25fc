// The Flow view's model and its token animation, fed with hand-built batches (docs/flow-view.md): counts per box,
// tokens stage by stage, the bound, failures and retries at their box, follow this order, reset on a new world.
#include "flow/flow_box_text.h"
#include "flow/flow_model.h"
#include "flow/token_animator.h"

#include <QSignalSpy>
#include <QtTest>

using namespace orderlab;

namespace {
EmulatorStatus status(qint64 clock, quint64 invocations = 0)
{
    EmulatorStatus s;
    s.clock = clock;
    s.invocations = invocations;
    return s;
}

OrderRow order(const QString &pk, quint64 trace, qint64 at = 1000)
{
    OrderRow o;
    o.pk = pk;
    o.status = QStringLiteral("SUBMITTED");
    o.traceId = trace;
    o.updatedAt = at;
    return o;
}

RecordRow record(const QString &pk, quint64 trace, int shard = 0, qint64 at = 1000)
{
    RecordRow r;
    r.pk = pk;
    r.traceId = trace;
    r.shard = shard;
    r.createdAt = at;
    r.sequenceNumber = QStringLiteral("seq-%1").arg(trace);
    return r;
}

InvocationRow started(quint64 id, QList<quint64> traces, int attempt = 1, int shard = 0, int lane = 0)
{
    InvocationRow i;
    i.id = id;
    i.shard = shard;
    i.lane = lane;
    i.attempt = attempt;
    i.traceIds = traces;
    for (quint64 t : traces)
        i.sequenceNumbers << QStringLiteral("seq-%1").arg(t);
    return i;
}

InvocationRow finished(InvocationRow i, const QString &outcome = QStringLiteral("success"))
{
    i.finished = true;
    i.outcome = outcome;
    return i;
}

CacheRow cache(const QString &key, CacheRow::Change change = CacheRow::Change::Set)
{
    CacheRow c;
    c.key = key;
    c.change = change;
    return c;
}

NotificationRow note(const QString &subscriber, const QString &topic, quint64 seq, const QString &value)
{
    NotificationRow n;
    n.subscriber = subscriber;
    n.topic = topic;
    n.sequenceNumber = seq;
    n.value = value;
    n.time = 1200;
    return n;
}

EmulatorBatch batch(qint64 clock, quint64 invocations = 0)
{
    EmulatorBatch b;
    b.status = status(clock, invocations);
    return b;
}
} // namespace

class TstFlowModel : public QObject
{
    Q_OBJECT
  private slots:
    void countsAfterAKnownSequence()
    {
        FlowModel m;
        EmulatorBatch b1 = batch(1000);
        b1.status.orders = 2;
        b1.status.cacheKeys = 5;
        b1.orders << order(QStringLiteral("a"), 1) << order(QStringLiteral("b"), 2);
        b1.records << record(QStringLiteral("a"), 1, 0) << record(QStringLiteral("b"), 2, 1);
        m.apply(b1);
        EmulatorBatch b2 = batch(2000, 2);
        b2.status.orders = 2;
        b2.status.cacheKeys = 5;
        const InvocationRow i1 = started(10, {1}, 1, 0, 0), i2 = started(11, {2}, 1, 1, 0);
        b2.invocations << i1 << i2 << finished(i1) << finished(i2, QStringLiteral("failure: the function threw"));
        b2.cache << cache(QStringLiteral("a")) << cache(QStringLiteral("ADMIN-a"))
                 << cache(QStringLiteral("old"), CacheRow::Change::Expired);
        b2.trims << TrimRow{0, 3, 7, false, 2000};
        b2.notifications << note(QStringLiteral("Admin app"), QStringLiteral("new-order"), 1,
                                 QStringLiteral("{\"id\":\"a\"}"))
                         << note(QStringLiteral("someone"), QStringLiteral("new-order"), 1,
                                 QStringLiteral("{\"id\":\"a\"}"))
                         << note(QStringLiteral("Order app"), QStringLiteral("a-status-updated"), 1,
                                 QStringLiteral("{\"status\":\"BAKING\"}"));
        m.apply(b2);
        const FlowCounts &c = m.counts();
        QCOMPARE(c.writes, 2ULL); // the order rows and the records are the same two changes
        QCOMPARE(c.orders, 2ULL);
        QCOMPARE(c.shards.value(0).records, 1ULL);
        QCOMPARE(c.shards.value(1).records, 1ULL);
        QCOMPARE(c.shards.value(0).trimmed, 3ULL);
        QCOMPARE(c.invocations, 2ULL);
        QCOMPARE(c.failures, 1ULL);
        QCOMPARE(c.lanes.value(LaneKey(0, 0)).inFlight, 0);
        QVERIFY(!c.lanes.value(LaneKey(0, 0)).blocked);
        QVERIFY(c.lanes.value(LaneKey(1, 0)).blocked);
        QCOMPARE(c.cacheKeys, 5ULL);
        QCOMPARE(c.cacheSets, 2ULL);
        QCOMPARE(c.cacheExpiries, 1ULL);
        QCOMPARE(c.publishes, 2ULL); // new-order #1 twice (two subscribers) and a-status-updated #1
        QCOMPARE(c.adminApp, 1ULL);
        QCOMPARE(c.orderApp, 1ULL);
        // The boxes the counts call for, and what they say.
        const QList<FlowBoxId> boxes = flowBoxes(c);
        QVERIFY(boxes.contains(FlowBoxId{FlowStage::Shard, 1}));
        QVERIFY(boxes.contains((FlowBoxId{FlowStage::Lane, 1, 0})));
        QVERIFY(flowBoxLines(FlowBoxId{FlowStage::Lane, 1, 0}, c).contains(QStringLiteral("BLOCKED")));
        QCOMPARE(flowBoxLines(FlowBoxId{FlowStage::Table}, c),
                 (QStringList{QStringLiteral("Table"), QStringLiteral("2"), QStringLiteral("writes"),
                              QStringLiteral("2"), QStringLiteral("orders")}));
        // Large counts are written short, so that they fit what the layout made room for.
        FlowCounts big;
        big.writes = 999'999;
        big.orders = 12'345'678;
        QCOMPARE(flowBoxLines(FlowBoxId{FlowStage::Table}, big).mid(1, 3),
                 (QStringList{QStringLiteral("999,999"), QStringLiteral("writes"), QStringLiteral("12.3 M")}));
        // The phones.
        QCOMPARE(m.orderAppOrder(), QStringLiteral("a"));
        QCOMPARE(m.timeline(QStringLiteral("a")).size(), 1);
        QCOMPARE(m.timeline(QStringLiteral("a")).first().status, QStringLiteral("BAKING"));
        QCOMPARE(m.screen(QStringLiteral("Admin app")).size(), 1);
    }

    void tokensAdvanceStageByStage()
    {
        FlowModel m;
        EmulatorBatch b = batch(1000);
        b.orders << order(QStringLiteral("a"), 7);
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Table);
        b = batch(1100);
        b.records << record(QStringLiteral("a"), 7, 0);
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Shard);
        QCOMPARE(m.token(7)->shard, 0);
        b = batch(1200, 1);
        const InvocationRow inv = started(1, {7}, 1, 0, 0);
        b.invocations << inv;
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Handler);
        QCOMPARE(m.token(7)->lane, 0);
        QCOMPARE(m.counts().lanes.value(LaneKey(0, 0)).inFlight, 1);
        b = batch(1300, 1);
        b.invocations << finished(inv);
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Cache);
        QCOMPARE(m.counts().lanes.value(LaneKey(0, 0)).inFlight, 0);
        b = batch(1400, 1);
        b.notifications << note(QStringLiteral("someone"), QStringLiteral("new-order"), 1,
                                QStringLiteral("{\"id\":\"a\"}"));
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Topics);
        b = batch(1500, 1);
        b.notifications << note(QStringLiteral("Admin app"), QStringLiteral("new-order"), 1,
                                QStringLiteral("{\"id\":\"a\"}"));
        m.apply(b);
        QCOMPARE(m.token(7)->stage, FlowStage::Apps);
        QCOMPARE(m.counts().publishes, 1ULL);

        // The animation walks it box by box: one hop per hopMs.
        TokenAnimator a(100);
        FlowModel fresh;
        EmulatorBatch all = batch(1000, 1);
        all.orders << order(QStringLiteral("b"), 9);
        all.records << record(QStringLiteral("b"), 9);
        all.invocations << started(2, {9});
        fresh.apply(all);
        a.sync(fresh.tokens());
        QCOMPARE(a.visual(9).shown, FlowStage::Table);
        QCOMPARE(a.visual(9).target, FlowStage::Handler);
        QVERIFY(a.moving());
        a.advance(20); // three boxes behind: twice the pace
        QCOMPARE(a.visual(9).shown, FlowStage::Table);
        QCOMPARE(a.visual(9).progress, 0.4);
        a.advance(40);
        QVERIFY(stageIndex(a.visual(9).shown) >= stageIndex(FlowStage::Shard));
        QVERIFY(stageIndex(a.visual(9).shown) < stageIndex(FlowStage::Handler));
        for (int i = 0; i < 10; ++i)
            a.advance(100);
        QCOMPARE(a.visual(9).shown, FlowStage::Handler);
        QCOMPARE(a.visual(9).progress, 0.0);
        QVERIFY(!a.moving());
    }

    void tokensPastTheBoundAreDropped()
    {
        FlowModel m(nullptr, 5);
        EmulatorBatch b = batch(1000);
        for (int i = 1; i <= 8; ++i)
            b.orders << order(QStringLiteral("o%1").arg(i), static_cast<quint64>(i));
        m.apply(b);
        QCOMPARE(m.tokens().size(), 5);
        QCOMPARE(m.droppedTokens(), 3ULL);
        QVERIFY(!m.token(1));
        QVERIFY(!m.token(3));
        QVERIFY(m.token(4));
        QVERIFY(m.token(8));
        QCOMPARE(m.counts().writes, 8ULL); // the counts keep counting
        TokenAnimator a;
        a.sync(m.tokens());
        QCOMPARE(a.size(), 5);
        QVERIFY(!a.contains(1));
    }

    void failuresAndRetriesLandOnTheirBox()
    {
        FlowModel m;
        EmulatorBatch b = batch(1000, 1);
        b.orders << order(QStringLiteral("a"), 1) << order(QStringLiteral("b"), 2) << order(QStringLiteral("c"), 3);
        b.records << record(QStringLiteral("a"), 1) << record(QStringLiteral("b"), 2) << record(QStringLiteral("c"), 3);
        const InvocationRow first = started(5, {1, 2, 3});
        b.invocations << first << finished(first, QStringLiteral("partial failure at seq-2"));
        m.apply(b);
        // Before the failed record: through; from it on: failed at the handler.
        QCOMPARE(m.token(1)->stage, FlowStage::Cache);
        QVERIFY(!m.token(1)->failed);
        QCOMPARE(m.token(2)->stage, FlowStage::Handler);
        QVERIFY(m.token(2)->failed);
        QVERIFY(m.token(3)->failed);
        QCOMPARE(m.counts().failures, 1ULL);
        QVERIFY(m.counts().lanes.value(LaneKey(0, 0)).blocked);
        // The retry: counted at the lane, its number on the tokens.
        b = batch(2000, 2);
        const InvocationRow retry = started(6, {2, 3}, 2);
        b.invocations << retry;
        m.apply(b);
        QCOMPARE(m.counts().lanes.value(LaneKey(0, 0)).retries, 1ULL);
        QCOMPARE(m.token(2)->retries, 1);
        QVERIFY(m.token(2)->failed); // until an attempt gets it through
        b = batch(3000, 2);
        b.invocations << finished(retry);
        m.apply(b);
        QVERIFY(!m.token(2)->failed);
        QCOMPARE(m.token(2)->stage, FlowStage::Cache);
        QVERIFY(!m.counts().lanes.value(LaneKey(0, 0)).blocked);
        // A redelivery is not a retry.
        b = batch(4000, 3);
        InvocationRow again = started(7, {1}, 2);
        again.redelivery = true;
        b.invocations << again;
        m.apply(b);
        QCOMPARE(m.counts().lanes.value(LaneKey(0, 0)).retries, 1ULL);
    }

    void followThisOrderSelectsOnlyItsTokens()
    {
        FlowModel m;
        QSignalSpy changed(&m, &FlowModel::changed);
        EmulatorBatch b = batch(1000);
        b.orders << order(QStringLiteral("a"), 1) << order(QStringLiteral("b"), 2);
        b.records << record(QStringLiteral("a"), 3);
        m.apply(b);
        m.setFollowedOrder(QStringLiteral("a"));
        QCOMPARE(changed.count(), 2);
        QList<quint64> followed;
        for (const FlowToken &t : m.tokens())
            if (m.isFollowed(t))
                followed << t.traceId;
        QCOMPARE(followed, (QList<quint64>{1, 3}));
        QCOMPARE(m.orderAppOrder(), QStringLiteral("a"));
        m.setFollowedOrder(QString());
        // "Follow newest": the order of the newest change, until a new-order announcement names one.
        QCOMPARE(m.newestOrder(), QStringLiteral("a"));
        b = batch(2000);
        b.notifications << note(QStringLiteral("Admin app"), QStringLiteral("new-order"), 1,
                                QStringLiteral("{\"id\":\"b\"}"));
        m.apply(b);
        QCOMPARE(m.newestOrder(), QStringLiteral("b"));
        for (const FlowToken &t : m.tokens())
            QVERIFY(!m.isFollowed(t));
    }

    void resetsOnRestartAndOnANewWorld()
    {
        FlowModel m;
        EmulatorBatch b = batch(5000, 4);
        b.orders << order(QStringLiteral("a"), 1);
        b.records << record(QStringLiteral("a"), 1);
        b.notifications << note(QStringLiteral("Admin app"), QStringLiteral("new-order"), 1,
                                QStringLiteral("{\"id\":\"a\"}"));
        m.apply(b);
        QVERIFY(m.counts().writes > 0);
        m.clear(); // what the window does before a Restart
        QCOMPARE(m.counts().writes, 0ULL);
        QCOMPARE(m.counts().adminApp, 0ULL);
        QVERIFY(m.tokens().isEmpty());
        QVERIFY(m.screen(QStringLiteral("Admin app")).isEmpty());
        // Without the announcement: the clock going back shows a new world.
        m.apply(b);
        QCOMPARE(m.counts().writes, 1ULL);
        EmulatorBatch next = batch(100, 0);
        next.orders << order(QStringLiteral("z"), 1);
        m.apply(next);
        QCOMPARE(m.counts().writes, 1ULL); // only the new world's change
        QCOMPARE(m.counts().adminApp, 0ULL);
        QCOMPARE(m.tokens().size(), 1);
        QCOMPARE(m.tokens().first().pk, QStringLiteral("z"));
        // The invocation count going back does too.
        EmulatorBatch more = batch(200, 9);
        m.apply(more);
        QCOMPARE(m.counts().writes, 1ULL);
        EmulatorBatch back = batch(300, 1);
        m.apply(back);
        QCOMPARE(m.counts().writes, 0ULL);
    }

    void screensAndTimelinesAreBounded()
    {
        FlowModel m;
        EmulatorBatch b = batch(1000);
        for (int i = 0; i < 50; ++i)
            b.notifications << note(QStringLiteral("Admin app"), QStringLiteral("new-order"),
                                    static_cast<quint64>(i + 1), QStringLiteral("{\"id\":\"o%1\"}").arg(i));
        for (int i = 0; i < FlowModel::kTimelines + 20; ++i)
            b.notifications << note(QStringLiteral("Order app"), QStringLiteral("o%1-status-updated").arg(i), 1,
                                    QStringLiteral("{\"status\":\"BAKING\"}"));
        m.apply(b);
        QCOMPARE(m.screen(QStringLiteral("Admin app")).size(), FlowModel::kScreenLines);
        QCOMPARE(m.screen(QStringLiteral("Admin app")).first().sequenceNumber, 50ULL); // newest first
        QVERIFY(m.timeline(QStringLiteral("o0")).isEmpty());
        QCOMPARE(m.timeline(QStringLiteral("o%1").arg(FlowModel::kTimelines + 19)).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstFlowModel)
#include "tst_flow_model.moc"
