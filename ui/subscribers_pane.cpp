#include "subscribers_pane.h"

#include "live/live_emulator.h"
#include "notifications_model.h"
#include "notifications_view.h"
#include "order_app_view.h"
#include "remote_clients_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace orderlab {

SubscribersPane::SubscribersPane(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_emulator(emulator), m_tabs(new QTabWidget(this)), m_orderApp(new OrderAppView(this)),
      m_adminApp(new NotificationsView(QStringLiteral("Admin app"), this)),
      m_remote(new RemoteClientsView(emulator, this)), m_name(new QLineEdit(this)), m_topic(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("subscribersPane"));
    m_tabs->setObjectName(QStringLiteral("subscriberTabs"));
    m_tabs->addTab(m_adminApp, tr("Admin app"));
    m_tabs->addTab(m_orderApp, tr("Order app"));
    m_tabs->addTab(m_remote, tr("Remote (gRPC)"));
    m_name->setPlaceholderText(tr("name"));
    m_name->setMaximumWidth(140);
    m_topic->setPlaceholderText(tr("topic or pattern, e.g. *-status-updated"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto *add = new QPushButton(tr("Add subscriber"), this);
    auto addFromFields = [this] {
        const QString name = m_name->text().trimmed().isEmpty() ? m_topic->text().trimmed() : m_name->text().trimmed();
        const QString error = addSubscriber(name, m_topic->text().trimmed());
        m_error->setText(error);
        if (error.isEmpty()) {
            m_name->clear();
            m_topic->clear();
        }
    };
    connect(add, &QPushButton::clicked, this, addFromFields);
    connect(m_topic, &QLineEdit::returnPressed, this, addFromFields);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_name);
    bar->addWidget(m_topic, 1);
    bar->addWidget(add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bar);
    layout->addWidget(m_error);

    for (NotificationsView *v : {m_adminApp, m_orderApp->messages()})
        connect(v, &NotificationsView::notificationSelected, this, &SubscribersPane::notificationSelected);
    connect(m_orderApp, &OrderAppView::orderSelected, this, &SubscribersPane::orderSelected);
    connect(&emulator, &LiveEmulator::batchReady, this, &SubscribersPane::applyBatch);
}

QList<NotificationsView *> SubscribersPane::views() const
{
    QList<NotificationsView *> all{m_adminApp, m_orderApp->messages()};
    all << m_user.values();
    return all;
}

QList<QPair<QString, QString>> SubscribersPane::userSubscribers() const
{
    QList<QPair<QString, QString>> out;
    for (auto it = m_userTopics.begin(); it != m_userTopics.end(); ++it)
        out << qMakePair(it.key(), it.value());
    return out;
}

QString SubscribersPane::addSubscriber(const QString &name, const QString &topicOrPattern)
{
    if (name.isEmpty() || topicOrPattern.isEmpty())
        return tr("a subscriber needs a name and a topic or pattern");
    if (name == QLatin1String("Order app") || name == QLatin1String("Admin app") || m_user.contains(name))
        return tr("there is already a subscriber named %1").arg(name);
    const QString error = m_emulator.addSubscriber(name, topicOrPattern);
    if (!error.isEmpty())
        return error;
    auto *view = new NotificationsView(name, this);
    view->setObjectName(QStringLiteral("subscriber:") + name);
    auto *remove = new QToolButton(view);
    remove->setText(tr("Remove"));
    connect(remove, &QToolButton::clicked, this, [this, name] { removeSubscriber(name); });
    view->addToolWidget(remove);
    connect(view, &NotificationsView::notificationSelected, this, &SubscribersPane::notificationSelected);
    m_user.insert(name, view);
    m_userTopics.insert(name, topicOrPattern);
    m_tabs->insertTab(m_tabs->count() - 1, view, QStringLiteral("%1 (%2)").arg(name, topicOrPattern));
    return {};
}

void SubscribersPane::removeSubscriber(const QString &name)
{
    NotificationsView *view = m_user.take(name);
    m_userTopics.remove(name);
    m_emulator.removeSubscriber(name);
    if (view) {
        m_tabs->removeTab(m_tabs->indexOf(view));
        view->deleteLater();
    }
}

void SubscribersPane::applyBatch(const EmulatorBatch &batch)
{
    if (batch.notifications.isEmpty())
        return;
    for (NotificationsView *v : views())
        v->apply(batch.notifications);
}

void SubscribersPane::resubscribe()
{
    for (NotificationsView *v : views())
        v->model()->clear();
    for (auto it = m_userTopics.begin(); it != m_userTopics.end(); ++it)
        m_emulator.addSubscriber(it.key(), it.value());
}

QList<NotificationRow> SubscribersPane::deliveries(const QString &topic, const QString &value, qint64 from) const
{
    QList<NotificationRow> out;
    for (NotificationsView *v : views())
        out << v->model()->deliveries(topic, value, from);
    return out;
}

} // namespace orderlab
