#pragma once

#include <QList>
#include <QString>

namespace orderlab {

/// One remote client of the Momento gRPC server as the Subscribers pane lists it: a live
/// subscription (topic set) or a connection that holds none (topic empty).
struct RemoteClientRow
{
    QString peer;  ///< e.g. `ipv4:127.0.0.1:54321`
    QString agent; ///< the client's `agent` header, e.g. `nodejs:cache:1.118.1`
    QString cache;
    QString topic;         ///< empty for a connection without a subscription
    quint64 calls = 0;     ///< calls the connection started
    quint64 failed = 0;    ///< calls answered with a non-OK status
    quint64 delivered = 0; ///< messages written to the subscription
    quint64 buffered = 0;  ///< messages waiting for the client to read
    qint64 sinceMs = 0;    ///< wall clock, ms since the epoch
};

/**
 * Where the desktop app learns about remote (gRPC) clients. The gRPC server, or an adapter
 * over it, implements this; LiveEmulator passes it on to the UI (setRemoteClientsSource).
 *
 * Threading: remoteClients() is called on the GUI thread about once a second while the
 * server's threads run; it must be thread-safe and must not block for long.
 */
class RemoteClientsSource
{
  public:
    virtual ~RemoteClientsSource() = default;
    /// The current clients, in a stable order.
    virtual QList<RemoteClientRow> remoteClients() const = 0;
};

} // namespace orderlab
