#include "order_app_view.h"

#include "notifications_view.h"
#include "order_timeline_model.h"

#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace orderlab {

OrderAppView::OrderAppView(QWidget *parent)
    : QWidget(parent), m_messages(new NotificationsView(QStringLiteral("Order app"), this)), m_timeline(nullptr),
      m_view(new QTableView(this))
{
    m_timeline = new OrderTimelineModel(m_messages->model(), this);
    m_view->setObjectName(QStringLiteral("orderTimelineView"));
    m_view->setModel(m_timeline);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setSectionResizeMode(OrderTimelineModel::Timeline, QHeaderView::Stretch);
    m_view->setColumnWidth(OrderTimelineModel::Pk, 120);
    m_view->setColumnWidth(OrderTimelineModel::Status, 120);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit orderSelected(current.data(OrderTimelineModel::PkRole).toString());
            });
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_messages);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

} // namespace orderlab
