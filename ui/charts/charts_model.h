#pragma once

#include "flow/new_world_detector.h"
#include "flow/recent_set.h"
#include "live/emulator_batch.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <deque>
#include <limits>
#include <vector>

namespace orderlab {

/// One second of emulator time, as the charts draw it.
struct ChartSecond
{
    qint64 second = 0; ///< emulator time / 1000
    quint64 writes = 0;
    quint64 invocations = 0;
    quint64 errors = 0;      ///< invocations that finished other than "success"
    qsizetype latencies = 0; ///< changes whose first publish fell in this second
    double p50 = 0;          ///< write -> publish latency, ms (0 when there is none)
    double p95 = 0;
};

/**
 * The live charts' numbers, per second of emulator time over the last `seconds` seconds (docs/flow-view.md,
 * "Charts"): table writes, invocations started, invocations failed, and the write -> publish latency of each change
 * (from its table write to the first publish about its order), as p50 and p95 of the second the publish fell in.
 *
 * Bounded: a ring of `seconds` buckets; at most kSamples latencies per bucket (a reservoir sample beyond that);
 * at most kPending changes waiting for their first publish (the oldest forgotten first). Fed with the window's
 * batches; cleared on restart, and by itself when a batch shows a new world. GUI thread.
 */
class ChartsModel : public QObject
{
    Q_OBJECT
  public:
    static constexpr int kDefaultSeconds = 300;
    static constexpr int kSamples = 1024;
    static constexpr int kPending = 20000;

    explicit ChartsModel(QObject *parent = nullptr, int seconds = kDefaultSeconds);

    int seconds() const { return static_cast<int>(m_ring.size()); }
    /// The newest second seen, or -1.
    qint64 newestSecond() const { return m_newest; }
    /// The seconds of the window that have begun, oldest first, ending at newestSecond().
    QList<ChartSecond> series() const;
    /// Changes still waiting for their first publish.
    qsizetype pending() const { return m_pendingCount; }

  public slots:
    void apply(const orderlab::EmulatorBatch &batch);
    void clear();

  signals:
    void changed();

  private:
    static constexpr qint64 kNoSecond = std::numeric_limits<qint64>::min(); ///< a bucket not in use
    struct Bucket
    {
        qint64 second = kNoSecond;
        quint64 writes = 0;
        quint64 invocations = 0;
        quint64 errors = 0;
        std::vector<qint64> samples;
        quint64 latencies = 0; ///< all of them, sampled or not
    };
    /// The bucket of `timeMs`, after moving the window forward to it; nullptr when it is older than the window.
    Bucket *bucket(qint64 timeMs);
    void write(quint64 traceId, const QString &pk, qint64 timeMs);
    void publish(const NotificationRow &n);

    std::vector<Bucket> m_ring;
    qint64 m_newest = -1;
    RecentSet<quint64> m_seenChanges{8192};
    RecentSet<QString> m_seenPublishes{8192};
    QHash<QString, QList<qint64>> m_pending; // order -> write times of its changes not yet published, oldest first
    std::deque<QString> m_pendingOrder;      // orders in the order they began waiting
    qsizetype m_pendingCount = 0;
    quint64 m_random = 0x2545F4914F6CDD1DULL;
    NewWorldDetector m_world;
};

} // namespace orderlab
