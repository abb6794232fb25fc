#pragma once

#include <QWidget>

class QTableView;

namespace orderlab {

class NotificationsView;
class OrderTimelineModel;

/// The Order app: per order its status timeline (from `<id>-status-updated`), above the raw messages.
class OrderAppView : public QWidget
{
    Q_OBJECT
  public:
    explicit OrderAppView(QWidget *parent = nullptr);

    NotificationsView *messages() const { return m_messages; }
    OrderTimelineModel *timeline() const { return m_timeline; }

  signals:
    void orderSelected(const QString &pk);

  private:
    NotificationsView *m_messages;
    OrderTimelineModel *m_timeline;
    QTableView *m_view;
};

} // namespace orderlab
