#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace orderlab {

/// The event source mapping's lanes (LiveEmulator::lanes()): checkpoint, batch in flight,
/// retries, blocked shards, poison records. Replaced wholesale by each poll.
class LanesModel : public QAbstractTableModel
{
  public:
    enum Column { Shard, Lane, Checkpoint, InFlight, Batch, Retries, Blocked, LastError, Poison, ColumnCount };

    explicit LanesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// New lane rows: one dataChanged when only values changed, else a reset.
    void setLanes(const QList<QStringList> &lanes);
    int blockedCount() const;

  private:
    QList<QStringList> m_lanes;
};

} // namespace orderlab
