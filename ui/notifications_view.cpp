#include "notifications_view.h"

#include "notifications_model.h"
#include "scroll_anchor.h"
#include "shown_count.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace orderlab {

NotificationsView::NotificationsView(const QString &subscriber, QWidget *parent)
    : QWidget(parent), m_model(new NotificationsModel(subscriber, this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)), m_pause(new QToolButton(this)), m_clear(new QToolButton(this)),
      m_filter(new QLineEdit(this)), m_count(new QLabel(this)), m_tools(new QHBoxLayout)
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    new ScrollAnchor(m_view);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(NotificationsModel::Time, 95);
    m_view->setColumnWidth(NotificationsModel::Subscriber, 85);
    m_view->setColumnWidth(NotificationsModel::Topic, 200);
    m_view->setColumnWidth(NotificationsModel::Sequence, 55);
    if (!subscriber.isEmpty())
        m_view->hideColumn(NotificationsModel::Subscriber);

    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop the list moving; what arrives meanwhile is kept and shown on resume"));
    m_clear->setText(tr("Clear"));
    m_filter->setPlaceholderText(tr("Filter topic or value"));
    m_filter->setClearButtonEnabled(true);
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        updateCount();
    });
    connect(m_clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        updateCount();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    onRowCountChange(m_proxy, this, [this] { updateCount(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit notificationSelected(m_model->notification(m_proxy->mapToSource(current).row()));
            });

    m_tools->addWidget(m_pause);
    m_tools->addWidget(m_clear);
    m_tools->addWidget(m_filter, 1);
    m_tools->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_tools);
    layout->addWidget(m_view, 1);
}

void NotificationsView::addToolWidget(QWidget *widget)
{
    m_tools->addWidget(widget);
}

void NotificationsView::apply(const QList<NotificationRow> &notifications)
{
    if (notifications.isEmpty())
        return;
    m_model->apply(notifications);
    updateCount();
}

QString NotificationsView::countText() const
{
    return m_count->text();
}

void NotificationsView::updateCount()
{
    QString text = shownText(m_proxy->rowCount(), m_model->rowCount());
    if (m_model->paused())
        text += tr(" · %1 held").arg(m_model->held());
    m_count->setText(text);
}

} // namespace orderlab
