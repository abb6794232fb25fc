#include "records_model.h"

#include "time_text.h"

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
            return time_text::duration(qMax<qint64>(0, m_clock - r.createdAt));
        default:
            return {};
        }
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
    endResetModel();
}

} // namespace orderlab
