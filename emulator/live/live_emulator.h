#pragma once

#include "emulator_batch.h"
#include "remote_clients_source.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace orderlab {

struct PipelineConfig;
struct MappingConfig;
struct LaneState;
class Pipeline;

/**
 * The emulator as the desktop app sees it: the whole pipeline running on its own thread on
 * the real clock (times a speed factor), its changes gathered and handed to the GUI thread
 * as one EmulatorBatch per tick (at most 30 a second), and the actions a person takes.
 *
 * Threading: create and use on the GUI thread; the pipeline runs on the emulator thread.
 * Actions return at once (table writes are thread-safe; the rest is posted). batchReady is
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
    };

    explicit LiveEmulator(Settings settings, QObject *parent = nullptr);
    ~LiveEmulator() override;

    /// Builds the pipeline and starts the emulator thread (and, in demo mode, the feed).
    /// Returns an error message for invalid settings, else empty.
    QString start();
    /// Rebuilds everything with new settings (a new table, stream and mapping).
    QString restart(Settings settings);
    /// Replaces the mapping's configuration by restarting with it (the stream is kept empty).
    QString applyMapping(const MappingConfig &config);
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

    // Mapping.
    QString redeliver(int shard);
    QList<QStringList> lanes() const; ///< per lane: shard, lane, checkpoint, in flight, batch, retries, blocked, error, poison
    QStringList failureList() const;  ///< discarded invocation records (JSON)
    QStringList warnings() const;

    // Subscribers.
    QString addSubscriber(const QString &name, const QString &topicOrPattern);
    void removeSubscriber(const QString &name);

    // Reads.
    QByteArray cacheValue(const QString &key) const;
    QList<TraceStep> traceOf(quint64 traceId) const;
    QList<quint64> changesOf(const QString &pk) const;
    void setGrpcPort(int port);
    /// The gRPC server's clients for the UI; not owned, must outlive this or be reset to nullptr.
    void setRemoteClientsSource(const RemoteClientsSource *source);
    bool hasRemoteClientsSource() const;
    /// The source's clients, or none when there is no source.
    QList<RemoteClientRow> remoteClients() const;

    /// Makes what serves the running pipeline to the outside (the gRPC server): called on the GUI thread
    /// after every start or restart; what it returns is kept until the pipeline stops, and released
    /// before the pipeline goes away. May return null (nothing to keep).
    using ServicesFactory = std::function<std::shared_ptr<void>(Pipeline &pipeline, LiveEmulator &emulator)>;
    void setServicesFactory(ServicesFactory factory);

    /// The pipeline, for tests and the gRPC server (its stores are thread-safe; do not drive it).
    Pipeline *pipeline() const;

    /// Gathers now and emits batchReady if anything changed (tests call it instead of waiting).
    void flush();

signals:
    void batchReady(const orderlab::EmulatorBatch &batch);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    QTimer m_tick;
};

} // namespace orderlab
