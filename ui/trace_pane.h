#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTableView;
class QTimer;

namespace orderlab {

class LiveEmulator;
class TraceModel;
struct TraceLine;

/**
 * Trace: the causal chain of what is selected elsewhere — an order (any of its changes), a
 * stream record, an invocation (the chains of its records) or a notification (the change
 * that published it): table write → record → invocation(s) → cache calls → publishes →
 * deliveries, with times and durations. Follows the chain while it grows.
 */
class TracePane : public QWidget
{
    Q_OBJECT
  public:
    /// Finds deliveries of (topic, value) at or after a time; the Subscribers pane answers.
    using Deliveries = std::function<QList<NotificationRow>(const QString &topic, const QString &value, qint64 from)>;

    TracePane(LiveEmulator &emulator, Deliveries deliveries, QWidget *parent = nullptr);

    TraceModel *model() const { return m_model; }
    QString title() const;

  public slots:
    void showOrder(const QString &pk);
    void showRecord(const orderlab::RecordRow &record);
    void showInvocation(const orderlab::InvocationRow &invocation);
    void showNotification(const orderlab::NotificationRow &notification);
    /// Reads the current chain again.
    void refresh();
    void clear();

  private:
    QList<TraceLine> chain(quint64 traceId) const;
    void showChains(const QList<quint64> &traceIds, const QString &title);
    /// Picks up the shown order's changes made since it was shown.
    void followOrder();
    QString placeholder() const;

    LiveEmulator &m_emulator;
    Deliveries m_deliveries;
    TraceModel *m_model;
    QLabel *m_title;
    QComboBox *m_changes;
    QTableView *m_view;
    QTimer *m_timer;
    QList<quint64> m_current;
    QString m_pk;
};

} // namespace orderlab
