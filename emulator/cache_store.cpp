#include "cache_store.h"

#include "events/event_bus.h"

#include <atomic>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <utility>

namespace orderlab {

using momento::Error;
using momento::ErrorCode;

namespace {

Error invalid(std::string message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

Error notFound(const std::string &cache)
{
    return Error{ErrorCode::CacheNotFound, "cache '" + cache + "' not found"};
}

std::optional<Error> checkArgs(const std::string &cache, const std::string *key = nullptr)
{
    if (auto problem = CacheStore::cacheNameError(cache))
        return invalid(std::move(*problem));
    if (key && key->empty())
        return invalid("cache key must not be empty");
    return std::nullopt;
}

std::optional<Error> checkTtl(std::uint64_t ttlMs, std::uint64_t maxTtlMs)
{
    if (ttlMs == 0)
        return invalid("ttl_milliseconds must be greater than 0");
    if (ttlMs > maxTtlMs)
        return invalid("ttl_milliseconds " + std::to_string(ttlMs) + " exceeds the maximum of " +
                       std::to_string(maxTtlMs) + " ms");
    return std::nullopt;
}

std::size_t itemSize(const std::string &key, const momento::CacheValue &value)
{
    return key.size() + (value ? value->size() : 0);
}

std::optional<std::int64_t> parseInteger(const std::string &text)
{
    std::int64_t v = 0;
    const char *end = text.data() + text.size();
    auto res = std::from_chars(text.data(), end, v);
    if (text.empty() || res.ec != std::errc() || res.ptr != end)
        return std::nullopt;
    return v;
}

} // namespace

std::optional<std::string> CacheStore::cacheNameError(const std::string &cache)
{
    if (cache.find_first_not_of(" \t\n\v\f\r") == std::string::npos)
        return "cache name must not be empty or only whitespace";
    return std::nullopt;
}

CacheStore::CacheStore(const Clock &clock, std::vector<std::string> caches, Limits limits, EventBus *events)
    : m_clock(clock), m_limits(limits), m_events(events)
{
    for (auto &name : caches)
        if (!cacheNameError(name))
            m_caches.try_emplace(std::move(name));
}

CacheStore::Limits CacheStore::limits() const
{
    std::lock_guard lock(m_mutex);
    return m_limits;
}

void CacheStore::setLimits(const Limits &limits)
{
    std::lock_guard lock(m_mutex);
    m_limits = limits;
}

std::size_t CacheStore::totalBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_totalBytes;
}

template <typename Result, typename Fn>
Result CacheStore::mutate(const std::string &cache, const std::string *key, std::optional<std::uint64_t> ttlMs, Fn &&fn)
{
    if (auto e = checkArgs(cache, key))
        return *e;
    std::vector<CacheEvent> events;
    Result result = [&]() -> Result {
        std::lock_guard lock(m_mutex);
        if (auto e = ttlMs ? checkTtl(*ttlMs, m_limits.maxTtlMs) : std::nullopt)
            return *e;
        auto it = m_caches.find(cache);
        if (it == m_caches.end())
            return notFound(cache);
        return fn(it->second, m_clock.now(), events);
    }();
    notify(events);
    return result;
}

template <typename Result, typename Fn>
Result CacheStore::read(const std::string &cache, const std::string *key, Fn &&fn) const
{
    if (auto e = checkArgs(cache, key))
        return *e;
    std::lock_guard lock(m_mutex);
    auto it = m_caches.find(cache);
    if (it == m_caches.end())
        return notFound(cache);
    return fn(it->second, m_clock.now());
}

momento::Status CacheStore::createCache(const std::string &cache, std::size_t maxCaches)
{
    if (auto e = checkArgs(cache))
        return e;
    std::vector<CacheEvent> events;
    {
        std::lock_guard lock(m_mutex);
        if (m_caches.size() >= maxCaches && !m_caches.count(cache))
            return Error{ErrorCode::LimitExceeded, "cache count limit exceeded: " + std::to_string(m_caches.size()) +
                                                       " caches exist, the limit is " + std::to_string(maxCaches)};
        if (!m_caches.try_emplace(cache).second)
            return Error{ErrorCode::AlreadyExists, "cache '" + cache + "' already exists"};
        events.push_back(makeEvent(CacheEvent::Kind::CacheCreated, cache, {}, 0, {}, m_clock.now(), 0));
    }
    notify(events);
    return std::nullopt;
}

momento::Status CacheStore::deleteCache(const std::string &cache)
{
    if (auto e = checkArgs(cache))
        return e;
    std::vector<CacheEvent> events;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_caches.find(cache);
        if (it == m_caches.end())
            return notFound(cache);
        events.push_back(makeEvent(CacheEvent::Kind::CacheDeleted, cache, {}, it->second.size(), {}, m_clock.now(), 0));
        while (!it->second.empty())
            erase(cache, it->second, it->second.begin());
        m_caches.erase(it);
    }
    notify(events);
    return std::nullopt;
}

std::vector<std::string> CacheStore::listCaches() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> names;
    names.reserve(m_caches.size());
    for (const auto &entry : m_caches)
        names.push_back(entry.first);
    return names;
}

bool CacheStore::hasCache(const std::string &cache) const
{
    std::lock_guard lock(m_mutex);
    return m_caches.contains(cache);
}

momento::Status CacheStore::flushCache(const std::string &cache, const std::string &writer)
{
    return mutate<momento::Status>(cache, nullptr, std::nullopt, [&](Keys &keys, TimeMs now, Events &events) {
        events.push_back(makeEvent(CacheEvent::Kind::Flush, cache, {}, keys.size(), writer, now, 0));
        while (!keys.empty())
            erase(cache, keys, keys.begin());
        return momento::Status{};
    });
}

momento::GetResponse CacheStore::get(const std::string &cache, const std::string &key)
{
    // Not `read`: the counters change, and they are guarded by the same mutex.
    return mutate<momento::GetResponse>(cache, &key, std::nullopt, [&](Keys &keys, TimeMs now, Events &) {
        ++m_counters.gets;
        if (const Entry *entry = findLive(keys, key, now)) {
            ++m_counters.hits;
            m_recency.splice(m_recency.end(), m_recency, entry->recency);
            return momento::GetResponse{momento::Hit{entry->value}};
        }
        ++m_counters.misses;
        return momento::GetResponse{momento::Miss{}};
    });
}

momento::Status CacheStore::set(const std::string &cache, const std::string &key, momento::CacheValue value,
                                std::uint64_t ttlMs, const std::string &writer)
{
    auto result = conditionalSet(cache, key, std::move(value), std::nullopt, ttlMs, writer);
    if (auto *error = std::get_if<Error>(&result))
        return std::move(*error);
    return std::nullopt;
}

momento::Status CacheStore::remove(const std::string &cache, const std::string &key, const std::string &writer)
{
    return mutate<momento::Status>(cache, &key, std::nullopt, [&](Keys &keys, TimeMs now, Events &events) {
        dropExpired(cache, keys, key, now, events);
        ++m_counters.deletes;
        if (auto it = keys.find(key); it != keys.end()) {
            events.push_back(
                makeEvent(CacheEvent::Kind::Delete, cache, key, itemSize(key, it->second.value), writer, now, 0));
            erase(cache, keys, it);
        }
        return momento::Status{};
    });
}

CacheStore::SetIfResponse CacheStore::conditionalSet(const std::string &cache, const std::string &key,
                                                     momento::CacheValue value,
                                                     const std::optional<SetIfCondition> &condition,
                                                     std::uint64_t ttlMs, const std::string &writer)
{
    if (!value)
        return invalid("cache value must not be null");
    return mutate<SetIfResponse>(cache, &key, ttlMs, [&](Keys &keys, TimeMs now, Events &events) {
        if (auto e = checkItem(key, value))
            return SetIfResponse{*e};
        dropExpired(cache, keys, key, now, events);
        if (condition) {
            auto it = keys.find(key);
            const bool present = it != keys.end();
            const bool equal = present && *it->second.value == condition->value;
            bool ok = false;
            switch (condition->kind) {
            case SetIfCondition::Kind::Present:
                ok = present;
                break;
            case SetIfCondition::Kind::PresentAndNotEqual:
                ok = present && !equal;
                break;
            case SetIfCondition::Kind::Absent:
                ok = !present;
                break;
            case SetIfCondition::Kind::Equal:
                ok = equal;
                break;
            case SetIfCondition::Kind::AbsentOrEqual:
                ok = !present || equal;
                break;
            case SetIfCondition::Kind::NotEqual:
                ok = !equal;
                break;
            }
            if (!ok)
                return SetIfResponse{SetIfResult::NotStored};
        }
        store(cache, keys, key, std::move(value), now, now + TimeMs(ttlMs), writer, events);
        return SetIfResponse{SetIfResult::Stored};
    });
}

CacheStore::SetIfResponse CacheStore::setIf(const std::string &cache, const std::string &key, momento::CacheValue value,
                                            const SetIfCondition &condition, std::uint64_t ttlMs,
                                            const std::string &writer)
{
    return conditionalSet(cache, key, std::move(value), condition, ttlMs, writer);
}

CacheStore::KeysExistResponse CacheStore::keysExist(const std::string &cache,
                                                    const std::vector<std::string> &keys) const
{
    return read<KeysExistResponse>(cache, nullptr, [&](const Keys &stored, TimeMs now) {
        std::vector<bool> exists;
        exists.reserve(keys.size());
        for (const auto &key : keys)
            exists.push_back(findLive(stored, key, now) != nullptr);
        return KeysExistResponse{std::move(exists)};
    });
}

CacheStore::IncrementResponse CacheStore::increment(const std::string &cache, const std::string &key,
                                                    std::int64_t amount, std::uint64_t ttlMs, const std::string &writer)
{
    return mutate<IncrementResponse>(cache, &key, ttlMs, [&](Keys &keys, TimeMs now, Events &events) {
        std::int64_t current = 0;
        if (const Entry *entry = findLive(keys, key, now)) {
            auto parsed = parseInteger(*entry->value);
            if (!parsed)
                return IncrementResponse{
                    Error{ErrorCode::FailedPrecondition, "the value of '" + key + "' is not a base-10 integer"}};
            current = *parsed;
        }
        constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
        constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
        if ((amount > 0 && current > kMax - amount) || (amount < 0 && current < kMin - amount))
            return IncrementResponse{
                Error{ErrorCode::FailedPrecondition,
                      "incrementing '" + key + "' by " + std::to_string(amount) + " would overflow a 64-bit integer"}};
        const std::int64_t result = current + amount;
        auto value = momento::makeValue(std::to_string(result));
        if (auto e = checkItem(key, value))
            return IncrementResponse{*e};
        dropExpired(cache, keys, key, now, events);
        store(cache, keys, key, std::move(value), now, now + TimeMs(ttlMs), writer, events);
        return IncrementResponse{result};
    });
}

CacheStore::ItemGetTtlResponse CacheStore::itemGetTtl(const std::string &cache, const std::string &key) const
{
    return read<ItemGetTtlResponse>(cache, &key, [&](const Keys &keys, TimeMs now) {
        if (const Entry *entry = findLive(keys, key, now))
            return ItemGetTtlResponse{TtlFound{static_cast<std::uint64_t>(entry->expiresAtMs - now)}};
        return ItemGetTtlResponse{TtlMissing{}};
    });
}

CacheStore::UpdateTtlResponse CacheStore::updateTtl(const std::string &cache, const std::string &key, TtlUpdate mode,
                                                    std::uint64_t ttlMs, const std::string &writer)
{
    return mutate<UpdateTtlResponse>(cache, &key, ttlMs, [&](Keys &keys, TimeMs now, Events &events) {
        dropExpired(cache, keys, key, now, events);
        auto it = keys.find(key);
        if (it == keys.end())
            return UpdateTtlResponse{UpdateTtlResult::Missing};
        Entry &entry = it->second;
        const TimeMs expiresAt = now + TimeMs(ttlMs);
        const bool apply = mode == TtlUpdate::OverwriteTo ||
                           (mode == TtlUpdate::IncreaseTo && expiresAt > entry.expiresAtMs) ||
                           (mode == TtlUpdate::DecreaseTo && expiresAt < entry.expiresAtMs);
        if (!apply)
            return UpdateTtlResponse{UpdateTtlResult::NotSet};
        m_expiries.erase(ExpiryKey{entry.expiresAtMs, cache, key});
        entry.expiresAtMs = expiresAt;
        m_expiries.insert(ExpiryKey{expiresAt, cache, key});
        events.push_back(
            makeEvent(CacheEvent::Kind::TtlUpdated, cache, key, itemSize(key, entry.value), writer, now, expiresAt));
        return UpdateTtlResponse{UpdateTtlResult::Set};
    });
}

std::vector<CacheEvent> CacheStore::expireDue()
{
    std::vector<CacheEvent> events;
    {
        std::lock_guard lock(m_mutex);
        const TimeMs now = m_clock.now();
        while (!m_expiries.empty() && std::get<0>(*m_expiries.begin()) <= now) {
            const ExpiryKey due = *m_expiries.begin();
            if (auto it = m_caches.find(std::get<1>(due)); it != m_caches.end())
                dropExpired(it->first, it->second, std::get<2>(due), now, events);
            m_expiries.erase(due); // a no-op unless the index was stale
        }
    }
    notify(events);
    return events;
}

TimeMs CacheStore::nextExpiryMs() const
{
    std::lock_guard lock(m_mutex);
    return m_expiries.empty() ? -1 : std::get<0>(*m_expiries.begin());
}

std::vector<CacheStore::KeyInfo> CacheStore::keys(const std::string &cache) const
{
    std::lock_guard lock(m_mutex);
    std::vector<KeyInfo> out;
    auto it = m_caches.find(cache);
    if (it == m_caches.end())
        return out;
    const TimeMs now = m_clock.now();
    out.reserve(it->second.size());
    for (const auto &[key, entry] : it->second)
        if (entry.expiresAtMs > now)
            out.push_back(KeyInfo{key, itemSize(key, entry.value), entry.lastWriteMs, entry.expiresAtMs, entry.writer});
    return out;
}

momento::GetResponse CacheStore::peek(const std::string &cache, const std::string &key) const
{
    return read<momento::GetResponse>(cache, &key, [&](const Keys &keys, TimeMs now) {
        if (const Entry *entry = findLive(keys, key, now))
            return momento::GetResponse{momento::Hit{entry->value}};
        return momento::GetResponse{momento::Miss{}};
    });
}

std::vector<CacheStore::SavedEntry> CacheStore::saved() const
{
    std::lock_guard lock(m_mutex);
    const TimeMs now = m_clock.now();
    std::vector<SavedEntry> out;
    for (const auto &[cache, key] : m_recency) {
        const Entry &entry = m_caches.find(cache)->second.find(key)->second;
        if (entry.expiresAtMs > now)
            out.push_back({cache, key, *entry.value, entry.lastWriteMs, entry.expiresAtMs, entry.writer});
    }
    return out;
}

void CacheStore::restore(const std::vector<std::string> &caches, const std::vector<SavedEntry> &entries)
{
    std::map<std::string, Keys, std::less<>> restored;
    for (const auto &cache : caches) {
        if (auto e = cacheNameError(cache))
            throw std::invalid_argument("cache '" + cache + "': " + *e);
        restored.try_emplace(cache);
    }
    std::lock_guard lock(m_mutex);
    const TimeMs now = m_clock.now();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const SavedEntry &e = entries[i];
        const std::string where = "entry " + std::to_string(i + 1) + " (" + e.cache + " " + e.key + "): ";
        auto it = restored.find(e.cache);
        if (it == restored.end())
            throw std::invalid_argument(where + "no such cache");
        if (e.key.empty())
            throw std::invalid_argument(where + "an empty key");
        if (e.expiresAtMs <= now)
            throw std::invalid_argument(where + "it has expired");
        if (it->second.count(e.key))
            throw std::invalid_argument(where + "the key is given twice");
        it->second.try_emplace(e.key, Entry{momento::makeValue(e.value), e.lastWriteMs, e.expiresAtMs, e.writer, {}});
    }
    m_caches = std::move(restored);
    m_expiries.clear();
    m_recency.clear();
    m_totalBytes = 0;
    for (const SavedEntry &e : entries) {
        Entry &entry = m_caches.find(e.cache)->second.find(e.key)->second;
        m_recency.emplace_back(e.cache, e.key);
        entry.recency = std::prev(m_recency.end());
        m_expiries.insert(ExpiryKey{entry.expiresAtMs, e.cache, e.key});
        m_totalBytes += itemSize(e.key, entry.value);
    }
}

CacheStore::Counters CacheStore::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

// ---- helpers (m_mutex held) ----------------------------------------------------------------

const CacheStore::Entry *CacheStore::findLive(const Keys &keys, const std::string &key, TimeMs now) const
{
    auto it = keys.find(key);
    return it == keys.end() || it->second.expiresAtMs <= now ? nullptr : &it->second;
}

void CacheStore::dropExpired(const std::string &cache, Keys &keys, const std::string &key, TimeMs now,
                             std::vector<CacheEvent> &events)
{
    auto it = keys.find(key);
    if (it == keys.end() || it->second.expiresAtMs > now)
        return;
    const Entry &entry = it->second;
    events.push_back(makeEvent(CacheEvent::Kind::Expire, cache, key, itemSize(key, entry.value), entry.writer, now,
                               entry.expiresAtMs));
    ++m_counters.expired;
    erase(cache, keys, it);
}

void CacheStore::erase(const std::string &cache, Keys &keys, Keys::iterator it)
{
    m_expiries.erase(ExpiryKey{it->second.expiresAtMs, cache, it->first});
    m_recency.erase(it->second.recency);
    m_totalBytes -= itemSize(it->first, it->second.value);
    keys.erase(it);
}

void CacheStore::evictOverLimit(const std::string &cache, const std::string &keep, TimeMs now,
                                std::vector<CacheEvent> &events)
{
    if (m_limits.maxTotalBytes == 0)
        return;
    auto victim = m_recency.begin();
    while (m_totalBytes > m_limits.maxTotalBytes && victim != m_recency.end()) {
        const auto [victimCache, victimKey] = *victim++;
        if (victimCache == cache && victimKey == keep)
            continue;
        Keys &keys = m_caches.find(victimCache)->second;
        auto it = keys.find(victimKey);
        events.push_back(makeEvent(CacheEvent::Kind::Evict, victimCache, victimKey,
                                   itemSize(victimKey, it->second.value), it->second.writer, now,
                                   it->second.expiresAtMs));
        ++m_counters.evicted;
        erase(victimCache, keys, it);
    }
}

void CacheStore::store(const std::string &cache, Keys &keys, const std::string &key, momento::CacheValue value,
                       TimeMs now, TimeMs expiresAt, const std::string &writer, std::vector<CacheEvent> &events)
{
    if (auto old = keys.find(key); old != keys.end())
        erase(cache, keys, old);
    const std::size_t size = itemSize(key, value);
    m_recency.emplace_back(cache, key);
    keys.try_emplace(key, Entry{std::move(value), now, expiresAt, writer, std::prev(m_recency.end())});
    m_expiries.insert(ExpiryKey{expiresAt, cache, key});
    m_totalBytes += size;
    ++m_counters.sets;
    events.push_back(makeEvent(CacheEvent::Kind::Set, cache, key, size, writer, now, expiresAt));
    evictOverLimit(cache, key, now, events);
}

std::optional<Error> CacheStore::checkItem(const std::string &key, const momento::CacheValue &value) const
{
    const std::size_t size = itemSize(key, value);
    if (size <= m_limits.maxItemBytes)
        return std::nullopt;
    return Error{ErrorCode::LimitExceeded, "item_size_limit_exceeded: item of " + std::to_string(size) +
                                               " bytes (key + value) exceeds the limit of " +
                                               std::to_string(m_limits.maxItemBytes) + " bytes"};
}

CacheEvent CacheStore::makeEvent(CacheEvent::Kind kind, const std::string &cache, const std::string &key,
                                 std::size_t size, const std::string &writer, TimeMs now, TimeMs expiresAt)
{
    return CacheEvent{kind, cache, key, size, writer, now, expiresAt, m_nextSequence++};
}

void CacheStore::notify(const std::vector<CacheEvent> &events) const
{
    if (!m_events)
        return;
    for (const auto &event : events)
        m_events->publish(CacheChangedEvent{event});
}

} // namespace orderlab
