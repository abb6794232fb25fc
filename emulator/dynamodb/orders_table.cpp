#include "orders_table.h"

#include "events/event_bus.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace orderlab {

using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using dynamodb::ValidationError;

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr std::size_t kMaxHashKeySize = 2048;

AttributeValue *findMutable(AttributeMap &item, std::string_view name)
{
    for (auto &[entryName, value] : item) {
        if (entryName == name)
            return &value;
    }
    return nullptr;
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

OrdersTable::OrdersTable(const Clock &clock, EventBus *events, std::string keyName)
    : m_clock(clock), m_events(events), m_keyName(std::move(keyName))
{
}

void OrdersTable::checkKey(const std::string &pk) const
{
    if (pk.empty())
        throw ValidationError("One or more parameter values are not valid. The AttributeValue for a key attribute "
                              "cannot contain an empty string value. Key: " +
                              m_keyName);
    if (pk.size() > kMaxHashKeySize)
        throw ValidationError(kInvalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"); // sic
}

void OrdersTable::checkItem(const AttributeMap &item) const
{
    const AttributeValue *key = dynamodb::find(item, m_keyName);
    if (!key)
        throw ValidationError(kInvalid + "Missing the key " + m_keyName + " in the item");
    if (key->type() != AttributeValue::Type::S)
        throw ValidationError(kInvalid + "Type mismatch for key " + m_keyName +
                              " expected: S actual: " + std::string(dynamodb::typeName(key->type())));
    checkKey(key->text());

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

OrdersTable::WriteResult OrdersTable::put(AttributeMap item)
{
    checkItem(item);
    const std::string pk = dynamodb::find(item, m_keyName)->text();

    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(pk);
    if (it == m_items.end()) {
        m_items.emplace(pk, item);
        return commit(TableChange::Kind::Insert, pk, std::nullopt, std::move(item), false);
    }
    if (dynamodb::sameItem(it->second, item))
        return {}; // the stored item, its attribute order included, stays as the stream last showed it
    AttributeMap old = std::exchange(it->second, item);
    return commit(TableChange::Kind::Modify, pk, std::move(old), std::move(item), false);
}

OrdersTable::WriteResult OrdersTable::update(const std::string &pk, const AttributeMap &set,
                                             const std::vector<std::string> &remove)
{
    checkKey(pk);
    std::vector<std::string_view> paths;
    paths.reserve(set.size() + remove.size());
    for (const auto &entry : set)
        paths.push_back(entry.first);
    paths.insert(paths.end(), remove.begin(), remove.end());
    for (const auto path : paths) {
        if (path == m_keyName)
            throw ValidationError(kInvalid + "Cannot update attribute " + m_keyName +
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
    const auto it = m_items.find(pk);
    AttributeMap next;
    if (it != m_items.end())
        next = it->second;
    else
        next.emplace_back(m_keyName, AttributeValue::string(pk));
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
        m_items.emplace(pk, next);
        return commit(TableChange::Kind::Insert, pk, std::nullopt, std::move(next), false);
    }
    if (dynamodb::sameItem(it->second, next))
        return {};
    AttributeMap old = std::exchange(it->second, next);
    return commit(TableChange::Kind::Modify, pk, std::move(old), std::move(next), false);
}

OrdersTable::WriteResult OrdersTable::remove(const std::string &pk)
{
    return erase(pk, false);
}

OrdersTable::WriteResult OrdersTable::ttlDelete(const std::string &pk)
{
    return erase(pk, true);
}

OrdersTable::WriteResult OrdersTable::erase(const std::string &pk, bool byTtl)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(pk);
    if (it == m_items.end())
        return {};
    AttributeMap old = std::move(it->second);
    m_items.erase(it);
    return commit(TableChange::Kind::Remove, pk, std::move(old), std::nullopt, byTtl);
}

OrdersTable::WriteResult OrdersTable::commit(TableChange::Kind kind, const std::string &pk,
                                             std::optional<AttributeMap> oldImage, std::optional<AttributeMap> newImage,
                                             bool byTtl)
{
    auto change = std::make_shared<TableChange>();
    change->kind = kind;
    change->pk = pk;
    change->oldImage = std::move(oldImage);
    change->newImage = std::move(newImage);
    change->time = m_clock.now();
    change->byTtl = byTtl;
    change->traceId = ++m_lastTraceId;
    const std::uint64_t traceId = change->traceId;
    if (m_events)
        m_events->publish(TableChangedEvent{std::move(change)}, traceId);
    return {true, traceId, kind};
}

std::optional<AttributeMap> OrdersTable::get(const std::string &pk) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_items.find(pk);
    if (it == m_items.end())
        return std::nullopt;
    return it->second;
}

std::vector<AttributeMap> OrdersTable::scan() const
{
    std::lock_guard lock(m_mutex);
    std::vector<AttributeMap> out;
    out.reserve(m_items.size());
    for (const auto &[pk, item] : m_items)
        out.push_back(item);
    return out;
}

std::size_t OrdersTable::size() const
{
    std::lock_guard lock(m_mutex);
    return m_items.size();
}

std::uint64_t OrdersTable::lastTraceId() const
{
    std::lock_guard lock(m_mutex);
    return m_lastTraceId;
}

} // namespace orderlab
