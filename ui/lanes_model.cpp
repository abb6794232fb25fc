#include "lanes_model.h"

#include <QBrush>
#include <QColor>

namespace orderlab {

LanesModel::LanesModel(QObject *parent) : QAbstractTableModel(parent) {}

int LanesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lanes.size());
}

int LanesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LanesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const QStringList headers{tr("Shard"),   tr("Lane"),    tr("Checkpoint"), tr("In flight"),    tr("Batch"),
                                     tr("Retries"), tr("Blocked"), tr("Last error"), tr("Poison record")};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < headers.size())
        return headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant LanesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QStringList &lane = m_lanes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return index.column() < lane.size() ? lane.at(index.column()) : QString();
    case Qt::BackgroundRole: {
        const bool blocked = lane.value(Blocked) == QLatin1String("blocked") || !lane.value(Poison).isEmpty();
        return blocked ? QBrush(QColor(0xf4, 0xc7, 0xc3)) : QVariant();
    }
    default:
        return {};
    }
}

void LanesModel::setLanes(const QList<QStringList> &lanes)
{
    if (lanes.size() != m_lanes.size()) {
        beginResetModel();
        m_lanes = lanes;
        endResetModel();
        return;
    }
    int first = -1, last = -1;
    for (int i = 0; i < lanes.size(); ++i) {
        if (lanes.at(i) != m_lanes.at(i)) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    m_lanes = lanes;
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int LanesModel::blockedCount() const
{
    int n = 0;
    for (const QStringList &lane : m_lanes)
        n += lane.value(Blocked) == QLatin1String("blocked") ? 1 : 0;
    return n;
}

} // namespace orderlab
