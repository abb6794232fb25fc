#pragma once
// LiveEmulator's state and its event-to-row translation. Private to live_emulator.cpp.

#include "live_emulator.h"

#include "world/world.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace orderlab {

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

struct LiveEmulator::Impl
{
    Settings settings;
    MappingConfig mapping;
    std::unique_ptr<World> world;
    EventBus::Subscription batcher;                 // ended before the world goes
    std::vector<std::shared_ptr<void>> attachments; // released before the world goes
    WorldHostingFactory hostingFactory;
    std::atomic<int> grpcPort{0};
    std::atomic<int> dynamodbPort{0};
    QString handler; // what the running world's mapping invokes, for the status line
    /// The running world's handler process runs on the real clock, so the speed is held at 1 (a scenario's
    /// process waits for its invocations instead: HandlerProcessChoice::holdClock).
    bool realClockProcess = false;
    std::atomic<const RemoteClientsSource *> remoteClients{nullptr};
    std::atomic<quint64> notifications{0};
    // GUI thread only (flush): the driver's slips seen so far in this world, and when the last one was seen.
    std::uint64_t slipsSeen = 0;
    QElapsedTimer sinceSlip;
    /// Worlds being stopped and destroyed off the GUI thread; joined by finish().
    struct Reaper
    {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::vector<Reaper> reapers;

    QMutex mutex; // guards everything below
    EmulatorBatch pending;
    QHash<QString, OrderRow> changedOrders; // the newest state of each order changed since the last batch
    EmulatorStatus status;                  // refreshed on the emulator thread
    QStringList knownWarnings;
    QString verdict = QStringLiteral("in step");
    QStringList findings;
    std::shared_ptr<bool> current; // the running world's token: false once it is stopped

    /// Detaches the running world from this object and stops and destroys it on a reaper
    /// thread, so that the GUI thread never waits for the emulator thread (docs/threads.md).
    void stop();
    /// stop(), then waits for every reaper (the LiveEmulator's destructor).
    void finish();
    /// Turns one event of the world into the rows of the next batch (on the publishing thread).
    void take(const Event &event);
    /// The status bar's numbers, gathered on the world's thread every 200 ms while `token` is true.
    void statusLater(Pipeline &p, std::shared_ptr<bool> token);
};

} // namespace orderlab
