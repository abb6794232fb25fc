#include "flow_model.h"

#include <QRegularExpression>

namespace orderlab {

namespace {
const QString kOrderApp = QStringLiteral("Order app");
const QString kAdminApp = QStringLiteral("Admin app");
const QString kStatusSuffix = QStringLiteral("-status-updated");
const QString kUpdatedSuffix = QStringLiteral("-updated");

/// The order a notification is about: `<id>-status-updated` and `<id>-updated` name it in the topic,
/// `new-order` and `order-canceled` in the value (docs/handler.md).
QString orderOf(const NotificationRow &n)
{
    if (n.topic.endsWith(kStatusSuffix))
        return n.topic.chopped(kStatusSuffix.size());
    if (n.topic.endsWith(kUpdatedSuffix))
        return n.topic.chopped(kUpdatedSuffix.size());
    static const QRegularExpression id(QStringLiteral("\"id\"\\s*:\\s*\"([^\"]*)\""));
    const auto m = id.match(n.value);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString statusOf(const QString &value)
{
    static const QRegularExpression status(QStringLiteral("\"status\"\\s*:\\s*\"([^\"]*)\""));
    const auto m = status.match(value);
    return m.hasMatch() ? m.captured(1) : value;
}
} // namespace

FlowModel::FlowModel(QObject *parent, int maxTokens) : QObject(parent), m_maxTokens(qMax(1, maxTokens)) {}

QList<FlowToken> FlowModel::tokens() const
{
    QList<FlowToken> out;
    out.reserve(m_tokens.size());
    for (quint64 id : m_tokenOrder)
        if (const auto t = m_tokens.constFind(id); t != m_tokens.constEnd())
            out << *t;
    return out;
}

const FlowToken *FlowModel::token(quint64 traceId) const
{
    const auto t = m_tokens.constFind(traceId);
    return t == m_tokens.constEnd() ? nullptr : &*t;
}

void FlowModel::setFollowedOrder(const QString &pk)
{
    if (pk == m_followed)
        return;
    m_followed = pk;
    emit changed();
}

QList<NotificationRow> FlowModel::screen(const QString &app) const
{
    return m_screens.value(app);
}

QString FlowModel::orderAppOrder() const
{
    return m_followed.isEmpty() ? m_lastOrderAppPk : m_followed;
}

QString FlowModel::newestOrder() const
{
    if (!m_newestOrder.isEmpty())
        return m_newestOrder;
    for (auto id = m_tokenOrder.crbegin(); id != m_tokenOrder.crend(); ++id)
        if (const auto t = m_tokens.constFind(*id); t != m_tokens.constEnd() && !t->pk.isEmpty())
            return t->pk;
    return {};
}

void FlowModel::clear()
{
    m_counts = {};
    m_tokens.clear();
    m_tokenOrder.clear();
    m_latestByPk.clear();
    m_open.clear();
    m_seenChanges.clear();
    m_seenPublishes.clear();
    m_screens.clear();
    m_timelines.clear();
    m_timelineOrder.clear();
    m_lastOrderAppPk.clear();
    m_newestOrder.clear();
    m_dropped = 0;
    m_clock = -1;
    m_world.reset();
    emit changed();
}

FlowToken &FlowModel::tokenFor(quint64 traceId, const QString &pk, qint64 time)
{
    if (m_seenChanges.insert(traceId))
        ++m_counts.writes;
    auto t = m_tokens.find(traceId);
    if (t == m_tokens.end()) {
        FlowToken fresh;
        fresh.traceId = traceId;
        fresh.pk = pk;
        fresh.writtenAt = time;
        t = m_tokens.insert(traceId, fresh);
        m_tokenOrder.push_back(traceId);
        if (!pk.isEmpty())
            m_latestByPk.insert(pk, traceId);
    }
    return *t;
}

void FlowModel::reach(FlowToken &t, FlowStage stage)
{
    if (stageIndex(stage) > stageIndex(t.stage))
        t.stage = stage;
}

FlowToken *FlowModel::latestOf(const QString &pk)
{
    const auto id = m_latestByPk.constFind(pk);
    if (id == m_latestByPk.constEnd())
        return nullptr;
    const auto t = m_tokens.find(*id);
    return t == m_tokens.end() || stageIndex(t->stage) < stageIndex(FlowStage::Handler) ? nullptr : &*t;
}

void FlowModel::apply(const EmulatorBatch &batch)
{
    const EmulatorStatus &s = batch.status;
    if (m_world.newWorld(s)) { // a Restart the window did not announce
        clear();
        m_world.newWorld(s);
    }
    m_clock = s.clock;
    m_counts.orders = s.orders;
    m_counts.cacheKeys = s.cacheKeys;

    for (const OrderRow &o : batch.orders)
        if (o.traceId != 0)
            tokenFor(o.traceId, o.pk, o.updatedAt);
    for (const RecordRow &r : batch.records) {
        ++m_counts.shards[r.shard].records;
        if (r.traceId == 0)
            continue;
        FlowToken &t = tokenFor(r.traceId, r.pk, r.createdAt);
        t.shard = r.shard;
        reach(t, FlowStage::Shard);
    }
    for (const TrimRow &trim : batch.trims)
        m_counts.shards[trim.shard].trimmed += static_cast<quint64>(qMax<qint64>(0, trim.records));
    for (const InvocationRow &row : batch.invocations)
        applyInvocation(row);
    for (const CacheRow &c : batch.cache) {
        if (c.change == CacheRow::Change::Set || c.change == CacheRow::Change::Deleted) {
            if (c.change == CacheRow::Change::Set)
                ++m_counts.cacheSets;
            if (FlowToken *t = latestOf(c.key); t && !t->failed)
                reach(*t, FlowStage::Cache);
        } else if (c.change == CacheRow::Change::Expired) {
            ++m_counts.cacheExpiries;
        }
    }
    for (const NotificationRow &n : batch.notifications)
        applyNotification(n);
    trimTokens();
    emit changed();
}

void FlowModel::applyInvocation(const InvocationRow &row)
{
    const LaneKey lane(row.shard, row.lane);
    FlowLaneCounts &counts = m_counts.lanes[lane];
    if (!row.finished) {
        ++m_counts.invocations;
        ++counts.inFlight;
        if (row.attempt > 1 && !row.redelivery)
            ++counts.retries;
        m_open.insert(row.id, lane);
        for (quint64 id : row.traceIds) {
            auto t = m_tokens.find(id);
            if (t == m_tokens.end())
                continue; // dropped by the bound, or a change of a world before this model's first batch
            t->shard = row.shard;
            t->lane = row.lane;
            t->retries = qMax(0, row.attempt - 1);
            reach(*t, FlowStage::Handler);
        }
        return;
    }
    if (m_open.remove(row.id))
        counts.inFlight = qMax(0, counts.inFlight - 1);
    const bool success = row.outcome == QLatin1String("success");
    // "partial failure at <sequence number>": the records before it succeeded, it and the rest are retried.
    qsizetype failedFrom = success ? row.traceIds.size() : 0;
    if (row.outcome.startsWith(QLatin1String("partial failure at "))) {
        const QString at = row.outcome.mid(QLatin1String("partial failure at ").size()).trimmed();
        const qsizetype i = row.sequenceNumbers.indexOf(at);
        failedFrom = i >= 0 ? i : 0;
    }
    if (!success)
        ++m_counts.failures;
    counts.blocked = !success;
    for (qsizetype i = 0; i < row.traceIds.size(); ++i) {
        auto t = m_tokens.find(row.traceIds.at(i));
        if (t == m_tokens.end())
            continue;
        t->failed = i >= failedFrom;
        if (!t->failed)
            reach(*t, FlowStage::Cache);
    }
}

void FlowModel::applyNotification(const NotificationRow &n)
{
    if (n.subscriber == kOrderApp)
        ++m_counts.orderApp;
    else if (n.subscriber == kAdminApp)
        ++m_counts.adminApp;
    if (n.discontinuity)
        return;
    const QString pk = orderOf(n);
    if (n.topic == QLatin1String("new-order") && !pk.isEmpty())
        m_newestOrder = pk;
    if (m_seenPublishes.insert(n.topic + QLatin1Char('#') + QString::number(n.sequenceNumber)))
        ++m_counts.publishes;
    if (FlowToken *t = latestOf(pk); t && !t->failed)
        reach(*t, n.subscriber == kOrderApp || n.subscriber == kAdminApp ? FlowStage::Apps : FlowStage::Topics);
    if (n.subscriber != kOrderApp && n.subscriber != kAdminApp)
        return;
    QList<NotificationRow> &screen = m_screens[n.subscriber];
    screen.prepend(n);
    if (screen.size() > kScreenLines)
        screen.resize(kScreenLines);
    if (n.subscriber != kOrderApp || !n.topic.endsWith(kStatusSuffix) || pk.isEmpty())
        return;
    m_lastOrderAppPk = pk;
    QList<FlowStatusStep> &timeline = m_timelines[pk];
    if (timeline.isEmpty())
        m_timelineOrder.push_back(pk);
    timeline.append({statusOf(n.value), n.time});
    if (timeline.size() > kScreenLines)
        timeline.remove(0, timeline.size() - kScreenLines);
    while (m_timelineOrder.size() > static_cast<std::size_t>(kTimelines)) {
        const QString oldest = m_timelineOrder.front();
        m_timelineOrder.pop_front();
        if (oldest == m_followed)
            m_timelineOrder.push_back(oldest); // the followed order's timeline stays on its screen
        else
            m_timelines.remove(oldest);
    }
}

void FlowModel::trimTokens()
{
    while (m_tokens.size() > m_maxTokens && !m_tokenOrder.empty()) {
        const quint64 id = m_tokenOrder.front();
        m_tokenOrder.pop_front();
        const auto t = m_tokens.constFind(id);
        if (t == m_tokens.constEnd())
            continue;
        if (const auto latest = m_latestByPk.constFind(t->pk); latest != m_latestByPk.constEnd() && *latest == id)
            m_latestByPk.erase(latest);
        m_tokens.erase(t);
        ++m_dropped;
    }
}

} // namespace orderlab
