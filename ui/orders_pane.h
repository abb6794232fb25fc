#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace orderlab {

class ItemJsonEditor;
class PaneMessage;
class Confirmation;
class LiveEmulator;
class OrderDialog;
class OrdersModel;

/**
 * Orders: the table's items, and the actions a person takes on them — new order, advance
 * status, edit items, cancel — by toolbar, menu (actions()) and shortcuts; the selected
 * order's item JSON is editable in place. Errors from the emulator show in the pane.
 */
class OrdersPane : public QWidget
{
    Q_OBJECT
  public:
    explicit OrdersPane(LiveEmulator &emulator, QWidget *parent = nullptr);

    QList<QAction *> orderActions() const;
    QAction *newOrderAction() const { return m_new; }
    QAction *advanceAction() const { return m_advance; }
    QAction *editItemsAction() const { return m_edit; }
    QAction *cancelAction() const { return m_cancel; }
    QToolBar *toolBar() const { return m_toolBar; }
    OrdersModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// What the pane's count says ("orders: 3 of 107 shown").
    QString countText() const;
    ItemJsonEditor *itemEditor() const { return m_editor; }
    /// The open new-order / edit-items dialog, if any.
    OrderDialog *dialog() const;
    QString message() const;
    PaneMessage *messageLabel() const { return m_message; }
    /// Selects order `pk`; false if it is not shown.
    bool selectOrder(const QString &pk);
    QString selectedPk() const;
    Confirmation *confirmation() const { return m_confirm; }

  public slots:
    void clear();
    void applyBatch(const orderlab::EmulatorBatch &batch);
    void newOrder();
    void advanceStatus();
    void editItems();
    /// Asks first (docs: issue 12, item 13), then cancels the selected order.
    void cancelOrder();

  signals:
    void orderSelected(const QString &pk);

  private:
    void updateCount();
    void showResult(const QString &error, const QString &done);
    void selectionChanged();

    LiveEmulator &m_emulator;
    OrdersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QToolBar *m_toolBar;
    QLineEdit *m_filter;
    PaneMessage *m_message;
    Confirmation *m_confirm;
    QLabel *m_count;
    ItemJsonEditor *m_editor;
    QAction *m_new;
    QAction *m_advance;
    QAction *m_edit;
    QAction *m_cancel;
    int m_orderSerial = 0;
};

} // namespace orderlab
