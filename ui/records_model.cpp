#include "records_model.h"

#include "time_text.h"

#include <QColor>

#include <algorithm>

namespace orderlab {

RecordsModel::RecordsModel(QObject *parent, int limit)
    : BatchTableModel({tr("Shard"), tr("Sequence number"), tr("Event"), tr("Order"), tr("Size"), tr("Age")}, limit,
                      parent)
{
}

int RecordsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant RecordsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecordRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Shard:
            return r.shard;
        case Sequence:
            return r.sequenceNumber;
        case Event:
            return r.eventName;
        case Pk:
            return r.pk;
        case Size:
            return QStringLiteral("%1 B").arg(r.sizeBytes);
        case Age:
            return isTrimmed(r) ? tr("trimmed") : time_text::duration(qMax<qint64>(0, m_clock - r.createdAt));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        return isTrimmed(r) ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::ToolTipRole:
        return isTrimmed(r) ? tr("Trimmed from the stream: a reader asking for it gets TrimmedDataAccessException")
                            : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Size || index.column() == Age ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                               : QVariant();
    case TraceIdRole:
        return QVariant::fromValue(r.traceId);
    case ShardRole:
        return r.shard;
    case PkRole:
        return r.pk;
    default:
        return {};
    }
}

void RecordsModel::apply(const QList<RecordRow> &records)
{
    QList<RecordRow> added = records;
    if (added.size() > limit())
        added = added.mid(added.size() - limit());
    std::reverse(added.begin(), added.end());
    insertAtTop(static_cast<int>(added.size()), [&] {
        added.append(std::move(m_rows));
        m_rows = std::move(added);
    });
    applyLimit();
}

bool RecordsModel::isTrimmed(const RecordRow &record) const
{
    return record.position != 0 && record.position <= m_trimmedThrough.value(record.shard);
}

void RecordsModel::applyTrims(const QList<TrimRow> &trims)
{
    if (trims.isEmpty())
        return;
    for (const TrimRow &t : trims) {
        quint64 &through = m_trimmedThrough[t.shard];
        through = qMax(through, t.throughPosition);
        m_trimmedTotal += t.records;
        m_lastTrim = t;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RecordsModel::setClock(qint64 clock)
{
    if (clock == m_clock)
        return;
    m_clock = clock;
    announceColumn(Age);
}

void RecordsModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.resize(keep); });
}

void RecordsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_trimmedThrough.clear();
    m_trimmedTotal = 0;
    m_lastTrim = TrimRow();
    endResetModel();
}

} // namespace orderlab
