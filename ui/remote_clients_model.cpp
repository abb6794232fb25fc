#include "remote_clients_model.h"

#include <QDateTime>

namespace orderlab {

RemoteClientsModel::RemoteClientsModel(QObject *parent) : QAbstractTableModel(parent) {}

int RemoteClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_clients.size());
}

int RemoteClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemoteClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const QStringList headers{tr("Peer"),     tr("Agent"), tr("Topic"),  tr("Delivered"),
                                     tr("Buffered"), tr("Calls"), tr("Failed"), tr("Since")};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < headers.size())
        return headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant RemoteClientsModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RemoteClientRow &c = m_clients.at(index.row());
    switch (index.column()) {
    case Peer:
        return c.peer;
    case Agent:
        return c.agent;
    case Topic:
        return c.topic.isEmpty() ? tr("(no subscription)") : c.cache + QLatin1Char('/') + c.topic;
    case Delivered:
        return QVariant::fromValue(c.delivered);
    case Buffered:
        return QVariant::fromValue(c.buffered);
    case Calls:
        return QVariant::fromValue(c.calls);
    case Failed:
        return QVariant::fromValue(c.failed);
    case Since:
        return QDateTime::fromMSecsSinceEpoch(c.sinceMs).toString(QStringLiteral("HH:mm:ss"));
    default:
        return {};
    }
}

void RemoteClientsModel::setClients(const QList<RemoteClientRow> &clients)
{
    beginResetModel();
    m_clients = clients;
    endResetModel();
}

} // namespace orderlab
