#pragma once
// What a person does in the window, for the window tests: click a button or an Orders action, place an order
// through the New order dialog, look for a notification. GUI thread only.

#include "main_window.h"
#include "notifications_model.h"
#include "order_dialog.h"
#include "orders_model.h"
#include "orders_pane.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolBar>
#include <QtTest>

namespace orderlab::test {

constexpr int kWait = 20000;

inline void click(QWidget *widget)
{
    QVERIFY(widget);
    QVERIFY(widget->isEnabled());
    QTest::mouseClick(widget, Qt::LeftButton);
}

inline void clickAction(OrdersPane *pane, QAction *action)
{
    click(pane->toolBar()->widgetForAction(action));
}

/// Answers the open confirmation (ui/confirmation.h) under `root`: its accept button, or "Don't".
inline void answerConfirmation(QWidget *root, bool accept)
{
    QMessageBox *box = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            box = root->findChild<QMessageBox *>(QStringLiteral("confirmation"));
            return box && box->isVisible();
        },
        kWait));
    click(box->findChild<QPushButton *>(accept ? QStringLiteral("confirmationAccept")
                                               : QStringLiteral("confirmationDecline")));
}

/// Places an order through the New order dialog; returns its pk once it shows in Orders.
inline QString
placeOrder(MainWindow &w, const QString &creator,
           const QString &items = QStringLiteral("[{\"name\":\"margherita\",\"size\":\"L\",\"price\":12.5}]"))
{
    OrdersPane *pane = w.ordersPane();
    clickAction(pane, pane->newOrderAction());
    OrderDialog *dialog = pane->dialog();
    if (!dialog)
        return {};
    dialog->creatorEdit()->setText(creator);
    dialog->itemsEdit()->setPlainText(items);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    if (!dialog->error().isEmpty())
        return {};
    OrdersModel *m = pane->model();
    QString pk;
    (void)QTest::qWaitFor(
        [&] {
            for (int r = 0; r < m->rowCount(); ++r)
                if (m->order(r).creator == creator)
                    pk = m->order(r).pk;
            return !pk.isEmpty();
        },
        kWait);
    return pk;
}

inline bool has(const NotificationsModel *m, const QString &topic, const QString &valuePart = {})
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->notification(r).topic == topic && m->notification(r).value.contains(valuePart))
            return true;
    return false;
}

} // namespace orderlab::test
