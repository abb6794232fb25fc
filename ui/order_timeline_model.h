#pragma once

#include "batch_table_model.h"
#include "keyed_rows.h"

namespace orderlab {

class NotificationsModel;

/**
 * The Order app's view: one row per order it follows, with the status timeline built from
 * its `<id>-status-updated` messages. Fed by the rows a NotificationsModel inserts (so it
 * pauses and clears with it); orders most recently updated move to the top.
 */
class OrderTimelineModel : public BatchTableModel
{
  public:
    enum Column { Pk, Status, Timeline, Updates, ColumnCount };
    enum Role { PkRole = Qt::UserRole + 1 };

    explicit OrderTimelineModel(NotificationsModel *source, QObject *parent = nullptr, int limit = 500);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString &pk) const { return m_rows.indexOf(pk); }

  protected:
    void applyLimit() override;

  private:
    struct Step
    {
        QString status;
        qint64 time = 0;
    };
    struct Row
    {
        QString pk;
        QList<Step> steps;
    };
    void sourceInserted(int first, int last);
    void reset();

    NotificationsModel *m_source;
    KeyedRows<QString, Row> m_rows;
};

} // namespace orderlab
