#pragma once

#include "clock.h"
#include "handler/order_domain.h"
#include "momento/responses.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace orderlab {

class EventBus;

/// One change to the emulated cache, as the event bus carries it (CacheChangedEvent).
struct CacheEvent
{
    enum class Kind { Set, Delete, Expire, Evict, Flush, CacheCreated, CacheDeleted, TtlUpdated };

    Kind kind = Kind::Set;
    std::string cache;
    std::string key;            ///< empty for Flush, CacheCreated, CacheDeleted
    std::size_t size = 0;       ///< key + value bytes; for Flush and CacheDeleted the number of keys dropped
    std::string writer;         ///< who made the change; for Expire the key's last writer
    TimeMs timeMs = 0;          ///< when the store made the change (clock time)
    TimeMs expiresAtMs = 0;     ///< Set / TtlUpdated: the new expiry; Expire: the moment the key expired
    std::uint64_t sequence = 0; ///< store-wide order of changes (listeners on different threads may race)
};

/**
 * The emulated Momento cache: named caches holding keys with a TTL, as `docs/momento-wire.md`
 * ("Semantics") describes them. Answers SDK-style: results are returned, never thrown.
 *
 * Errors: an unknown cache gives Error{CacheNotFound}; a bad cache name (cacheNameError), an empty key, a null
 * value, or a TTL of 0 or over Limits::maxTtlMs gives Error{InvalidArgument} naming the
 * argument; an item over Limits::maxItemBytes gives Error{LimitExceeded,
 * "item_size_limit_exceeded: ..."}. Arguments are checked first, then the cache, then limits.
 *
 * Time: read only from the Clock given at construction (which must outlive the store). A key
 * written at t with TTL d is a hit up to t + d - 1 and a miss from t + d on. Reads treat an
 * expired key as absent without removing it; a write to an expired key first removes it
 * (an Expire event), and expireDue() removes the rest.
 *
 * Threading: every member function is thread-safe (one mutex). Changes are published to the
 * event bus on the thread that made them, after the mutex is released; events of one change
 * are published in order, and `CacheEvent::sequence` orders changes made concurrently on
 * different threads.
 */
class CacheStore
{
  public:
    struct Limits
    {
        std::size_t maxItemBytes = 5 * 1024 * 1024; ///< key + value, bytes
        std::uint64_t maxTtlMs = 24ULL * 60 * 60 * 1000;
        /// Key + value bytes of every cache together; past it the least recently used keys are
        /// evicted (docs/memory-bounds.md, "The cache"). 0: no bound.
        std::size_t maxTotalBytes = 0;
    };

    /// What the UI and the consistency checker see of a live key.
    struct KeyInfo
    {
        std::string key;
        std::size_t size = 0; ///< key + value bytes, as the item size limit counts them
        TimeMs lastWriteMs = 0;
        TimeMs expiresAtMs = 0;
        std::string writer;
    };

    struct Counters
    {
        std::uint64_t gets = 0;
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::uint64_t sets = 0;    ///< set, stored setIf, increment
        std::uint64_t deletes = 0; ///< remove calls that found the cache
        std::uint64_t expired = 0; ///< keys removed because their TTL ran out
        std::uint64_t evicted = 0; ///< keys removed to keep within Limits::maxTotalBytes
    };

    /// The condition of setIf; `value` is compared for the *Equal kinds and ignored otherwise.
    struct SetIfCondition
    {
        enum class Kind { Present, PresentAndNotEqual, Absent, Equal, AbsentOrEqual, NotEqual };
        Kind kind = Kind::Absent;
        std::string value;
    };
    enum class SetIfResult { Stored, NotStored };
    using SetIfResponse = std::variant<SetIfResult, momento::Error>;

    using KeysExistResponse = std::variant<std::vector<bool>, momento::Error>;
    using IncrementResponse = std::variant<std::int64_t, momento::Error>;

    struct TtlFound
    {
        std::uint64_t remainingMs = 0;
    };
    struct TtlMissing
    {
    };
    using ItemGetTtlResponse = std::variant<TtlFound, TtlMissing, momento::Error>;

    enum class TtlUpdate { IncreaseTo, DecreaseTo, OverwriteTo };
    enum class UpdateTtlResult { Set, NotSet, Missing };
    using UpdateTtlResponse = std::variant<UpdateTtlResult, momento::Error>;

    /// Why Momento refuses `cache` as a cache name: empty or only whitespace (the SDKs' rule; see
    /// docs/momento-wire.md, "Semantics"); nothing when it is a good name. Every call taking a cache
    /// name answers Error{InvalidArgument} with this text, and `orderlab serve --cache` refuses it.
    static std::optional<std::string> cacheNameError(const std::string &cache);

    /// `clock` is borrowed and must outlive the store. Names in `caches` that cacheNameError refuses are ignored.
    /// Every change is published to `events` (CacheChangedEvent) when given; the bus is borrowed
    /// and must outlive the store.
    CacheStore(const Clock &clock, std::vector<std::string> caches, Limits limits, EventBus *events = nullptr);
    explicit CacheStore(const Clock &clock, std::vector<std::string> caches = {kCacheName}, EventBus *events = nullptr)
        : CacheStore(clock, std::move(caches), Limits(), events)
    {
    }
    CacheStore(const CacheStore &) = delete;
    CacheStore &operator=(const CacheStore &) = delete;

    Limits limits() const;
    /// Applies to later writes; stored items are kept even if they no longer fit.
    void setLimits(const Limits &limits);
    /// Key + value bytes stored now, every cache together (expired keys not yet removed included).
    std::size_t totalBytes() const;

    // Control plane.
    /// Error{LimitExceeded, "cache count limit exceeded: ..."} when `maxCaches` caches exist already.
    momento::Status createCache(const std::string &cache,
                                std::size_t maxCaches = std::numeric_limits<std::size_t>::max());
    momento::Status deleteCache(const std::string &cache);
    /// Sorted by name.
    std::vector<std::string> listCaches() const;
    bool hasCache(const std::string &cache) const;
    momento::Status flushCache(const std::string &cache, const std::string &writer = {});

    // Data plane.
    /// A Hit carries the stored buffer itself (no copy).
    momento::GetResponse get(const std::string &cache, const std::string &key);
    momento::Status set(const std::string &cache, const std::string &key, momento::CacheValue value,
                        std::uint64_t ttlMs, const std::string &writer = {});
    /// Success for an absent key too.
    momento::Status remove(const std::string &cache, const std::string &key, const std::string &writer = {});
    SetIfResponse setIf(const std::string &cache, const std::string &key, momento::CacheValue value,
                        const SetIfCondition &condition, std::uint64_t ttlMs, const std::string &writer = {});
    /// One bool per key, same order. Not counted as gets.
    KeysExistResponse keysExist(const std::string &cache, const std::vector<std::string> &keys) const;
    /// Adds `amount` to the base-10 integer stored at `key` (absent = 0), stores the result as
    /// base-10 text with the new TTL and returns it. A value that is not an integer, or a
    /// result outside int64, gives Error{FailedPrecondition}.
    IncrementResponse increment(const std::string &cache, const std::string &key, std::int64_t amount,
                                std::uint64_t ttlMs, const std::string &writer = {});
    ItemGetTtlResponse itemGetTtl(const std::string &cache, const std::string &key) const;
    /// IncreaseTo sets only if now + ttlMs is later than the current expiry, DecreaseTo only
    /// if it is earlier; OverwriteTo always. The key's value, writer and write time stay.
    UpdateTtlResponse updateTtl(const std::string &cache, const std::string &key, TtlUpdate mode, std::uint64_t ttlMs,
                                const std::string &writer = {});

    // Expiry.
    /// Removes every key whose expiry has come, notifies listeners, and returns the Expire events.
    std::vector<CacheEvent> expireDue();
    /// The earliest expiry of any stored key (expired or not), or -1 if the store is empty.
    TimeMs nextExpiryMs() const;

    // Introspection (no counters touched).
    /// Live keys of `cache`, sorted by key; empty for an unknown cache.
    std::vector<KeyInfo> keys(const std::string &cache) const;
    /// Like get, but not counted as a read.
    momento::GetResponse peek(const std::string &cache, const std::string &key) const;
    Counters counters() const;

    // State files (docs/state-files.md, "Caches").
    /// One live key as a state file keeps it.
    struct SavedEntry
    {
        std::string cache;
        std::string key;
        std::string value;
        TimeMs lastWriteMs = 0;
        TimeMs expiresAtMs = 0;
        std::string writer;
    };
    /// Every live key of every cache, least recently used first (expired keys not yet removed are left out).
    std::vector<SavedEntry> saved() const;
    /// Replaces every cache and key with `caches` and `entries` (in recency order, least recently used first),
    /// publishing nothing and counting nothing; for a world being built. Throws std::invalid_argument (changing
    /// nothing) for a bad cache name, an entry of a cache not in `caches`, an empty key, a key given twice or an
    /// expiry that is not after now.
    void restore(const std::vector<std::string> &caches, const std::vector<SavedEntry> &entries);

  private:
    /// Least recently used first: (cache, key) of every stored entry.
    using Recency = std::list<std::pair<std::string, std::string>>;
    struct Entry
    {
        momento::CacheValue value;
        TimeMs lastWriteMs = 0;
        TimeMs expiresAtMs = 0;
        std::string writer;
        Recency::iterator recency;
    };
    using Keys = std::map<std::string, Entry, std::less<>>;
    using ExpiryKey = std::tuple<TimeMs, std::string, std::string>; // expiry, cache, key
    using Events = std::vector<CacheEvent>;

    /// Checks the cache name, `key` (if given) and `ttlMs` (if given); then, under the lock,
    /// runs `fn(keys, now, events)` for a known cache (else CacheNotFound); then, unlocked,
    /// notifies `events`.
    template <typename Result, typename Fn>
    Result mutate(const std::string &cache, const std::string *key, std::optional<std::uint64_t> ttlMs, Fn &&fn);
    /// Like mutate for reads: `fn(keys, now)`, no events.
    template <typename Result, typename Fn>
    Result read(const std::string &cache, const std::string *key, Fn &&fn) const;
    /// set (no condition) and setIf.
    SetIfResponse conditionalSet(const std::string &cache, const std::string &key, momento::CacheValue value,
                                 const std::optional<SetIfCondition> &condition, std::uint64_t ttlMs,
                                 const std::string &writer);

    // The helpers below expect m_mutex held; `events` collects what to notify afterwards.
    const Entry *findLive(const Keys &keys, const std::string &key, TimeMs now) const;
    void dropExpired(const std::string &cache, Keys &keys, const std::string &key, TimeMs now,
                     std::vector<CacheEvent> &events);
    void store(const std::string &cache, Keys &keys, const std::string &key, momento::CacheValue value, TimeMs now,
               TimeMs expiresAt, const std::string &writer, std::vector<CacheEvent> &events);
    /// Removes the entry from `keys` and every index; no event.
    void erase(const std::string &cache, Keys &keys, Keys::iterator it);
    /// Evicts least recently used keys until the total is within Limits::maxTotalBytes, sparing `keep`.
    void evictOverLimit(const std::string &cache, const std::string &keep, TimeMs now, std::vector<CacheEvent> &events);
    std::optional<momento::Error> checkItem(const std::string &key, const momento::CacheValue &value) const;
    CacheEvent makeEvent(CacheEvent::Kind kind, const std::string &cache, const std::string &key, std::size_t size,
                         const std::string &writer, TimeMs now, TimeMs expiresAt);
    void notify(const std::vector<CacheEvent> &events) const;

    const Clock &m_clock;
    mutable std::mutex m_mutex;
    Limits m_limits;
    std::map<std::string, Keys, std::less<>> m_caches;
    std::set<ExpiryKey> m_expiries;
    Recency m_recency;
    std::size_t m_totalBytes = 0;
    Counters m_counters;
    std::uint64_t m_nextSequence = 1;
    EventBus *const m_events;
};

} // namespace orderlab
