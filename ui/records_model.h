#pragma once

#include "batch_table_model.h"
#include "live/emulator_batch.h"

#include <QHash>

namespace orderlab {

/// Stream records, newest first, with their age on the emulator clock. A record the stream has
/// trimmed stays listed but says so (Age "trimmed", greyed, a tooltip): the window never shows a
/// trimmed record as readable.
class RecordsModel : public BatchTableModel
{
  public:
    enum Column { Shard, Sequence, Event, Pk, Size, Age, ColumnCount };
    enum Role { TraceIdRole = Qt::UserRole + 1, ShardRole, PkRole };

    explicit RecordsModel(QObject *parent = nullptr, int limit = 2000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void apply(const QList<RecordRow> &records);
    /// Marks the listed records the trims dropped; counts every trimmed record.
    void applyTrims(const QList<TrimRow> &trims);
    bool isTrimmed(const RecordRow &record) const;
    /// Records trimmed since the last clear(), and the latest trim.
    qint64 trimmedTotal() const { return m_trimmedTotal; }
    const TrimRow &lastTrim() const { return m_lastTrim; }
    /// Moves the clock the ages are read against (one dataChanged on the Age column).
    void setClock(qint64 clock);
    void clear();
    const RecordRow &record(int row) const { return m_rows.at(row); }

  protected:
    void applyLimit() override;

  private:
    QList<RecordRow> m_rows;
    qint64 m_clock = 0;
    QHash<int, quint64> m_trimmedThrough; ///< per shard: positions at or below are gone
    qint64 m_trimmedTotal = 0;
    TrimRow m_lastTrim;
};

} // namespace orderlab
