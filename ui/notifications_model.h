#pragma once

#include "batch_table_model.h"
#include "live/emulator_batch.h"

#include <QHash>

namespace orderlab {

/**
 * What subscribers received, newest first, with sequence numbers and gaps (the emulator's
 * discontinuities, and jumps in a topic's sequence numbers). Optionally only one
 * subscriber's messages. While paused, arrivals are held (up to the limit, oldest dropped
 * first) and enter in one block on resume: pausing loses nothing that fits the history.
 */
class NotificationsModel : public BatchTableModel
{
  public:
    enum Column { Time, Subscriber, Topic, Sequence, Value, ColumnCount };
    enum Role { TopicRole = Qt::UserRole + 1, ValueRole, TimeRole, SubscriberRole, GapRole };

    /// `subscriber`: keep only this subscriber's messages (empty: everyone's).
    explicit NotificationsModel(QString subscriber = {}, QObject *parent = nullptr, int limit = 2000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void apply(const QList<NotificationRow> &notifications);
    void setPaused(bool paused);
    bool paused() const { return m_paused; }
    /// Messages waiting for the resume.
    int held() const { return static_cast<int>(m_held.size()); }
    /// Messages dropped from the hold because it was full.
    quint64 droppedWhilePaused() const { return m_dropped; }
    void clear();
    const NotificationRow &notification(int row) const { return m_rows.at(row).n; }
    /// Messages of `topic` with `value` at or after `from` (shown or held).
    QList<NotificationRow> deliveries(const QString &topic, const QString &value, qint64 from) const;
    QString subscriber() const { return m_subscriber; }

  protected:
    void applyLimit() override;

  private:
    struct Row
    {
        NotificationRow n;
        quint64 missedFrom = 0; ///< a jump: sequence numbers missedFrom..n.sequenceNumber-1 never came
    };
    void insert(QList<NotificationRow> rows);

    QString m_subscriber;
    QList<Row> m_rows;
    QList<NotificationRow> m_held;
    QHash<QString, quint64> m_lastSequence; // subscriber + topic
    bool m_paused = false;
    quint64 m_dropped = 0;
};

} // namespace orderlab
