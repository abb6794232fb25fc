#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace orderlab {

class NotificationsModel;

/// One subscriber's messages (or everyone's): newest on top, pause (keeps what arrives), clear, filter.
class NotificationsView : public QWidget
{
    Q_OBJECT
  public:
    /// `subscriber` empty: every subscriber's messages.
    explicit NotificationsView(const QString &subscriber, QWidget *parent = nullptr);

    NotificationsModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *clearButton() const { return m_clear; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// What the view's count says ("2 of 9 shown · 3 held").
    QString countText() const;
    /// Extra widgets (e.g. a remove button) go at the end of the tool row.
    void addToolWidget(QWidget *widget);

  public slots:
    void apply(const QList<orderlab::NotificationRow> &notifications);

  signals:
    void notificationSelected(const orderlab::NotificationRow &notification);

  private:
    void updateCount();

    NotificationsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QToolButton *m_pause;
    QToolButton *m_clear;
    QLineEdit *m_filter;
    QLabel *m_count;
    class QHBoxLayout *m_tools;
};

} // namespace orderlab
