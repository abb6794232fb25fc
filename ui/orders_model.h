#pragma once

#include "batch_table_model.h"
#include "keyed_rows.h"
#include "live/emulator_batch.h"

namespace orderlab {

/// The orders table's items, newest first, one row per order; deleted orders leave.
class OrdersModel : public BatchTableModel
{
  public:
    enum Column { Pk, Status, Creator, Items, Updated, ColumnCount };
    enum Role { PkRole = Qt::UserRole + 1, ItemJsonRole, TraceIdRole };

    explicit OrdersModel(QObject *parent = nullptr, int limit = 2000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Applies one batch's order changes (one insert, one dataChanged).
    void apply(const QList<OrderRow> &orders);
    void clear();
    /// The row of order `pk`, or -1.
    int rowOf(const QString &pk) const;
    const OrderRow &order(int row) const;

  protected:
    void applyLimit() override;

  private:
    struct Row
    {
        OrderRow order;
        mutable QString itemsSummary;
        mutable bool summarized = false;
    };
    QString summary(const Row &row) const;
    KeyedRows<QString, Row> m_rows;
};

} // namespace orderlab
