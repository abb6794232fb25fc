#pragma once

#include "flow_stage.h"
#include "live/emulator_batch.h"
#include "new_world_detector.h"
#include "recent_set.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>

#include <deque>

namespace orderlab {

/// One table change on its way through the pipeline (docs/flow-view.md, "Tokens").
struct FlowToken
{
    quint64 traceId = 0;
    QString pk;
    int shard = -1;                     ///< once its stream record was seen
    int lane = -1;                      ///< once an invocation carried it
    FlowStage stage = FlowStage::Table; ///< the furthest box the batches show it reached
    bool failed = false;                ///< its latest invocation failed on it (drawn red at the handler)
    int retries = 0;                    ///< attempts after the first (drawn at its lane)
    qint64 writtenAt = 0;               ///< emulator time of the table write
};

struct FlowShardCounts
{
    quint64 records = 0;
    quint64 trimmed = 0;
};

struct FlowLaneCounts
{
    int inFlight = 0;     ///< invocations started and not finished
    quint64 retries = 0;  ///< invocations that were retries (attempt > 1, not a redelivery)
    bool blocked = false; ///< its latest finished invocation failed: it retries the same batch
};

/// The live counts on the boxes (docs/flow-view.md, "Boxes").
struct FlowCounts
{
    quint64 writes = 0; ///< table changes seen (distinct trace ids)
    quint64 orders = 0; ///< items in the table, as the status bar says
    QMap<int, FlowShardCounts> shards;
    QMap<LaneKey, FlowLaneCounts> lanes;
    quint64 invocations = 0;
    quint64 failures = 0;  ///< invocations that finished other than "success"
    quint64 cacheKeys = 0; ///< as the status bar says
    quint64 cacheSets = 0;
    quint64 cacheExpiries = 0;
    quint64 publishes = 0; ///< distinct (topic, sequence number) delivered to anyone
    quint64 orderApp = 0;  ///< notifications the Order app received
    quint64 adminApp = 0;  ///< notifications the Admin app received
};

/// One status of an order, as the Order app shows it.
struct FlowStatusStep
{
    QString status;
    qint64 time = 0;
};

/**
 * The Flow view's state, fed with the window's EmulatorBatch stream (its only input): the counts per box, the
 * tokens in flight, the followed order and what the two apps' screens show.
 *
 * Bounds (docs/flow-view.md, "Bounds"): at most `maxTokens` tokens (the oldest dropped first), the last
 * kScreenLines notifications per app and the status timelines of the last kTimelines orders.
 * Resets on clear() (the window calls it before a Restart) and by itself when a batch shows a new world (its clock
 * or its invocation count went back). GUI thread only; plain values, no widgets.
 */
class FlowModel : public QObject
{
    Q_OBJECT
  public:
    static constexpr int kDefaultMaxTokens = 400;
    static constexpr int kScreenLines = 8;
    static constexpr int kTimelines = 200;

    explicit FlowModel(QObject *parent = nullptr, int maxTokens = kDefaultMaxTokens);

    const FlowCounts &counts() const { return m_counts; }
    /// Tokens, oldest first.
    QList<FlowToken> tokens() const;
    /// The token of `traceId`, or nullptr when there is none (never seen, or dropped by the bound).
    const FlowToken *token(quint64 traceId) const;
    int maxTokens() const { return m_maxTokens; }
    /// Tokens dropped by the bound since the last reset.
    quint64 droppedTokens() const { return m_dropped; }
    qint64 clock() const { return m_clock; }

    /// The order whose path is highlighted (empty: none).
    QString followedOrder() const { return m_followed; }
    void setFollowedOrder(const QString &pk);
    bool isFollowed(const FlowToken &t) const { return !m_followed.isEmpty() && t.pk == m_followed; }

    /// The last notifications of an app ("Order app" or "Admin app"), newest first.
    QList<NotificationRow> screen(const QString &app) const;
    /// The order the Order app's screen shows: the followed one, else the one updated last.
    QString orderAppOrder() const;
    /// The order announced last on `new-order`, else the order of the newest change seen (empty: none).
    QString newestOrder() const;
    QList<FlowStatusStep> timeline(const QString &pk) const { return m_timelines.value(pk); }

  public slots:
    void apply(const orderlab::EmulatorBatch &batch);
    void clear();

  signals:
    /// After apply(), clear() or a new followed order.
    void changed();

  private:
    FlowToken &tokenFor(quint64 traceId, const QString &pk, qint64 time);
    void reach(FlowToken &t, FlowStage stage);
    void applyInvocation(const InvocationRow &row);
    void applyNotification(const NotificationRow &row);
    void trimTokens();
    /// The token of the latest change of `pk` that is past the handler's start, or nullptr.
    FlowToken *latestOf(const QString &pk);

    int m_maxTokens;
    FlowCounts m_counts;
    QHash<quint64, FlowToken> m_tokens;
    std::deque<quint64> m_tokenOrder; // oldest first
    QHash<QString, quint64> m_latestByPk;
    QHash<quint64, LaneKey> m_open; // invocation id -> lane, started and not finished
    RecentSet<quint64> m_seenChanges{8192};
    RecentSet<QString> m_seenPublishes{8192};
    QMap<QString, QList<NotificationRow>> m_screens;
    QHash<QString, QList<FlowStatusStep>> m_timelines;
    std::deque<QString> m_timelineOrder;
    QString m_followed;
    QString m_lastOrderAppPk;
    QString m_newestOrder; // the last `new-order` announcement's id
    quint64 m_dropped = 0;
    qint64 m_clock = -1;
    NewWorldDetector m_world;
};

} // namespace orderlab
