#include "consistency_checker.h"

#include <algorithm>

#include "dynamodb/unmarshall.h"
#include "handler/order_model.h"
#include "js/json.h"
#include "js/operations.h"

namespace orderlab {

using js::Value;

namespace {

Value unmarshalled(const dynamodb::AttributeMap &item)
{
    return dynamodb::unmarshall(js::parseJson(dynamodb::itemJson(item)));
}

std::string json(const Value &v)
{
    std::string out;
    js::stringifyJson(v, out);
    return out;
}

/// Every member of `want` is in `entry` with the same JSON (extra members are spread leftovers).
bool entryCurrent(const Value &entry, const js::ObjectPtr &want)
{
    if (!entry.isObject())
        return false;
    bool ok = true;
    want->forEach([&](std::string_view key, const Value &value) {
        if (!ok || value.isUndefined())
            return;
        const Value *got = entry.asObject()->find(key);
        ok = got && json(*got) == json(value);
    });
    return ok;
}

} // namespace

std::string CheckReport::verdict() const
{
    if (settled())
        return "in step";
    std::string v = !inStep()       ? "drifted:"
                    : blockedLanes  ? "blocked:"
                    : ordersPending ? "catching up:"
                                    : "in step, with caveats:";
    auto add = [&](std::size_t n, const char *one, const char *many) {
        if (n)
            v += (v.back() == ':' ? " " : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
    };
    add(lostUpdates, "lost update", "lost updates");
    add(cacheMismatches, "cache mismatch", "cache mismatches");
    add(staleEntries, "stale entry", "stale entries");
    add(notificationsMissing, "missing notification", "missing notifications");
    add(blockedLanes, "lane blocked", "lanes blocked");
    add(ordersPending, "order pending", "orders pending");
    add(notificationsDuplicated, "duplicated notification", "duplicated notifications");
    add(expiredKeys, "key expired", "keys expired");
    add(evictedKeys, "key evicted", "keys evicted");
    return v;
}

ConsistencyChecker::ConsistencyChecker(const OrdersTable &table, const CacheStore &cache, const Clock &clock,
                                       std::string cacheName)
    : ConsistencyChecker(table, cache, clock, Limits(), std::move(cacheName))
{
}

ConsistencyChecker::ConsistencyChecker(const OrdersTable &table, const CacheStore &cache, const Clock &clock,
                                       Limits limits, std::string cacheName)
    : m_table(table), m_cache(cache), m_clock(clock), m_limits(limits), m_cacheName(std::move(cacheName))
{
}

EventBus::Subscription ConsistencyChecker::follow(EventBus &bus)
{
    return bus.subscribe([this](const Event &e) {
        if (const auto *t = e.as<TableChangedEvent>(); t && t->change)
            tableChanged(*t->change);
        else if (const auto *c = e.as<CacheChangedEvent>())
            cacheEvent(c->change);
        else if (const auto *i = e.as<InvocationStartedEvent>())
            invocationStarted(i->batch.invocationId, i->batch.traceIds);
        else if (const auto *h = e.as<HandlerCallEvent>(); h && h->op == "publish" && h->result == "ok") {
            if (e.traceId == 0 && e.invocationId != 0)
                publishedIn(e.invocationId, h->key, h->value);
            else
                published(e.traceId, h->key, h->value);
        }
    });
}

void ConsistencyChecker::tableChanged(const TableChange &change)
{
    Expected e;
    e.pk = change.pk;
    e.at = change.time;
    std::string creator;
    if (const auto &image = change.newImage ? change.newImage : change.oldImage) {
        for (const auto &[name, value] : *image)
            if (name == "creator" && value.type() == dynamodb::AttributeValue::Type::S)
                creator = value.text();
    }
    try {
        const char *name = tableChangeName(change.kind);
        const Value record =
            unmarshalled(change.kind == TableChange::Kind::Remove ? *change.oldImage : *change.newImage);
        const Value old =
            change.oldImage && change.kind == TableChange::Kind::Modify ? unmarshalled(*change.oldImage) : Value();
        if (change.kind !=
            TableChange::Kind::Remove) { // the writes come first: a view that cannot be written fails the record
            const auto v = order::view(record);
            json(Value(v));
            json(Value(order::adminView(v, record)));
        }
        auto p = order::publishFor(name, record, old);
        e.topic = std::move(p.topic);
        e.value = std::move(p.payload);
    } catch (const std::exception &) {
        std::lock_guard lock(m_mutex); // a poison record implies no publish
        remember(change, creator);
        return;
    }
    std::lock_guard lock(m_mutex);
    remember(change, creator);
    m_expected[change.traceId] = std::move(e);
}

void ConsistencyChecker::remember(const TableChange &change, const std::string &creator)
{
    m_lastChange[change.pk] = change.time;
    m_lastTrace[change.pk] = change.traceId;
    if (!creator.empty() && m_creators.size() < m_limits.maxTracked)
        m_creators.insert(creator);
    if (change.kind == TableChange::Kind::Remove)
        m_removals.push_back({change.time, change.pk, change.traceId});
    forgetSettled(change.time);
}

void ConsistencyChecker::forgetSettled(TimeMs now)
{
    const TimeMs horizon = now - m_limits.forgetAfterMs;
    while (!m_expected.empty() && m_expected.begin()->second.at < horizon) {
        auto node = m_expected.extract(m_expected.begin());
        if (node.mapped().delivered > 0) {
            ++m_settled.expected;
            if (node.mapped().delivered > 1)
                ++m_settled.duplicated;
        } else {
            m_overdue.insert(std::move(node));
        }
    }
    while (m_overdue.size() > m_limits.maxTracked) {
        m_overdue.erase(m_overdue.begin());
        ++m_settled.unjudged;
    }
    while (!m_removals.empty() && m_removals.front().at < horizon) {
        const Removal &r = m_removals.front();
        if (auto it = m_lastTrace.find(r.pk); it != m_lastTrace.end() && it->second == r.traceId) {
            m_lastTrace.erase(it);
            m_lastChange.erase(r.pk);
            m_keys.erase(r.pk);
            m_keys.erase("ADMIN-" + r.pk);
        }
        m_removals.pop_front();
    }
}

bool ConsistencyChecker::tracksKey(const std::string &key) const
{
    if (key == "all-orders" || m_lastTrace.count(key) || m_creators.count(key))
        return true;
    return key.rfind("ADMIN-", 0) == 0 && m_lastTrace.count(key.substr(6));
}

ConsistencyChecker::Sizes ConsistencyChecker::sizes() const
{
    std::lock_guard lock(m_mutex);
    return {m_expected.size() + m_overdue.size(), m_lastTrace.size(), m_keys.size(), m_creators.size()};
}

void ConsistencyChecker::cacheEvent(const CacheEvent &event)
{
    const bool evict = event.kind == CacheEvent::Kind::Evict;
    if (event.cache != m_cacheName || (event.kind != CacheEvent::Kind::Set && !evict))
        return;
    std::lock_guard lock(m_mutex);
    if (!tracksKey(event.key))
        return; // not a key the handler writes for an order seen here: never judged
    auto &h = m_keys[event.key];
    if (evict) { // gone now, as if its TTL had run out now
        h.expiresAt = event.timeMs;
        h.evicted = true;
        return;
    }
    if (h.expiresAt != 0 && h.expiresAt <= event.timeMs) {
        h.lastExpiredAt = h.expiresAt;
        h.lastEndEvicted = h.evicted;
    }
    h.expiresAt = event.expiresAtMs;
    h.evicted = false;
}

void ConsistencyChecker::published(std::uint64_t traceId, const std::string &topic, const std::string &value)
{
    std::lock_guard lock(m_mutex);
    auto it = m_expected.find(traceId);
    if (it == m_expected.end()) {
        it = m_overdue.find(traceId);
        if (it != m_overdue.end() && it->second.topic == topic && it->second.value == value) {
            m_overdue.erase(it); // delivered at last, after the window: settled at once
            ++m_settled.expected;
            return;
        }
    }
    if (it == m_expected.end() || it->second.topic != topic || it->second.value != value) {
        ++m_unattributedPublishes;
        return;
    }
    ++it->second.delivered;
}

void ConsistencyChecker::invocationStarted(std::uint64_t invocationId, const std::vector<std::uint64_t> &traceIds)
{
    std::lock_guard lock(m_mutex);
    m_batches.emplace_back(invocationId, traceIds);
    while (m_batches.size() > kMaxBatches)
        m_batches.pop_front();
}

void ConsistencyChecker::publishedIn(std::uint64_t invocationId, const std::string &topic, const std::string &value)
{
    std::uint64_t chosen = 0;
    {
        std::lock_guard lock(m_mutex);
        auto batch = std::find_if(m_batches.rbegin(), m_batches.rend(),
                                  [invocationId](const auto &b) { return b.first == invocationId; });
        if (batch != m_batches.rend()) {
            auto expects = [&](std::uint64_t traceId, bool fresh) {
                auto it = m_expected.find(traceId);
                if (it != m_expected.end())
                    return it->second.topic == topic && it->second.value == value &&
                           (!fresh || it->second.delivered == 0);
                auto late = m_overdue.find(traceId);
                return late != m_overdue.end() && late->second.topic == topic && late->second.value == value;
            };
            for (bool fresh : {true, false})
                for (std::uint64_t traceId : batch->second)
                    if (chosen == 0 && expects(traceId, fresh))
                        chosen = traceId;
        }
    }
    published(chosen, topic, value); // 0 matches nothing: unattributed
}

CheckReport ConsistencyChecker::check(const std::set<std::uint64_t> &pending) const
{
    CheckReport r;
    const TimeMs now = m_clock.now();
    auto finding = [&](std::string text) {
        if (r.findings.size() < 200)
            r.findings.push_back(std::move(text));
    };
    const auto items = m_table.scan(); // before our lock: the table publishes changes under its own
    std::lock_guard lock(m_mutex);
    auto expired = [&](const std::string &key) {
        auto it = m_keys.find(key);
        return it != m_keys.end() && it->second.expiresAt <= now;
    };
    auto countGone = [&](const std::string &key) { // an expired key: by its TTL or evicted
        auto it = m_keys.find(key);
        ++(it != m_keys.end() && it->second.evicted ? r.evictedKeys : r.expiredKeys);
    };
    auto cached = [&](const std::string &key) -> momento::CacheValue {
        auto got = m_cache.peek(m_cacheName, key);
        auto *hit = std::get_if<momento::Hit>(&got);
        return hit ? hit->value : nullptr;
    };
    auto pendingOrder = [&](const std::string &pk) {
        auto it = m_lastTrace.find(pk);
        return it != m_lastTrace.end() && pending.count(it->second) > 0;
    };
    auto checkKey = [&](const std::string &key, const std::string &want) {
        ++r.keysChecked;
        auto value = cached(key);
        if (!value) {
            if (expired(key)) {
                countGone(key);
            } else {
                ++r.cacheMismatches;
                finding("missing key " + key + " (never written, or deleted)");
            }
        } else if (*value != want) {
            ++r.cacheMismatches;
            finding("stale key " + key + ": holds " + value->substr(0, 120) + ", the table implies " +
                    want.substr(0, 120));
        }
    };

    // Views, and the expected contents of each array.
    std::map<std::string, std::vector<std::pair<std::string, js::ObjectPtr>>> arrays; // key -> (pk, summary)
    std::set<std::string> pks;
    for (const auto &item : items) {
        ++r.ordersInTable;
        try {
            const Value record = unmarshalled(item);
            const auto view = order::view(record);
            const std::string id = js::toString(*view->find("id"));
            pks.insert(id);
            if (pendingOrder(id)) {
                ++r.ordersPending;
                continue;
            }
            checkKey(id, json(Value(view)));
            checkKey("ADMIN-" + id, json(Value(order::adminView(view, record))));
            const auto summary = order::summary(view);
            arrays["all-orders"].emplace_back(id, summary);
            arrays[js::toString(js::getProperty(record, "creator"))].emplace_back(id, summary);
        } catch (const std::exception &e) {
            finding(std::string("an order the handler cannot write: ") + e.what());
        }
    }
    for (const auto &[key, entries] : arrays) {
        ++r.keysChecked;
        auto value = cached(key);
        std::map<std::string, Value> present;
        if (value) {
            try {
                const Value arr = js::parseJson(*value);
                if (arr.isArray()) {
                    for (const auto &e : arr.asArray()->items)
                        present.emplace(e.isObject() ? js::toString(js::getProperty(e, "id")) : std::string(), e);
                }
            } catch (const std::exception &) {
                ++r.cacheMismatches;
                finding("array " + key + " is not JSON");
                continue;
            }
        } else if (expired(key)) {
            countGone(key);
            continue;
        }
        const auto hist = m_keys.find(key);
        const TimeMs arrayExpiredAt = hist == m_keys.end() ? -1 : hist->second.lastExpiredAt;
        bool keyWrong = false;
        for (const auto &[pk, summary] : entries) {
            auto it = present.find(pk);
            if (it == present.end()) {
                auto changed = m_lastChange.find(pk);
                if (changed != m_lastChange.end() && changed->second < arrayExpiredAt) {
                    ++(hist->second.lastEndEvicted ? r.evictedKeys
                                                   : r.expiredKeys); // the array ended after this order's last write
                } else {
                    ++r.lostUpdates;
                    keyWrong = true;
                    finding("lost update on " + key + ": order " + pk + " is missing");
                }
            } else if (!entryCurrent(it->second, summary)) {
                ++r.lostUpdates;
                keyWrong = true;
                finding("lost update on " + key + ": order " + pk + " shows " + json(it->second).substr(0, 120) +
                        ", the table has " + json(Value(summary)).substr(0, 120));
            }
        }
        for (const auto &[pk, entry] : present) {
            if (!pks.count(pk) && !pendingOrder(pk)) {
                ++r.staleEntries;
                keyWrong = true;
                finding("stale entry on " + key + ": order " + pk + " is no longer in the table");
            }
        }
        if (keyWrong)
            ++r.cacheMismatches;
    }

    r.notificationsExpected = m_settled.expected;
    r.notificationsDelivered = m_settled.expected;
    r.notificationsDuplicated = m_settled.duplicated;
    for (const auto *expectations : {&m_overdue, &m_expected})
        for (const auto &[traceId, e] : *expectations) {
            if (pending.count(traceId)) {
                ++r.notificationsPending;
                continue;
            }
            ++r.notificationsExpected;
            if (e.delivered == 0) {
                ++r.notificationsMissing;
                finding("missing notification: " + e.topic + " " + e.value + " (change " + std::to_string(traceId) +
                        ")");
            } else {
                ++r.notificationsDelivered;
                if (e.delivered > 1) {
                    ++r.notificationsDuplicated;
                    finding("duplicate notification: " + e.topic + " " + e.value + " delivered " +
                            std::to_string(e.delivered) + " times");
                }
            }
        }
    return r;
}

} // namespace orderlab
