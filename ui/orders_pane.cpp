#include "orders_pane.h"

#include "confirmation.h"
#include "item_json_editor.h"
#include "json_text.h"
#include "live/live_emulator.h"
#include "order_dialog.h"
#include "orders_model.h"
#include "pane_message.h"
#include "scroll_anchor.h"
#include "shown_count.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace orderlab {

namespace {
const char *const kCreators[] = {"alice", "bob", "carol", "dave", "erin"};
const char *const kSampleItems[] = {
    "[{\"name\":\"margherita\",\"size\":\"L\",\"price\":12.5}]",
    "[{\"name\":\"diavola\",\"size\":\"M\",\"price\":11},{\"name\":\"tiramisu\",\"size\":\"S\",\"price\":5}]",
    "[{\"name\":\"quattro formaggi\",\"size\":\"L\",\"price\":14}]",
};
} // namespace

OrdersPane::OrdersPane(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_emulator(emulator), m_model(new OrdersModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)), m_toolBar(new QToolBar(this)), m_filter(new QLineEdit(this)),
      m_message(new PaneMessage(this)), m_confirm(new Confirmation(this)), m_count(new QLabel(this)),
      m_editor(new ItemJsonEditor([this](const QString &json) { return m_emulator.putItemJson(json); }, this))
{
    setObjectName(QStringLiteral("ordersPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("ordersView"));
    m_view->setModel(m_proxy);
    new ScrollAnchor(m_view);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(OrdersModel::Items, QHeaderView::Stretch);
    m_view->setColumnWidth(OrdersModel::Pk, 110);
    m_view->setColumnWidth(OrdersModel::Status, 125);
    m_view->setColumnWidth(OrdersModel::Creator, 80);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_new = new QAction(tr("&New order…"), this);
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("Place a new order with items and a creator (Ctrl+N)"));
    m_advance = new QAction(tr("&Advance status"), this);
    m_advance->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right));
    m_advance->setToolTip(tr("SUBMITTED → PREPARING → BAKING → OUT FOR DELIVERY → DELIVERED (Ctrl+Right)"));
    m_edit = new QAction(tr("&Edit items…"), this);
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_cancel = new QAction(tr("&Cancel order"), this);
    m_cancel->setShortcut(QKeySequence::Delete);
    m_cancel->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancel->setToolTip(tr("Delete the order from the table (Del)"));
    for (QAction *a : {m_new, m_advance, m_edit, m_cancel}) {
        a->setShortcutVisibleInContextMenu(true);
        m_toolBar->addAction(a);
        m_view->addAction(a);
    }
    addAction(m_cancel); // Del works anywhere in the pane except text fields
    connect(m_new, &QAction::triggered, this, &OrdersPane::newOrder);
    connect(m_advance, &QAction::triggered, this, &OrdersPane::advanceStatus);
    connect(m_edit, &QAction::triggered, this, &OrdersPane::editItems);
    connect(m_cancel, &QAction::triggered, this, &OrdersPane::cancelOrder);

    m_filter->setPlaceholderText(tr("Filter orders"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(220);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_filter);
    m_message->setObjectName(QStringLiteral("ordersMessage"));
    m_count->setObjectName(QStringLiteral("ordersCount"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("ordersSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *status = new QHBoxLayout;
    status->addWidget(m_message, 1);
    status->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    layout->addLayout(status);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OrdersPane::selectionChanged);
    onRowCountChange(m_proxy, this, [this] { updateCount(); });
    connect(&m_emulator, &LiveEmulator::batchReady, this, &OrdersPane::applyBatch);
    selectionChanged();
}

QList<QAction *> OrdersPane::orderActions() const
{
    return {m_new, m_advance, m_edit, m_cancel};
}

OrderDialog *OrdersPane::dialog() const
{
    return findChild<OrderDialog *>(QString(), Qt::FindDirectChildrenOnly);
}

QString OrdersPane::message() const
{
    return m_message->text();
}

void OrdersPane::applyBatch(const EmulatorBatch &batch)
{
    if (batch.orders.isEmpty())
        return;
    m_model->apply(batch.orders);
    const QString pk = m_editor->pk();
    for (const OrderRow &o : batch.orders)
        if (o.pk == pk && !o.deleted)
            m_editor->itemChanged(pk, o.itemJson);
    if (selectedPk().isEmpty() != pk.isEmpty() || selectedPk() != pk)
        selectionChanged();
}

QString OrdersPane::countText() const
{
    return m_count->text();
}

void OrdersPane::updateCount()
{
    m_count->setText(m_model->rowCount() == 0
                         ? QString()
                         : tr("orders: %1").arg(shownText(m_proxy->rowCount(), m_model->rowCount())));
}

void OrdersPane::clear()
{
    m_model->clear();
    m_editor->showItem({}, {});
    m_count->clear();
    m_message->clearMessage();
}

QString OrdersPane::selectedPk() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return current.data(OrdersModel::PkRole).toString();
}

bool OrdersPane::selectOrder(const QString &pk)
{
    const int row = m_model->rowOf(pk);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void OrdersPane::selectionChanged()
{
    const QString pk = selectedPk();
    for (QAction *a : {m_advance, m_edit, m_cancel})
        a->setEnabled(!pk.isEmpty());
    if (pk == m_editor->pk())
        return;
    const int row = m_model->rowOf(pk);
    m_editor->showItem(pk, row >= 0 ? m_model->order(row).itemJson : QString());
    if (!pk.isEmpty())
        emit orderSelected(pk);
}

void OrdersPane::showResult(const QString &error, const QString &done)
{
    m_message->result(error, done);
}

void OrdersPane::newOrder()
{
    if (dialog())
        return;
    const int n = m_orderSerial++;
    auto *d = new OrderDialog(
        {}, QString::fromLatin1(kCreators[n % std::size(kCreators)]),
        QString::fromLatin1(kSampleItems[n % std::size(kSampleItems)]),
        [this](const QString &creator, const QString &items) {
            const QString error = m_emulator.newOrder(creator, items);
            if (error.isEmpty()) // a refusal is the dialog's to show, not the pane's
                m_message->note(tr("New order placed by %1").arg(creator.trimmed()));
            return error;
        },
        this);
    d->setWindowFlag(Qt::Dialog);
    d->open();
}

void OrdersPane::advanceStatus()
{
    const QString pk = selectedPk();
    if (pk.isEmpty())
        return;
    showResult(m_emulator.advanceStatus(pk), tr("%1: status advanced").arg(pk));
}

void OrdersPane::editItems()
{
    const QString pk = selectedPk();
    if (pk.isEmpty() || dialog())
        return;
    const int row = m_model->rowOf(pk);
    const OrderRow &o = m_model->order(row);
    auto *d = new OrderDialog(
        pk, o.creator, json_text::plainItems(o.itemJson),
        [this, pk](const QString &, const QString &items) {
            const QString error = m_emulator.editItems(pk, items);
            if (error.isEmpty())
                m_message->note(tr("%1: items changed").arg(pk));
            return error;
        },
        this);
    d->open();
}

void OrdersPane::cancelOrder()
{
    const QString pk = selectedPk();
    if (pk.isEmpty())
        return;
    m_confirm->ask(QStringLiteral("cancel-order"), tr("Cancel order %1?").arg(pk),
                   tr("It is deleted from the table: the stream carries a REMOVE, the handler drops its cache "
                      "keys and publishes order-canceled. This cannot be undone."),
                   tr("Cancel order"), [this, pk] {
                       showResult(m_emulator.cancelOrder(pk), tr("%1: canceled (deleted from the table)").arg(pk));
                   });
}

} // namespace orderlab
