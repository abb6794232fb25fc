#include "charts_model.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace orderlab {

namespace {
/// The order a notification is about (docs/handler.md: `<id>-status-updated`, `<id>-updated`, or the value's id).
QString orderOf(const NotificationRow &n)
{
    static const QString status = QStringLiteral("-status-updated"), updated = QStringLiteral("-updated");
    if (n.topic.endsWith(status))
        return n.topic.chopped(status.size());
    if (n.topic.endsWith(updated))
        return n.topic.chopped(updated.size());
    static const QRegularExpression id(QStringLiteral("\"id\"\\s*:\\s*\"([^\"]*)\""));
    const auto m = id.match(n.value);
    return m.hasMatch() ? m.captured(1) : QString();
}

/// Nearest rank: the smallest value with at least `p` of the values at or below it.
double percentile(std::vector<qint64> values, double p)
{
    if (values.empty())
        return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    const std::size_t i = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values.end());
    return static_cast<double>(values[i]);
}

qint64 secondOf(qint64 timeMs)
{
    return timeMs >= 0 ? timeMs / 1000 : (timeMs - 999) / 1000;
}
} // namespace

ChartsModel::ChartsModel(QObject *parent, int seconds) : QObject(parent), m_ring(std::max(1, seconds)) {}

void ChartsModel::clear()
{
    for (Bucket &b : m_ring)
        b = {};
    m_newest = -1;
    m_seenChanges.clear();
    m_seenPublishes.clear();
    m_pending.clear();
    m_pendingOrder.clear();
    m_pendingCount = 0;
    m_world.reset();
    emit changed();
}

ChartsModel::Bucket *ChartsModel::bucket(qint64 timeMs)
{
    const qint64 s = secondOf(timeMs);
    const auto size = static_cast<qint64>(m_ring.size());
    if (m_newest >= 0 && s <= m_newest - size)
        return nullptr;
    if (s > m_newest) {
        const qint64 from = m_newest < 0 ? s : std::max(m_newest + 1, s - size + 1);
        for (qint64 k = from; k <= s; ++k)
            m_ring[static_cast<std::size_t>(((k % size) + size) % size)] = Bucket{k, 0, 0, 0, {}, 0};
        m_newest = s;
    }
    Bucket &b = m_ring[static_cast<std::size_t>(((s % size) + size) % size)];
    if (b.second != s)
        b = Bucket{s, 0, 0, 0, {}, 0};
    return &b;
}

QList<ChartSecond> ChartsModel::series() const
{
    QList<ChartSecond> out;
    if (m_newest < 0)
        return out;
    const auto size = static_cast<qint64>(m_ring.size());
    for (qint64 s = m_newest - size + 1; s <= m_newest; ++s) {
        const Bucket &b = m_ring[static_cast<std::size_t>(((s % size) + size) % size)];
        if (b.second != s)
            continue; // before the first second seen
        ChartSecond c;
        c.second = s;
        c.writes = b.writes;
        c.invocations = b.invocations;
        c.errors = b.errors;
        c.latencies = static_cast<qsizetype>(b.latencies);
        c.p50 = percentile(b.samples, 0.50);
        c.p95 = percentile(b.samples, 0.95);
        out << c;
    }
    return out;
}

void ChartsModel::write(quint64 traceId, const QString &pk, qint64 timeMs)
{
    if (traceId == 0 || !m_seenChanges.insert(traceId))
        return;
    if (Bucket *b = bucket(timeMs))
        ++b->writes;
    if (pk.isEmpty())
        return;
    QList<qint64> &waiting = m_pending[pk];
    if (waiting.isEmpty())
        m_pendingOrder.push_back(pk);
    waiting << timeMs;
    ++m_pendingCount;
    if (m_pendingOrder.size() > static_cast<std::size_t>(2 * kPending)) {
        // Orders whose changes were all published leave their place behind: drop those (and repeats).
        std::deque<QString> kept;
        QSet<QString> seen;
        for (const QString &o : m_pendingOrder)
            if (m_pending.contains(o) && !seen.contains(o)) {
                seen.insert(o);
                kept.push_back(o);
            }
        m_pendingOrder.swap(kept);
    }
    while (m_pendingCount > kPending && !m_pendingOrder.empty()) {
        const QString oldest = m_pendingOrder.front();
        m_pendingOrder.pop_front();
        m_pendingCount -= m_pending.value(oldest).size();
        m_pending.remove(oldest);
    }
}

void ChartsModel::publish(const NotificationRow &n)
{
    if (n.discontinuity || !m_seenPublishes.insert(n.topic + QLatin1Char('#') + QString::number(n.sequenceNumber)))
        return;
    const auto waiting = m_pending.find(orderOf(n));
    if (waiting == m_pending.end() || waiting->isEmpty() || waiting->first() > n.time)
        return;
    const qint64 latency = n.time - waiting->takeFirst();
    --m_pendingCount;
    if (waiting->isEmpty())
        m_pending.erase(waiting); // its place in m_pendingOrder goes at the next compaction
    Bucket *b = bucket(n.time);
    if (!b)
        return;
    ++b->latencies;
    if (b->samples.size() < static_cast<std::size_t>(kSamples)) {
        b->samples.push_back(latency);
        return;
    }
    // Reservoir sampling (a fixed xorshift, so that a run repeats): every latency is kept with equal chance.
    m_random ^= m_random << 13;
    m_random ^= m_random >> 7;
    m_random ^= m_random << 17;
    const quint64 slot = m_random % b->latencies;
    if (slot < static_cast<quint64>(kSamples))
        b->samples[static_cast<std::size_t>(slot)] = latency;
}

void ChartsModel::apply(const EmulatorBatch &batch)
{
    if (m_world.newWorld(batch.status)) {
        clear();
        m_world.newWorld(batch.status);
    }
    for (const OrderRow &o : batch.orders)
        write(o.traceId, o.pk, o.updatedAt);
    for (const RecordRow &r : batch.records)
        write(r.traceId, r.pk, r.createdAt);
    for (const InvocationRow &row : batch.invocations) {
        Bucket *b = bucket(row.finished ? row.finishedAt : row.startedAt);
        if (!b)
            continue;
        if (!row.finished)
            ++b->invocations;
        else if (row.outcome != QLatin1String("success"))
            ++b->errors;
    }
    for (const NotificationRow &n : batch.notifications)
        publish(n);
    if (batch.status.clock > 0)
        bucket(batch.status.clock); // the window moves on while nothing happens
    emit changed();
}

} // namespace orderlab
