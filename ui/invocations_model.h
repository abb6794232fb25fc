#pragma once

#include "batch_table_model.h"
#include "keyed_rows.h"
#include "live/emulator_batch.h"

namespace orderlab {

/// Every handler invocation, newest first: started rows are updated in place when they finish.
class InvocationsModel : public BatchTableModel
{
  public:
    enum Column { Id, Shard, Lane, Attempt, Records, Started, Duration, Result, Response, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, FailedRole };

    explicit InvocationsModel(QObject *parent = nullptr, int limit = 2000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void apply(const QList<InvocationRow> &invocations);
    void clear();
    int rowOf(quint64 id) const { return m_rows.indexOf(id); }
    const InvocationRow &invocation(int row) const { return m_rows.rows.at(row); }
    /// True when the invocation finished with anything but success.
    static bool failed(const InvocationRow &row);

  protected:
    void applyLimit() override;

  private:
    KeyedRows<quint64, InvocationRow> m_rows;
};

} // namespace orderlab
