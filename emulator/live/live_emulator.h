#pragma once

#include "emulator_batch.h"
#include "remote_clients_source.h"
#include "world_hosting.h"

#include <QObject>
#include <QTimer>

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace orderlab {

struct MappingConfig;
struct Command;
struct WorldConfig;
class Pipeline;
class World;
class WorldService;

/**
 * The window's narrow interface to a world: commands in (submit(), and the action helpers,
 * which only build a Command), event batches out (batchReady). It runs a World on the real
 * clock (times a speed factor) on the emulator thread, follows the world's event stream and
 * hands the GUI thread one EmulatorBatch per tick (at most 30 a second).
 *
 * Threading: create and use on the GUI thread; the world runs on the emulator thread.
 * Commands return at once (table writes are thread-safe; the rest is posted). batchReady is
 * emitted on the GUI thread. Errors in user input come back as a message, never a throw.
 */
class LiveEmulator : public QObject
{
    Q_OBJECT
  public:
    struct Settings
    {
        quint64 seed = 1;
        int shards = 1;
        QString viewType = QStringLiteral("NEW_AND_OLD_IMAGES");
        double speed = 1;
        double writesPerSecond = 2;
        bool demo = true; ///< start feeding orders at once
        /// The stream's caps besides its 24 h (docs/memory-bounds.md); 0 = no cap.
        std::size_t streamMaxRecords = 100000;
        std::size_t streamMaxBytes = 32 * 1024 * 1024;
        /// The mapping's function: a handler process, or none for core in process. A process runs on the
        /// real clock at 1x (its timeouts are wall time): the speed is then held at 1 (setSpeed ignores others).
        std::optional<HandlerProcessChoice> handler;
        /// The function's timeout (MappingConfig::functionTimeoutMs), 1 s .. 900 s.
        qint64 functionTimeoutMs = 3000;
    };

    explicit LiveEmulator(Settings settings, QObject *parent = nullptr);
    ~LiveEmulator() override;

    /// Builds the pipeline and starts the emulator thread (and, in demo mode, the feed).
    /// Returns an error message for invalid settings, else empty.
    QString start();
    /// Starts a world built from exactly `config` instead of the settings (a scenario run or a
    /// recording in the window, docs/scenarios.md "In the window"): its clock is made Real; set
    /// `startPaused` to begin paused. `handler`: the scenario's handler process (hosted by the hosting
    /// factory; with holdClock the clock waits for each invocation), none for core's. The settings are kept
    /// for the next start(). Does not wait for the old world, like restart().
    QString startWorld(WorldConfig config, const std::optional<HandlerProcessChoice> &handler = std::nullopt);
    /// Runs `fn` on the emulator thread with the running world, at its current emulator time,
    /// after what is due by then (while paused: at the paused time). Reads and drives there are
    /// safe; `fn` must not touch widgets (hand results back with a queued call). False, and `fn`
    /// never runs, when no world runs.
    bool postToWorld(std::function<void(World &)> fn);
    /// Keeps `attachment` for as long as the running world runs: it is released on the calling thread
    /// at the next start, restart or stop, before that world is stopped and destroyed, so that
    /// something that follows the world's event bus (a scenario recording) never outlives it. Posted
    /// work should hold it weakly. Ignored (released at once) when no world runs.
    void attach(std::shared_ptr<void> attachment);
    /// Rebuilds everything with new settings (a new table, stream and mapping). Neither start() nor
    /// restart() waits for the old world: it is stopped and destroyed on a thread of its own.
    QString restart(Settings settings);
    /// UpdateEventSourceMapping in place: checkpoints and batches in flight are kept.
    QString applyMapping(const MappingConfig &config);
    /// Before start(): the mapping the first world is built with (the window's kept settings). An error
    /// message, and nothing changed, for a configuration MappingConfig::validate refuses.
    QString setInitialMapping(const MappingConfig &config);
    /// The one entry point for user actions; the helpers below build a Command and call it.
    QString submit(const Command &command);
    const Settings &settings() const;
    MappingConfig mappingConfig() const;

    // Orders. Each returns an error message, or empty on success.
    QString newOrder(const QString &creator, const QString &itemsJson);
    QString advanceStatus(const QString &pk);
    QString editItems(const QString &pk, const QString &itemsJson);
    QString cancelOrder(const QString &pk);
    /// Replaces the item with `itemJson` (AttributeValue JSON of the whole item).
    QString putItemJson(const QString &itemJson);

    // Simulation and clock.
    void setFeeding(bool on);
    bool feeding() const;
    void setWritesPerSecond(double rate);
    void setSpeed(double speed); ///< 0 = as fast as possible
    void setPaused(bool paused);
    void step(qint64 ms);
    qint64 clock() const;

    // Faults: op as FaultInjector names it, spec as FaultRule::parse takes it.
    QString setFault(const QString &op, const QString &spec);
    void clearFault(const QString &op);
    QStringList faults() const; ///< "op: spec"
    /// "op: the rule in words" (FaultRule::describe), for people.
    QStringList faultDescriptions() const;

    // Mapping.
    QString redeliver(int shard);
    QList<QStringList>
    lanes() const; ///< per lane: shard, lane, checkpoint, in flight, batch, retries, blocked, error, poison
    QStringList failureList() const; ///< discarded invocation records (JSON)
    QStringList warnings() const;

    // Subscribers.
    QString addSubscriber(const QString &name, const QString &topicOrPattern);
    void removeSubscriber(const QString &name);

    // Reads.
    QByteArray cacheValue(const QString &key) const;
    QList<TraceStep> traceOf(quint64 traceId) const;
    QList<quint64> changesOf(const QString &pk) const;
    // Tables (live_tables.cpp): every table of the running world, the pipeline's and those made through the
    // DynamoDB API. Reads take the tables' own locks, briefly; writes are commands (recorded like any other).
    QList<TableSummary> tables() const;
    /// Up to `limit` (1..1000) items of `table` after the item whose key is `afterKeyJson` (empty: from the start).
    TablePage tableItems(const QString &table, const QString &afterKeyJson, int limit) const;
    /// PutItem of `itemJson` (AttributeValue JSON of the whole item) in `table`; an error message or empty.
    QString putTableItem(const QString &table, const QString &itemJson);
    /// DeleteItem of the item whose key is `keyJson` in `table`; an error message or empty.
    QString deleteTableItem(const QString &table, const QString &keyJson);

    /// True when a hosted service lists remote clients (the Momento gRPC server).
    bool hasRemoteClientsSource() const;
    /// The source's clients, or none when there is no source.
    QList<RemoteClientRow> remoteClients() const;

    /// Makes what each new world hosts (the window's gRPC server, the AWS port, a handler process:
    /// WorldHostingFactory), for start() and startWorld() alike.
    void setHostingFactory(WorldHostingFactory factory);

    /// The running world and its pipeline, for tests (their stores are thread-safe; do not drive them).
    World *world() const;
    Pipeline *pipeline() const;

    /// Gathers now and emits batchReady if anything changed (tests call it instead of waiting).
    void flush();

  signals:
    void batchReady(const orderlab::EmulatorBatch &batch);

  private:
    QString startConfig(WorldConfig config, const std::optional<HandlerProcessChoice> &handler);

    struct Impl;
    std::unique_ptr<Impl> d;
    QTimer m_tick;
};

} // namespace orderlab
