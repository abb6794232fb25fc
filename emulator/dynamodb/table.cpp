#include "table.h"

#include "events/event_bus.h"

#include <algorithm>
#include <shared_mutex>
#include <string_view>
#include <utility>

namespace orderlab {

using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using dynamodb::ItemKey;
using dynamodb::ValidationError;

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

AttributeValue *findMutable(AttributeMap &item, std::string_view name)
{
    for (auto &[entryName, value] : item) {
        if (entryName == name)
            return &value;
    }
    return nullptr;
}

dynamodb::ItemKeyLess keyOrder(const dynamodb::KeySchema &schema)
{
    return {schema.range ? schema.range->type : dynamodb::KeyType::S};
}

} // namespace

const char *tableChangeName(TableChange::Kind kind)
{
    switch (kind) {
    case TableChange::Kind::Insert:
        return "INSERT";
    case TableChange::Kind::Modify:
        return "MODIFY";
    case TableChange::Kind::Remove:
        return "REMOVE";
    }
    return "";
}

Table::Table(const Clock &clock, EventBus *events, std::string keyName)
    : Table(clock, events, "orders", dynamodb::KeySchema{{std::move(keyName), dynamodb::KeyType::S}, std::nullopt},
            StreamSpecification{true, StreamViewType::NewAndOldImages})
{
}

Table::Table(const Clock &clock, EventBus *events, std::string name, dynamodb::KeySchema schema,
             StreamSpecification stream)
    : m_clock(clock), m_events(events), m_name(std::move(name)), m_schema(std::move(schema)), m_stream(stream),
      m_items(keyOrder(m_schema))
{
}

void Table::checkItem(const AttributeMap &item) const
{
    dynamodb::itemKey(m_schema, item);
    {
        std::lock_guard lock(m_mutex);
        for (const auto &index : m_indexes)
            index->check(item);
    }

    std::vector<std::string_view> names;
    names.reserve(item.size());
    for (const auto &[name, value] : item) {
        names.push_back(name);
        if (value.nestingLevel() > dynamodb::kMaxNestingLevel)
            throw ValidationError(std::string(dynamodb::kNestingLevelsMessage));
    }
    std::sort(names.begin(), names.end());
    if (const auto twice = std::adjacent_find(names.begin(), names.end()); twice != names.end())
        throw ValidationError(kInvalid + "Duplicate attribute name " + std::string(*twice) + " in the item");

    if (dynamodb::sizeBytes(item) > dynamodb::kMaxItemSize)
        throw ValidationError("Item size has exceeded the maximum allowed size");
}

Table::WriteResult Table::put(AttributeMap item)
{
    checkItem(item);
    const ItemKey key = dynamodb::itemKey(m_schema, item);

    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(key);
    if (it == m_items.end()) {
        checkCollection(key.hash, nullptr, item);
        m_items.emplace(key, item);
        return commit(TableChange::Kind::Insert, key, std::nullopt, std::move(item), false);
    }
    if (dynamodb::sameItem(it->second, item)) {
        WriteResult unchanged;
        unchanged.oldImage = it->second;
        return unchanged; // the stored item, its attribute order included, stays as the stream last showed it
    }
    checkCollection(key.hash, &it->second, item);
    AttributeMap old = std::exchange(it->second, item);
    return commit(TableChange::Kind::Modify, key, std::move(old), std::move(item), false);
}

Table::WriteResult Table::update(const AttributeMap &key, const AttributeMap &set,
                                 const std::vector<std::string> &remove)
{
    const ItemKey itemKey = dynamodb::keyOf(m_schema, key);
    return updateAt(itemKey, dynamodb::keyAttributes(m_schema, key), set, remove);
}

Table::WriteResult Table::update(const std::string &pk, const AttributeMap &set, const std::vector<std::string> &remove)
{
    AttributeMap key{{m_schema.hash.name, AttributeValue::string(pk)}};
    dynamodb::itemKey(m_schema, key); // the value rules: empty, too long
    return updateAt(pkKey(pk), key, set, remove);
}

Table::WriteResult Table::updateAt(const ItemKey &key, const AttributeMap &keyAttributes, const AttributeMap &set,
                                   const std::vector<std::string> &remove)
{
    std::vector<std::string_view> paths;
    paths.reserve(set.size() + remove.size());
    for (const auto &entry : set)
        paths.push_back(entry.first);
    paths.insert(paths.end(), remove.begin(), remove.end());
    for (const auto path : paths) {
        if (path == m_schema.hash.name || (m_schema.range && path == m_schema.range->name))
            throw ValidationError(kInvalid + "Cannot update attribute " + std::string(path) +
                                  ". This attribute is part of the key");
    }
    std::sort(paths.begin(), paths.end());
    if (const auto twice = std::adjacent_find(paths.begin(), paths.end()); twice != paths.end()) {
        const std::string path(*twice);
        throw ValidationError("Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                              "rewrite one of these paths; path one: [" +
                              path + "], path two: [" + path + "]");
    }

    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(key);
    AttributeMap next;
    if (it != m_items.end())
        next = it->second;
    else
        next = keyAttributes;
    for (const auto &[name, value] : set) {
        if (AttributeValue *slot = findMutable(next, name))
            *slot = value;
        else
            next.emplace_back(name, value);
    }
    for (const auto &name : remove)
        std::erase_if(next, [&name](const auto &entry) { return entry.first == name; });
    checkItem(next);

    if (it == m_items.end()) {
        checkCollection(key.hash, nullptr, next);
        m_items.emplace(key, next);
        return commit(TableChange::Kind::Insert, key, std::nullopt, std::move(next), false);
    }
    if (dynamodb::sameItem(it->second, next)) {
        WriteResult unchanged;
        unchanged.oldImage = it->second;
        return unchanged;
    }
    checkCollection(key.hash, &it->second, next);
    AttributeMap old = std::exchange(it->second, next);
    return commit(TableChange::Kind::Modify, key, std::move(old), std::move(next), false);
}

Table::WriteResult Table::remove(const AttributeMap &key)
{
    return erase(dynamodb::keyOf(m_schema, key), false);
}

Table::WriteResult Table::remove(const std::string &pk)
{
    return erase(pkKey(pk), false);
}

Table::WriteResult Table::ttlDelete(const std::string &pk)
{
    return erase(pkKey(pk), true);
}

Table::WriteResult Table::ttlDelete(const AttributeMap &key)
{
    return erase(dynamodb::keyOf(m_schema, key), true);
}

Table::WriteResult Table::erase(const ItemKey &key, bool byTtl)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(key);
    if (it == m_items.end())
        return {};
    AttributeMap old = std::move(it->second);
    m_items.erase(it);
    return commit(TableChange::Kind::Remove, key, std::move(old), std::nullopt, byTtl);
}

Table::WriteResult Table::commit(TableChange::Kind kind, const ItemKey &key, std::optional<AttributeMap> oldImage,
                                 std::optional<AttributeMap> newImage, bool byTtl)
{
    auto change = std::make_shared<TableChange>();
    change->kind = kind;
    change->table = m_name;
    change->pk = key.hash;
    change->keys = dynamodb::keyAttributes(m_schema, newImage ? *newImage : *oldImage);
    if (m_collectionsKept) {
        const auto bytes = [this](const std::optional<AttributeMap> &image) {
            return image ? dynamodb::ItemCollections::itemBytes(*image, m_indexes) : 0;
        };
        m_collections.change(key.hash, bytes(oldImage), bytes(newImage));
    }
    for (const auto &index : m_indexes)
        index->replace(oldImage ? &*oldImage : nullptr, newImage ? &*newImage : nullptr);
    change->oldImage = std::move(oldImage);
    change->newImage = std::move(newImage);
    change->time = m_clock.now();
    change->byTtl = byTtl;
    change->traceId = ++m_lastTraceId;
    const std::uint64_t traceId = change->traceId;
    WriteResult result{true, traceId, kind, change->oldImage};
    if (m_events)
        m_events->publish(TableChangedEvent{std::move(change)}, traceId);
    return result;
}

std::optional<AttributeMap> Table::get(const std::string &pk) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_items.find(pkKey(pk));
    if (it == m_items.end())
        return std::nullopt;
    return it->second;
}

std::optional<AttributeMap> Table::get(const AttributeMap &key) const
{
    std::optional<AttributeMap> found;
    visit(key, [&found](const AttributeMap *item) {
        if (item)
            found = *item;
    });
    return found;
}

void Table::visit(const AttributeMap &key, const std::function<void(const AttributeMap *)> &fn) const
{
    const ItemKey itemKey = dynamodb::keyOf(m_schema, key);
    std::shared_lock lock(m_mutex);
    const auto it = m_items.find(itemKey);
    fn(it == m_items.end() ? nullptr : &it->second);
}

std::vector<AttributeMap> Table::scan() const
{
    std::shared_lock lock(m_mutex);
    std::vector<AttributeMap> out;
    out.reserve(m_items.size());
    for (const auto &[key, item] : m_items)
        out.push_back(item);
    return out;
}

std::vector<AttributeMap> Table::scanPage(const std::optional<AttributeMap> &exclusiveStart, std::size_t limit,
                                          std::size_t maxBytes, bool *more,
                                          const std::function<bool(const std::string &)> &accept) const
{
    std::optional<ItemKey> start;
    if (exclusiveStart)
        start = dynamodb::keyOf(m_schema, *exclusiveStart);
    std::shared_lock lock(m_mutex);
    auto it = start ? m_items.upper_bound(*start) : m_items.begin();
    std::vector<AttributeMap> out;
    std::size_t bytes = 0;
    for (; it != m_items.end(); ++it) {
        if (accept && !accept(it->first.hash))
            continue;
        if ((limit && out.size() >= limit) || (maxBytes && bytes >= maxBytes))
            break;
        bytes += dynamodb::sizeBytes(it->second);
        out.push_back(it->second);
    }
    while (accept && it != m_items.end() && !accept(it->first.hash))
        ++it;
    if (more)
        *more = it != m_items.end();
    return out;
}

std::vector<AttributeMap> Table::queryPage(const std::string &hash,
                                           const std::function<bool(const AttributeMap &)> &accept, bool forward,
                                           const std::optional<AttributeMap> &exclusiveStart, std::size_t limit,
                                           std::size_t maxBytes, bool *more) const
{
    std::optional<ItemKey> start;
    if (exclusiveStart)
        start = dynamodb::keyOf(m_schema, *exclusiveStart);
    std::vector<AttributeMap> out;
    bool stopped = false;
    std::size_t bytes = 0;
    // Returns false once the page is full and `item` would have been on the next one.
    const auto take = [&](const AttributeMap &item) {
        if (accept && !accept(item))
            return true;
        if ((limit && out.size() >= limit) || (maxBytes && bytes >= maxBytes)) {
            stopped = true;
            return false;
        }
        bytes += dynamodb::sizeBytes(item);
        out.push_back(item);
        return true;
    };
    std::shared_lock lock(m_mutex);
    if (!start || start->hash == hash) {
        const auto first = m_items.lower_bound(ItemKey{hash, {}});
        const auto last = m_items.lower_bound(ItemKey{hash + '\0', {}});
        if (forward) {
            for (auto it = start ? m_items.upper_bound(*start) : first; it != last && take(it->second); ++it) {
            }
        } else {
            for (auto it = start ? m_items.lower_bound(*start) : last; it != first;) {
                --it;
                if (!take(it->second))
                    break;
            }
        }
    }
    if (more)
        *more = stopped;
    return out;
}

std::size_t Table::size() const
{
    std::shared_lock lock(m_mutex);
    return m_items.size();
}

std::size_t Table::bytes() const
{
    std::shared_lock lock(m_mutex);
    std::size_t total = 0;
    for (const auto &[key, item] : m_items)
        total += dynamodb::sizeBytes(item);
    return total;
}

std::uint64_t Table::lastTraceId() const
{
    std::shared_lock lock(m_mutex);
    return m_lastTraceId;
}

StreamSpecification Table::streamSpecification() const
{
    std::shared_lock lock(m_mutex);
    return m_stream;
}

void Table::setStreamSpecification(StreamSpecification spec)
{
    std::lock_guard lock(m_mutex);
    m_stream = spec;
}

void Table::restore(const std::vector<AttributeMap> &items, std::uint64_t lastTraceId)
{
    std::map<ItemKey, AttributeMap, dynamodb::ItemKeyLess> restored(m_items.key_comp());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string where = "item " + std::to_string(i + 1) + ": ";
        try {
            checkItem(items[i]);
        } catch (const ValidationError &e) {
            throw ValidationError(where + e.message());
        }
        if (!restored.emplace(dynamodb::itemKey(m_schema, items[i]), items[i]).second)
            throw ValidationError(where + "an earlier item has the same key");
    }
    std::lock_guard lock(m_mutex);
    m_items = std::move(restored);
    m_lastTraceId = lastTraceId;
    for (auto &index : m_indexes) { // filled again as addIndex fills a new one
        auto fresh = std::make_unique<dynamodb::SecondaryIndex>(index->definition(), m_schema);
        for (const auto &[key, item] : m_items)
            fresh->replace(nullptr, &item);
        index = std::move(fresh);
    }
    recountCollections();
}

void Table::locked(const std::function<void()> &fn) const
{
    std::lock_guard lock(m_mutex);
    fn();
}

} // namespace orderlab
