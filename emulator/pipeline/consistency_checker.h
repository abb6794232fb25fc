#pragma once

#include "cache_store.h"
#include "dynamodb/orders_table.h"
#include "events/event_bus.h"
#include "handler/order_domain.h"

#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace orderlab {

/// What the consistency checker found.
struct CheckReport
{
    std::size_t ordersInTable = 0;
    std::size_t keysChecked = 0;
    std::size_t cacheMismatches = 0; ///< keys whose value is not what the table implies (expired keys excluded)
    std::size_t lostUpdates = 0;     ///< array entries missing or behind the table for orders that exist
    std::size_t staleEntries = 0;    ///< keys or array entries for orders no longer in the table
    std::size_t expiredKeys = 0;     ///< keys (and array entries) absent because they expired: not a loss
    std::size_t evictedKeys = 0;     ///< keys absent because the cache evicted them (its byte cap): not a loss
    std::size_t notificationsExpected = 0;
    std::size_t notificationsDelivered = 0; ///< distinct expected notifications delivered at least once
    std::size_t notificationsMissing = 0;
    std::size_t notificationsDuplicated = 0; ///< expected notifications delivered more than once
    std::size_t notificationsPending = 0;    ///< for changes whose records are not processed yet
    std::size_t ordersPending = 0;           ///< orders whose latest change is not processed yet: not judged
    std::size_t blockedLanes = 0;            ///< mapping lanes retrying a batch that keeps failing (Pipeline::check)
    std::vector<std::string> findings;       ///< one line per problem (the first 200)

    /// Nothing lost or wrong among what was judged (pending orders are not judged).
    bool inStep() const
    {
        return cacheMismatches == 0 && lostUpdates == 0 && staleEntries == 0 && notificationsMissing == 0;
    }
    /// In step with nothing pending, blocked, duplicated, expired or evicted: the whole truth is "in step".
    bool settled() const
    {
        return inStep() && ordersPending == 0 && blockedLanes == 0 && notificationsDuplicated == 0 &&
               expiredKeys == 0 && evictedKeys == 0;
    }
    /// One line that never says more than is true (docs/event-stream.md, "The checker's verdict"):
    /// "in step" only when settled(); else a headline, the worst that holds — "drifted" (something lost
    /// or wrong), "blocked" (a lane retries a failing batch), "catching up" (orders pending), "in step,
    /// with caveats" (duplicates, expiries, evictions) — and every count that is not zero, e.g.
    /// "blocked: 1 lane blocked, 40 orders pending, 12 keys expired".
    std::string verdict() const;
};

/**
 * Compares, at any moment, the cache with what the table implies (each order's view and
 * ADMIN view, `all-orders`, each creator's array) and the publishes with what the table's
 * changes imply, naming each lost update, stale entry, expiry, duplicate and missing
 * notification. Array entries are compared on the fields of the current summary (the
 * article's spread keeps fields an older version had); order within an array is not judged.
 *
 * It follows the event stream (follow()): the table's changes, the cache's changes and the
 * handler's publishes; the same inputs can be fed one by one (tableChanged, cacheEvent,
 * published). Thread-safe.
 *
 * Memory is bounded by its Limits, not by uptime (docs/memory-bounds.md): an expected
 * notification delivered at least once is folded into running totals `forgetAfterMs` after its
 * change; one never delivered is kept (up to `maxTracked`, then counted as unjudged); an order
 * deleted more than `forgetAfterMs` ago is forgotten with its keys' histories. Only the keys the
 * handler writes for orders it has seen are tracked (an order's two views, `all-orders`, the
 * creators' arrays; at most `maxTracked` creators).
 */
class ConsistencyChecker final
{
  public:
    struct Limits
    {
        TimeMs forgetAfterMs = 5 * 60 * 1000; ///< emulator time after which settled changes are forgotten
        std::size_t maxTracked = 10000;       ///< cap on undelivered expectations and on creators
    };

    ConsistencyChecker(const OrdersTable &table, const CacheStore &cache, const Clock &clock,
                       std::string cacheName = kCacheName);
    ConsistencyChecker(const OrdersTable &table, const CacheStore &cache, const Clock &clock, Limits limits,
                       std::string cacheName = kCacheName);

    /// Takes TableChangedEvent, CacheChangedEvent and the handler's successful publishes from `bus`.
    [[nodiscard]] EventBus::Subscription follow(EventBus &bus);
    void tableChanged(const TableChange &change);
    void cacheEvent(const CacheEvent &event);
    void published(std::uint64_t traceId, const std::string &topic, const std::string &value);
    /// A batch invoked: what a publish made in it with no trace id of its own is matched against.
    void invocationStarted(std::uint64_t invocationId, const std::vector<std::uint64_t> &traceIds);
    /// A publish made under invocation `invocationId` but no one table change (a handler process's call during a
    /// batch of several records; docs/lambda-runtime.md, "Calls under their invocation"): it is the notification
    /// of the first change of the batch, in record order, that expects exactly it and has none yet (else the
    /// first that expects it: a duplicate); unattributed when no change of the batch expects it.
    void publishedIn(std::uint64_t invocationId, const std::string &topic, const std::string &value);

    /// Invocations whose batches are remembered for publishedIn, the latest ones.
    static constexpr std::size_t kMaxBatches = 256;

    /// `pending`: trace ids of changes whose records have not been processed (or discarded) yet; an order
    /// whose latest change is pending is not judged (the cache may lag behind it), nor is its notification.
    CheckReport check(const std::set<std::uint64_t> &pending = {}) const;

    /// What the checker holds (for the memory-bound tests and the soak's notes).
    struct Sizes
    {
        std::size_t expected = 0; ///< notifications not yet settled (delivered and forgotten)
        std::size_t orders = 0;   ///< orders whose latest change is remembered
        std::size_t keys = 0;     ///< cache keys with an expiry history
        std::size_t creators = 0;
    };
    Sizes sizes() const;

  private:
    struct KeyHistory
    {
        TimeMs expiresAt = 0;
        TimeMs lastExpiredAt = -1;   ///< when the key last expired (or was evicted) before being written again
        bool evicted = false;        ///< it ended by eviction, at expiresAt, not by its TTL
        bool lastEndEvicted = false; ///< the end at lastExpiredAt was an eviction
    };
    struct Expected
    {
        std::string topic;
        std::string value;
        std::string pk;
        std::size_t delivered = 0;
        TimeMs at = 0; ///< commit time of the change
    };
    struct Removal
    {
        TimeMs at = 0;
        std::string pk;
        std::uint64_t traceId = 0;
    };
    struct Totals ///< of the delivered expectations already forgotten
    {
        std::size_t expected = 0;
        std::size_t duplicated = 0;
        std::size_t unjudged = 0; ///< undelivered expectations dropped over maxTracked
    };

    void remember(const TableChange &change, const std::string &creator); // m_mutex held
    void forgetSettled(TimeMs now);                                       // m_mutex held
    bool tracksKey(const std::string &key) const;                         // m_mutex held

    const OrdersTable &m_table;
    const CacheStore &m_cache;
    const Clock &m_clock;
    Limits m_limits;
    std::string m_cacheName;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, KeyHistory> m_keys;
    std::unordered_map<std::string, TimeMs> m_lastChange;       // pk -> commit time
    std::unordered_map<std::string, std::uint64_t> m_lastTrace; // pk -> trace id of its latest change
    std::map<std::uint64_t, Expected> m_expected;               // trace id -> the publish it implies
    std::map<std::uint64_t, Expected> m_overdue;                // older than forgetAfterMs and never delivered
    std::deque<Removal> m_removals;                             // deletes, oldest first
    std::set<std::string> m_creators;
    Totals m_settled;
    std::size_t m_unattributedPublishes = 0;
    std::deque<std::pair<std::uint64_t, std::vector<std::uint64_t>>> m_batches; // invocation id -> its trace ids
};

} // namespace orderlab
