#pragma once

#include "batch_table_model.h"
#include "live/emulator_batch.h"

namespace orderlab {

/// Stream records, newest first, with their age on the emulator clock.
class RecordsModel : public BatchTableModel
{
  public:
    enum Column { Shard, Sequence, Event, Pk, Size, Age, ColumnCount };
    enum Role { TraceIdRole = Qt::UserRole + 1, ShardRole, PkRole };

    explicit RecordsModel(QObject *parent = nullptr, int limit = 2000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void apply(const QList<RecordRow> &records);
    /// Moves the clock the ages are read against (one dataChanged on the Age column).
    void setClock(qint64 clock);
    void clear();
    const RecordRow &record(int row) const { return m_rows.at(row); }

  protected:
    void applyLimit() override;

  private:
    QList<RecordRow> m_rows;
    qint64 m_clock = 0;
};

} // namespace orderlab
