#pragma once

#include "live/emulator_batch.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTabWidget;

namespace orderlab {

class LiveEmulator;
class NotificationsView;
class OrderAppView;
class RemoteClientsView;

/**
 * Subscribers: the Order app (status timelines), the Admin app (every event), subscribers a
 * user adds by topic or `*` pattern, and the remote gRPC subscribers. Each list shows newest
 * on top and pauses, clears and filters on its own.
 */
class SubscribersPane : public QWidget
{
    Q_OBJECT
  public:
    explicit SubscribersPane(LiveEmulator &emulator, QWidget *parent = nullptr);

    OrderAppView *orderApp() const { return m_orderApp; }
    NotificationsView *adminApp() const { return m_adminApp; }
    /// A user-added subscriber's view, or nullptr.
    NotificationsView *userView(const QString &name) const { return m_user.value(name); }
    QTabWidget *tabs() const { return m_tabs; }
    /// (name, topic or pattern) of the user-added subscribers.
    QList<QPair<QString, QString>> userSubscribers() const;
    /// Messages of `topic` with `value` at or after `from`, across every list (for traces).
    QList<NotificationRow> deliveries(const QString &topic, const QString &value, qint64 from) const;

  public slots:
    /// Adds a subscriber in the emulator and a list for it; returns an error or empty.
    QString addSubscriber(const QString &name, const QString &topicOrPattern);
    void removeSubscriber(const QString &name);
    void applyBatch(const orderlab::EmulatorBatch &batch);
    /// The emulator restarted: clear the lists and subscribe the user's subscribers again.
    void resubscribe();

  signals:
    void notificationSelected(const orderlab::NotificationRow &notification);
    void orderSelected(const QString &pk);

  private:
    QList<NotificationsView *> views() const;

    LiveEmulator &m_emulator;
    QTabWidget *m_tabs;
    OrderAppView *m_orderApp;
    NotificationsView *m_adminApp;
    RemoteClientsView *m_remote;
    QMap<QString, NotificationsView *> m_user;
    QMap<QString, QString> m_userTopics;
    QLineEdit *m_name;
    QLineEdit *m_topic;
    QLabel *m_error;
};

} // namespace orderlab
