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

    /// Writes what was set to permanent storage.
    void sync() { m_store.sync(); }
};

} // namespace orderlab
