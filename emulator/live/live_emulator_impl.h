#pragma once
// LiveEmulator's state and its event-to-row translation. Private to live_emulator.cpp.

#include "live_emulator.h"

#include "world/world.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <atomic>

namespace orderlab {

struct LiveEmulator::Impl
{
    Settings settings;
    MappingConfig mapping;
    std::unique_ptr<World> world;
    EventBus::Subscription batcher; // ended before the world goes
    ServicesFactory servicesFactory;
    std::atomic<int> grpcPort{0};
    std::atomic<const RemoteClientsSource *> remoteClients{nullptr};
    std::atomic<quint64> notifications{0};

    QMutex mutex; // guards everything below
    EmulatorBatch pending;
    QHash<QString, OrderRow> changedOrders; // the newest state of each order changed since the last batch
    EmulatorStatus status;                  // refreshed on the emulator thread
    QStringList knownWarnings;
    QString verdict = QStringLiteral("in step");
    QStringList findings;

    void stop();
    /// Turns one event of the world into the rows of the next batch (on the publishing thread).
    void take(const Event &event);
    /// The status bar's numbers, gathered on the emulator thread every 200 ms.
    void statusLater();
};

} // namespace orderlab
