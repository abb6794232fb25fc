#pragma once
// LiveEmulator's state, shared by its source files (live_emulator.cpp, live_emulator_orders.cpp). Private.

#include "live_emulator.h"

#include "apps/subscriber_apps.h"
#include "dynamodb/marshall.h"
#include "js/json.h"
#include "pipeline/order_feed.h"
#include "pipeline/pipeline.h"
#include "real_time_driver.h"
#include "stream/record_format.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <atomic>
#include <chrono>

namespace orderlab {

namespace live_detail {
inline constexpr int kTickMs = 33; // at most 30 batches a second
inline const char *const kStatuses[] = {"SUBMITTED", "PREPARING", "BAKING", "OUT FOR DELIVERY", "DELIVERED"};

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

inline InvocationRow invocationRow(const InvocationRequest &req)
{
    InvocationRow row;
    row.id = req.id;
    row.shard = req.shard;
    row.lane = req.lane;
    row.attempt = req.attempt;
    row.redelivery = req.redelivery;
    for (const auto &r : req.records) {
        row.sequenceNumbers << q(r->sequenceNumber);
        row.traceIds << r->traceId;
    }
    return row;
}
} // namespace live_detail
using namespace live_detail;

struct LiveEmulator::Impl
{
    Settings settings;
    MappingConfig mapping;
    std::unique_ptr<Pipeline> pipeline;
    std::unique_ptr<RealTimeDriver> driver;
    std::unique_ptr<OrderFeed> feed;
    std::unique_ptr<SubscriberApps> apps;
    ServicesFactory servicesFactory;
    std::shared_ptr<void> services; // released before the pipeline
    std::atomic<int> grpcPort{0};
    std::atomic<const RemoteClientsSource *> remoteClients{nullptr};
    std::atomic<quint64> notifications{0};
    std::atomic<quint64> orderCounter{0};

    QMutex mutex; // guards everything below
    EmulatorBatch pending;
    QHash<QString, OrderRow> changedOrders; // the newest state of each order changed since the last batch
    EmulatorStatus status;                   // refreshed on the emulator thread
    QStringList knownWarnings;
    QString verdict = QStringLiteral("in step");
    QStringList findings;

    void stop()
    {
        services.reset();
        if (feed)
            feed->stop();
        if (driver)
            driver->stop();
        apps.reset();
        feed.reset();
        driver.reset();
        if (pipeline) {
            // Let in-flight invocations end on this thread, then drop everything.
            pipeline->mapping().setEnabled(false);
            pipeline->scheduler().runUntil(pipeline->scheduler().now() + 120000);
        }
        pipeline.reset();
    }

    /// The checker reads the whole table and cache: every second, or less often when that takes long.
    void checkLater(TimeMs delay = 1000)
    {
        if (!pipeline)
            return;
        pipeline->scheduler().after(delay, [this] {
            const auto started = std::chrono::steady_clock::now();
            const CheckReport r = pipeline->check();
            const auto tookMs =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
            QStringList f;
            for (const auto &line : r.findings)
                f << q(line);
            {
                QMutexLocker lock(&mutex);
                verdict = q(r.verdict());
                findings = f;
            }
            checkLater(std::max<TimeMs>(1000, 20 * tookMs));
        });
    }

    /// The status bar's numbers and new warnings, gathered on the emulator thread so that the GUI
    /// thread never waits for the stores.
    void statusLater()
    {
        if (!pipeline)
            return;
        pipeline->scheduler().after(200, [this] {
            Pipeline &p = *pipeline;
            const auto stats = p.mapping().stats();
            EmulatorStatus s;
            s.clock = p.scheduler().now();
            s.orders = p.table().size();
            s.records = p.stream().size();
            s.invocations = stats.invocations;
            s.retries = stats.retries;
            s.discarded = stats.recordsDiscarded;
            s.cacheKeys = p.cache().keys("pizza").size();
            QStringList fresh;
            for (const auto &w : p.warnings())
                fresh << q(w);
            {
                QMutexLocker lock(&mutex);
                status = s;
                for (const auto &w : std::as_const(fresh)) {
                    if (!knownWarnings.contains(w)) {
                        knownWarnings << w;
                        pending.warnings << w;
                    }
                }
            }
            statusLater();
        });
    }
};

} // namespace orderlab
