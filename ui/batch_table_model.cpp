#include "batch_table_model.h"

#include <algorithm>

namespace orderlab {

BatchTableModel::BatchTableModel(QStringList headers, int limit, QObject *parent)
    : QAbstractTableModel(parent), m_headers(std::move(headers)), m_limit(qMax(1, limit))
{
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_headers.size())
        return m_headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void BatchTableModel::setLimit(int limit)
{
    m_limit = qMax(1, limit);
    applyLimit();
}

void BatchTableModel::insertAtTop(int count, const std::function<void()> &insert)
{
    if (count <= 0)
        return;
    beginInsertRows({}, 0, count - 1);
    insert();
    endInsertRows();
}

void BatchTableModel::trimToLimit(const std::function<void(int keep)> &truncate)
{
    const int rows = rowCount();
    if (rows <= m_limit)
        return;
    beginRemoveRows({}, m_limit, rows - 1);
    truncate(m_limit);
    endRemoveRows();
}

void BatchTableModel::removeRowSet(QList<int> rows, const std::function<void(int first, int last)> &removeRange)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    qsizetype i = rows.size() - 1;
    while (i >= 0) {
        const int last = rows.at(i);
        int first = last;
        while (i > 0 && rows.at(i - 1) == first - 1)
            first = rows.at(--i);
        --i;
        beginRemoveRows({}, first, last);
        removeRange(first, last);
        endRemoveRows();
    }
}

void BatchTableModel::announceChanged(const QList<int> &rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end());
    const int last = lastColumn < 0 ? columnCount() - 1 : lastColumn;
    emit dataChanged(index(*lo, firstColumn), index(*hi, last));
}

void BatchTableModel::announceColumn(int column)
{
    const int rows = rowCount();
    if (rows > 0)
        emit dataChanged(index(0, column), index(rows - 1, column));
}

} // namespace orderlab
