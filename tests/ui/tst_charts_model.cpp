// The live charts' model (docs/flow-view.md, "Charts"): per-second buckets of emulator time, the write -> publish
// latency of each change with its p50 and p95, the ring's bound, and the reset on a new world.
#include "charts/charts_model.h"

#include <QtTest>

using namespace orderlab;

namespace {
EmulatorBatch batch(qint64 clock)
{
    EmulatorBatch b;
    b.status.clock = clock;
    return b;
}

OrderRow order(const QString &pk, quint64 trace, qint64 at)
{
    OrderRow o;
    o.pk = pk;
    o.traceId = trace;
    o.updatedAt = at;
    return o;
}

RecordRow record(const QString &pk, quint64 trace, qint64 at)
{
    RecordRow r;
    r.pk = pk;
    r.traceId = trace;
    r.createdAt = at;
    return r;
}

NotificationRow published(const QString &subscriber, const QString &topic, quint64 seq, const QString &value, qint64 at)
{
    NotificationRow n;
    n.subscriber = subscriber;
    n.topic = topic;
    n.sequenceNumber = seq;
    n.value = value;
    n.time = at;
    return n;
}

InvocationRow invocation(quint64 id, qint64 at, bool finished, const QString &outcome = QStringLiteral("success"))
{
    InvocationRow i;
    i.id = id;
    i.startedAt = at;
    i.finishedAt = at;
    i.finished = finished;
    i.outcome = outcome;
    return i;
}
} // namespace

class TstChartsModel : public QObject
{
    Q_OBJECT
  private slots:
    void bucketsPerSecondOfEmulatorTime()
    {
        ChartsModel m;
        EmulatorBatch b = batch(2500);
        b.orders << order(QStringLiteral("a"), 1, 1000) << order(QStringLiteral("b"), 2, 1999);
        b.records << record(QStringLiteral("a"), 1, 1000) << record(QStringLiteral("c"), 3, 2000);
        b.invocations << invocation(1, 1500, false) << invocation(1, 1600, true) << invocation(2, 2100, false)
                      << invocation(2, 2200, true, QStringLiteral("failure: threw"));
        m.apply(b);
        const QList<ChartSecond> s = m.series();
        QCOMPARE(s.size(), 2); // seconds 1 and 2
        QCOMPARE(s.at(0).second, 1);
        QCOMPARE(s.at(0).writes, 2ULL); // a (row and record: one change) and b
        QCOMPARE(s.at(1).writes, 1ULL);
        QCOMPARE(s.at(0).invocations, 1ULL);
        QCOMPARE(s.at(0).errors, 0ULL);
        QCOMPARE(s.at(1).invocations, 1ULL);
        QCOMPARE(s.at(1).errors, 1ULL);
        // Quiet seconds still pass: the window moves with the clock.
        m.apply(batch(6000));
        QCOMPARE(m.newestSecond(), 6);
        QCOMPARE(m.series().size(), 6);
        QCOMPARE(m.series().last().writes, 0ULL);
    }

    void latencyFromWriteToFirstPublish()
    {
        ChartsModel m;
        EmulatorBatch b = batch(1000);
        // 20 changes written at t = 0, first published 10, 20, ..., 200 ms later, all in second 0.
        for (int i = 1; i <= 20; ++i)
            b.records << record(QStringLiteral("o%1").arg(i), static_cast<quint64>(i), 0);
        for (int i = 1; i <= 20; ++i) {
            const QString value = QStringLiteral("{\"id\":\"o%1\"}").arg(i);
            // The same publish delivered twice, and a later publish of the same order: neither counts again.
            b.notifications << published(QStringLiteral("Admin app"), QStringLiteral("new-order"),
                                         static_cast<quint64>(i), value, i * 10)
                            << published(QStringLiteral("someone"), QStringLiteral("new-order"),
                                         static_cast<quint64>(i), value, i * 10)
                            << published(QStringLiteral("Admin app"), QStringLiteral("o%1-updated").arg(i), 1,
                                         QStringLiteral("{}"), i * 10 + 500);
        }
        m.apply(b);
        const ChartSecond s = m.series().first();
        QCOMPARE(s.latencies, 20);
        QCOMPARE(s.p50, 100.0); // nearest rank: the 10th of 20
        QCOMPARE(s.p95, 190.0); // the 19th of 20
        QCOMPARE(m.pending(), 0);
        // A change of an order waits for the order's next publish, which names it by topic.
        EmulatorBatch next = batch(3000);
        next.orders << order(QStringLiteral("o1"), 99, 2000);
        next.notifications << published(QStringLiteral("Order app"), QStringLiteral("o1-status-updated"), 1,
                                        QStringLiteral("{\"status\":\"BAKING\"}"), 2750);
        m.apply(next);
        QCOMPARE(m.series().at(2).latencies, 1);
        QCOMPARE(m.series().at(2).p50, 750.0);
    }

    void theRingIsBounded()
    {
        ChartsModel m(nullptr, 10);
        for (int second = 0; second < 25; ++second) {
            EmulatorBatch b = batch(second * 1000 + 500);
            b.records << record(QStringLiteral("o%1").arg(second), static_cast<quint64>(second + 1), second * 1000);
            m.apply(b);
        }
        const QList<ChartSecond> s = m.series();
        QCOMPARE(s.size(), 10);
        QCOMPARE(s.first().second, 15);
        QCOMPARE(s.last().second, 24);
        // Older than the window: dropped, not counted somewhere else.
        EmulatorBatch late = batch(24500);
        late.records << record(QStringLiteral("late"), 1000, 3000);
        m.apply(late);
        quint64 writes = 0;
        for (const ChartSecond &c : m.series())
            writes += c.writes;
        QCOMPARE(writes, 10ULL);
        // The latency samples of one second are bounded too.
        ChartsModel big;
        EmulatorBatch many = batch(1000);
        for (int i = 1; i <= ChartsModel::kSamples * 3; ++i) {
            many.records << record(QStringLiteral("p%1").arg(i), static_cast<quint64>(i), 0);
            many.notifications << published(QStringLiteral("Admin app"), QStringLiteral("new-order"),
                                            static_cast<quint64>(i), QStringLiteral("{\"id\":\"p%1\"}").arg(i), 500);
        }
        big.apply(many);
        QCOMPARE(big.series().first().latencies, ChartsModel::kSamples * 3);
        QCOMPARE(big.series().first().p95, 500.0);
    }

    void resetsOnANewWorld()
    {
        ChartsModel m;
        EmulatorBatch b = batch(9000);
        b.records << record(QStringLiteral("a"), 1, 8000);
        m.apply(b);
        QCOMPARE(m.newestSecond(), 9);
        m.apply(batch(1000)); // the clock went back: a new world
        QCOMPARE(m.newestSecond(), 1);
        QCOMPARE(m.series().size(), 1);
        QCOMPARE(m.series().first().writes, 0ULL);
        m.clear();
        QCOMPARE(m.newestSecond(), -1);
        QVERIFY(m.series().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstChartsModel)
#include "tst_charts_model.moc"
