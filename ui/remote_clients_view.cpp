#include "remote_clients_view.h"

#include "live/live_emulator.h"
#include "remote_clients_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace orderlab {

RemoteClientsView::RemoteClientsView(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_emulator(emulator), m_model(new RemoteClientsModel(this)), m_note(new QLabel(this)),
      m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("remoteClientsView"));
    auto *view = new QTableView(this);
    view->setModel(m_model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    m_note->setObjectName(QStringLiteral("remoteClientsNote"));
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(view, 1);
    connect(m_timer, &QTimer::timeout, this, &RemoteClientsView::poll);
    m_timer->start(1000);
    poll();
}

void RemoteClientsView::poll()
{
    if (!m_emulator.hasRemoteClientsSource()) {
        m_note->setText(
            tr("<b>Placeholder.</b> Remote subscribers — SDK clients connected to the Momento gRPC server — "
               "appear here once the server runs in this process and reports its clients."));
        if (m_model->rowCount())
            m_model->setClients({});
        return;
    }
    const QList<RemoteClientRow> clients = m_emulator.remoteClients();
    m_note->setText(tr("%n remote client(s) of the Momento gRPC server", nullptr, static_cast<int>(clients.size())));
    m_model->setClients(clients);
}

} // namespace orderlab
