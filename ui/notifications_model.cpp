#include "notifications_model.h"

#include "json_text.h"
#include "time_text.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace orderlab {

NotificationsModel::NotificationsModel(QString subscriber, QObject *parent, int limit)
    : BatchTableModel({tr("Time"), tr("Subscriber"), tr("Topic"), tr("Seq"), tr("Value")}, limit, parent),
      m_subscriber(std::move(subscriber))
{
}

int NotificationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant NotificationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const NotificationRow &n = row.n;
    const bool gap = n.discontinuity || row.missedFrom;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return time_text::clock(n.time);
        case Subscriber:
            return n.subscriber;
        case Topic:
            return n.topic;
        case Sequence:
            if (n.discontinuity)
                return tr("gap");
            if (row.missedFrom)
                return tr("%1 (missed %2..%3)").arg(n.sequenceNumber).arg(row.missedFrom).arg(n.sequenceNumber - 1);
            return QVariant::fromValue(n.sequenceNumber);
        case Value:
            return n.discontinuity ? tr("discontinuity: %1").arg(n.value) : json_text::preview(n.value, 200);
        default:
            return {};
        }
    case Qt::BackgroundRole:
        return gap ? QBrush(QColor(0xff, 0xe0, 0xa0)) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == Value ? json_text::pretty(n.value) : QVariant();
    case TopicRole:
        return n.topic;
    case ValueRole:
        return n.value;
    case TimeRole:
        return n.time;
    case SubscriberRole:
        return n.subscriber;
    case GapRole:
        return gap;
    default:
        return {};
    }
}

void NotificationsModel::apply(const QList<NotificationRow> &notifications)
{
    QList<NotificationRow> mine;
    if (m_subscriber.isEmpty()) {
        mine = notifications;
    } else {
        for (const NotificationRow &n : notifications)
            if (n.subscriber == m_subscriber)
                mine << n;
    }
    if (mine.isEmpty())
        return;
    if (m_paused) {
        m_held << mine;
        if (m_held.size() > limit()) {
            const qsizetype drop = m_held.size() - limit();
            m_dropped += static_cast<quint64>(drop);
            m_held.remove(0, drop);
        }
        return;
    }
    insert(std::move(mine));
}

void NotificationsModel::insert(QList<NotificationRow> rows)
{
    if (rows.size() > limit())
        rows = rows.mid(rows.size() - limit());
    QList<Row> added;
    added.reserve(rows.size());
    for (const NotificationRow &n : std::as_const(rows)) {
        Row row{n, 0};
        if (!n.discontinuity) {
            const QString key = n.subscriber + QLatin1Char('\n') + n.topic;
            const quint64 last = m_lastSequence.value(key, 0);
            if (last && n.sequenceNumber > last + 1)
                row.missedFrom = last + 1;
            m_lastSequence.insert(key, n.sequenceNumber);
        }
        added << row;
    }
    std::reverse(added.begin(), added.end());
    insertAtTop(static_cast<int>(added.size()), [&] {
        added.append(std::move(m_rows));
        m_rows = std::move(added);
    });
    applyLimit();
    if (m_lastSequence.size() > 4 * limit())
        m_lastSequence.clear(); // bounded: a later jump after this goes unnoticed, never a false one
}

void NotificationsModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused && !m_held.isEmpty()) {
        QList<NotificationRow> held;
        held.swap(m_held);
        insert(std::move(held));
    }
}

void NotificationsModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.resize(keep); });
}

void NotificationsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_held.clear();
    m_lastSequence.clear();
    m_dropped = 0;
    endResetModel();
}

QList<NotificationRow> NotificationsModel::deliveries(const QString &topic, const QString &value, qint64 from) const
{
    QList<NotificationRow> out;
    for (const Row &row : m_rows)
        if (row.n.topic == topic && row.n.value == value && row.n.time >= from && !row.n.discontinuity)
            out << row.n;
    for (const NotificationRow &n : m_held)
        if (n.topic == topic && n.value == value && n.time >= from && !n.discontinuity)
            out << n;
    return out;
}

} // namespace orderlab
