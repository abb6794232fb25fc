#pragma once

#include "setting.h"

#include <QByteArray>
#include <QStringList>

namespace orderlab {

/// Every setting the desktop window keeps, one declaration each (key, type, default), over a QSettings
/// that outlives this.
class DesktopSettings
{
    QSettings &m_store; // first: the settings below refer to it

  public:
    explicit DesktopSettings(QSettings &store) : m_store(store) {}

    /// QMainWindow::saveGeometry() and saveState(), per screen size (`screen`: "1280x800", the available area).
    Setting<QByteArray> windowGeometryFor(const QString &screen) const
    {
        return {m_store, QStringLiteral("window/%1/geometry").arg(screen), {}};
    }
    Setting<QByteArray> windowStateFor(const QString &screen) const
    {
        return {m_store, QStringLiteral("window/%1/state").arg(screen), {}};
    }

    /// The emulator the window starts with (LiveEmulator::Settings); the first launch runs the demo feed.
    Setting<quint64> seed{m_store, QStringLiteral("simulation/seed"), 1};
    Setting<int> shards{m_store, QStringLiteral("simulation/shards"), 1};
    Setting<QString> viewType{m_store, QStringLiteral("simulation/viewType"), QStringLiteral("NEW_AND_OLD_IMAGES")};
    Setting<double> speed{m_store, QStringLiteral("simulation/speed"), 1.0};
    Setting<double> writesPerSecond{m_store, QStringLiteral("simulation/writesPerSecond"), 2.0};
    Setting<bool> feeding{m_store, QStringLiteral("simulation/feeding"), true};

    /// The user's subscribers, "NAME<tab>TOPIC" each.
    Setting<QStringList> userSubscribers{m_store, QStringLiteral("subscribers/user"), {}};

    /// The event source mapping (mappingSettingsJson); empty: the defaults.
    Setting<QString> mapping{m_store, QStringLiteral("mapping/config"), {}};

    /// Port of the window's Momento gRPC server: the one it last listened on, kept for the next launch,
    /// Restart and Apply unless another program has taken it (then any free port); 0 = any free port.
    Setting<int> grpcPort{m_store, QStringLiteral("grpc/port"), 0};
    /// Port of the window's AWS port (DynamoDB, DynamoDB Streams, Secrets Manager), kept the same way.
    Setting<int> dynamodbPort{m_store, QStringLiteral("dynamodb/port"), 0};

    /// The mapping's function (the Handler group): "core" or "process", and the process's fields.
    Setting<QString> handlerKind{m_store, QStringLiteral("handler/kind"), QStringLiteral("core")};
    Setting<QString> handlerCommand{m_store, QStringLiteral("handler/command"), {}};
    Setting<QString> handlerDirectory{m_store, QStringLiteral("handler/directory"), {}};
    Setting<QString> handlerName{m_store, QStringLiteral("handler/handler"), QStringLiteral("index.handler")};
    Setting<int> handlerMemoryMb{m_store, QStringLiteral("handler/memoryMb"), 128};
    Setting<int> handlerTimeoutSeconds{m_store, QStringLiteral("handler/timeoutSeconds"), 3};

    /// Writes what was set to permanent storage.
    void sync() { m_store.sync(); }
};

} // namespace orderlab
