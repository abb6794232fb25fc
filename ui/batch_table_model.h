#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <functional>

namespace orderlab {

/**
 * Base of the panes' table models: fixed column headers, a bounded history (`limit` rows,
 * the oldest leave at the bottom), and the batch discipline of docs/threads.md — one
 * beginInsertRows per batch (new rows enter at the top), one dataChanged per batch over the
 * span of the rows that changed. Subclasses own their rows; these helpers announce changes.
 * GUI thread only.
 */
class BatchTableModel : public QAbstractTableModel
{
  public:
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The most rows kept; older rows are dropped at the bottom.
    int limit() const { return m_limit; }
    void setLimit(int limit);

  protected:
    BatchTableModel(QStringList headers, int limit, QObject *parent);

    /// Announces `count` rows inserted at the top; `insert` changes the data in between.
    void insertAtTop(int count, const std::function<void()> &insert);
    /// Drops rows beyond the limit at the bottom; `truncate(n)` keeps the first n rows.
    void trimToLimit(const std::function<void(int keep)> &truncate);
    /// Removes rows (any order, duplicates allowed): one beginRemoveRows per contiguous range,
    /// from the bottom up; `removeRange(first, last)` erases those rows from the data.
    void removeRowSet(QList<int> rows, const std::function<void(int first, int last)> &removeRange);
    /// One dataChanged over the span of `rows` (unsorted), for columns first..last (-1: all).
    void announceChanged(const QList<int> &rows, int firstColumn = 0, int lastColumn = -1);
    /// One dataChanged over every row of one column.
    void announceColumn(int column);
    /// Called by setLimit when rows must go; subclasses call trimToLimit with their truncation.
    virtual void applyLimit() = 0;

  private:
    QStringList m_headers;
    int m_limit;
};

} // namespace orderlab
