#pragma once

#include "live/remote_clients_source.h"

#include <QAbstractTableModel>

namespace orderlab {

/// The Momento gRPC server's remote clients (RemoteClientsSource), replaced by each poll.
class RemoteClientsModel : public QAbstractTableModel
{
  public:
    enum Column { Peer, Agent, Topic, Delivered, Buffered, Calls, Failed, Since, ColumnCount };

    explicit RemoteClientsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setClients(const QList<RemoteClientRow> &clients);

  private:
    QList<RemoteClientRow> m_clients;
};

} // namespace orderlab
