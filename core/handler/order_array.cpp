#include "order_array.h"

#include "js/js_error.h"
#include "js/json.h"
#include "js/operations.h"

#include <cstring>
#include <vector>

namespace orderlab {

using js::Value;

/// One entry of a canonical array text. Entries are stored last-first, so that the common
/// edit, unshift, is a push_back.
struct OrderArrays::Index
{
    struct Entry
    {
        std::size_t length = 0; ///< bytes of the entry's text
        bool isNull = false;    ///< `null`: reading `.id` throws
        Value id;               ///< `entry.id` (undefined for non-objects)
    };
    std::vector<Entry> reversed;

    std::size_t count() const { return reversed.size(); }
    Entry &at(std::size_t i) { return reversed[reversed.size() - 1 - i]; }
    /// Byte offset of entry i in the text: after '[' and the previous entries and commas.
    std::size_t offsetOf(std::size_t i) const
    {
        std::size_t off = 1;
        for (std::size_t k = 0; k < i; ++k)
            off += reversed[reversed.size() - 1 - k].length + 1;
        return off;
    }
};

struct OrderArrays::Memo
{
    std::weak_ptr<const std::string> buffer;
    std::unique_ptr<Index> index;
};

namespace {

OrderArrays::Index::Entry entryFor(std::string_view text)
{
    OrderArrays::Index::Entry e;
    e.length = text.size();
    Value v = js::parseJson(text);
    e.isNull = v.isNull();
    if (!e.isNull)
        e.id = js::getProperty(v, "id");
    return e;
}

/// `cachedArray.findIndex(i => i.id == id)`, or -1.
long findIndex(OrderArrays::Index &index, const Value &id)
{
    for (std::size_t i = 0; i < index.count(); ++i) {
        const auto &e = index.at(i);
        if (e.isNull)
            throw js::JsError::typeError("Cannot read properties of null (reading 'id')");
        if (e.id.isString() && id.isString() ? e.id.asString() == id.asString() : js::looselyEquals(e.id, id))
            return static_cast<long>(i);
    }
    return -1;
}

std::string stringifyOrThrow(const Value &v)
{
    std::string out;
    js::stringifyJson(v, out);
    return out;
}

} // namespace

OrderArrays::OrderArrays() = default;
OrderArrays::~OrderArrays() = default;

std::size_t OrderArrays::fullParses() const
{
    std::lock_guard lock(m_mutex);
    return m_fullParses;
}

std::unique_ptr<OrderArrays::Index> OrderArrays::take(const std::string &key, const momento::CacheValue &current)
{
    std::lock_guard lock(m_mutex);
    auto it = m_memo.find(key);
    if (it == m_memo.end())
        return nullptr;
    auto &memo = *it->second;
    auto held = memo.buffer.lock();
    if (!held || held != current || !memo.index)
        return nullptr;
    return std::move(memo.index); // this edit owns it now; others meanwhile parse in full
}

void OrderArrays::remember(const std::string &key, const momento::CacheValue &buffer, std::unique_ptr<Index> index)
{
    std::lock_guard lock(m_mutex);
    auto &slot = m_memo[key];
    if (!slot)
        slot = std::make_unique<Memo>();
    slot->buffer = buffer;
    slot->index = std::move(index);
}

std::unique_ptr<OrderArrays::Index> OrderArrays::build(const momento::CacheValue &current,
                                                       momento::CacheValue &canonical)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_fullParses;
    }
    Value parsed;
    try {
        parsed = js::parseJson(*current);
    } catch (const js::JsonParseError &e) {
        throw js::JsError("SyntaxError", std::string(e.what()) + " (the cached array is not JSON)");
    }
    if (parsed.isNull())
        throw js::JsError::typeError("Cannot read properties of null (reading 'findIndex')");
    if (!parsed.isArray())
        throw js::JsError::typeError("cachedArray.findIndex is not a function");
    auto index = std::make_unique<Index>();
    const auto &items = parsed.asArray()->items;
    std::string text = "[";
    index->reversed.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += ',';
        auto &e = index->at(i);
        std::size_t start = text.size();
        js::stringifyJson(items[i], text);
        e.length = text.size() - start;
        e.isNull = items[i].isNull();
        if (!e.isNull)
            e.id = js::getProperty(items[i], "id");
    }
    text += ']';
    canonical = *current == text ? current : momento::makeValue(std::move(text));
    return index;
}

momento::CacheValue OrderArrays::upsert(const std::string &key, const momento::CacheValue &current,
                                        const Value &summary)
{
    std::string summaryText = stringifyOrThrow(summary);
    if (!current) {
        auto index = std::make_unique<Index>();
        index->reversed.push_back(entryFor(summaryText));
        auto out = momento::makeValue("[" + summaryText + "]");
        remember(key, out, std::move(index));
        return out;
    }
    momento::CacheValue base = current;
    auto index = take(key, current);
    if (!index)
        index = build(current, base);
    const std::string &text = *base;
    const Value id = js::getProperty(summary, "id");
    long found = findIndex(*index, id);
    std::string out;
    if (found >= 0) {
        auto &entry = index->at(static_cast<std::size_t>(found));
        const std::size_t off = index->offsetOf(static_cast<std::size_t>(found));
        auto merged = js::newObject();
        js::spreadInto(*merged, js::parseJson(std::string_view(text).substr(off, entry.length)));
        js::spreadInto(*merged, summary);
        std::string mergedText = stringifyOrThrow(Value(merged));
        out.reserve(text.size() - entry.length + mergedText.size());
        out.append(text, 0, off);
        out += mergedText;
        out.append(text, off + entry.length, std::string::npos);
        entry = entryFor(mergedText);
    } else {
        out.reserve(text.size() + summaryText.size() + 1);
        out += '[';
        out += summaryText;
        if (index->count() > 0)
            out += ',';
        out.append(text, 1, std::string::npos);
        index->reversed.push_back(entryFor(summaryText));
    }
    auto result = momento::makeValue(std::move(out));
    remember(key, result, std::move(index));
    return result;
}

momento::CacheValue OrderArrays::remove(const std::string &key, const momento::CacheValue &current, const Value &id)
{
    momento::CacheValue base = current;
    auto index = take(key, current);
    if (!index)
        index = build(current, base);
    long found = findIndex(*index, id);
    if (found < 0) {
        remember(key, base, std::move(index));
        return base;
    }
    const std::string &text = *base;
    const auto i = static_cast<std::size_t>(found);
    const std::size_t off = index->offsetOf(i);
    const std::size_t len = index->at(i).length;
    std::string out;
    out.reserve(text.size());
    if (index->count() == 1) {
        out = "[]";
    } else if (i + 1 < index->count()) { // drop the entry and the comma after it
        out.append(text, 0, off);
        out.append(text, off + len + 1, std::string::npos);
    } else { // last entry: drop the comma before it
        out.append(text, 0, off - 1);
        out += ']';
    }
    index->reversed.erase(index->reversed.end() - 1 - static_cast<std::ptrdiff_t>(i));
    auto result = momento::makeValue(std::move(out));
    remember(key, result, std::move(index));
    return result;
}

} // namespace orderlab
