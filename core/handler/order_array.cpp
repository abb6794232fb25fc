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

/// How to turn the index of an edit's result back into that of the buffer it was made from: an edit
/// whose result the cache refused (a set that failed, e.g. over the item size limit) is then retried
/// from the old buffer without a full parse.
struct OrderArrays::Undo
{
    enum class Kind {
        None,
        Restore, ///< put `entry` back at `position` (an upsert that merged into an entry)
        Pop,     ///< drop the first entry (an upsert that unshifted)
        Insert,  ///< insert `entry` at `position` again (a remove)
    };
    Kind kind = Kind::None;
    std::size_t position = 0;
    Index::Entry entry;

    void apply(Index &index) const
    {
        switch (kind) {
        case Kind::None:
            break;
        case Kind::Restore:
            index.at(position) = entry;
            break;
        case Kind::Pop:
            index.reversed.pop_back();
            break;
        case Kind::Insert:
            index.reversed.insert(index.reversed.begin() + static_cast<std::ptrdiff_t>(index.count() - position),
                                  entry);
            break;
        }
    }
};

struct OrderArrays::Memo
{
    std::weak_ptr<const std::string> buffer; ///< the latest edit's result, which `index` describes
    std::unique_ptr<Index> index;
    std::weak_ptr<const std::string> previous; ///< the buffer that edit was made from, which `undo` gives back
    Undo undo;
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
    if (!memo.index)
        return nullptr; // another edit owns it now; this one parses in full
    if (auto held = memo.buffer.lock(); held && held == current)
        return std::move(memo.index);
    if (auto previous = memo.previous.lock(); previous && previous == current && memo.undo.kind != Undo::Kind::None) {
        memo.undo.apply(*memo.index);
        memo.undo = Undo();
        return std::move(memo.index);
    }
    return nullptr;
}

void OrderArrays::remember(const std::string &key, const momento::CacheValue &buffer, std::unique_ptr<Index> index,
                           const momento::CacheValue &previous, Undo undo)
{
    std::lock_guard lock(m_mutex);
    auto &slot = m_memo[key];
    if (!slot)
        slot = std::make_unique<Memo>();
    slot->buffer = buffer;
    slot->index = std::move(index);
    slot->previous = previous;
    slot->undo = std::move(undo);
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
        remember(key, out, std::move(index), nullptr, Undo());
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
    Undo undo;
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
        undo = Undo{Undo::Kind::Restore, static_cast<std::size_t>(found), entry};
        entry = entryFor(mergedText);
    } else {
        out.reserve(text.size() + summaryText.size() + 1);
        out += '[';
        out += summaryText;
        if (index->count() > 0)
            out += ',';
        out.append(text, 1, std::string::npos);
        index->reversed.push_back(entryFor(summaryText));
        undo.kind = Undo::Kind::Pop;
    }
    auto result = momento::makeValue(std::move(out));
    remember(key, result, std::move(index), base, std::move(undo));
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
        remember(key, base, std::move(index), nullptr, Undo());
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
    Undo undo{Undo::Kind::Insert, i, index->at(i)};
    index->reversed.erase(index->reversed.end() - 1 - static_cast<std::ptrdiff_t>(i));
    auto result = momento::makeValue(std::move(out));
    remember(key, result, std::move(index), base, std::move(undo));
    return result;
}

} // namespace orderlab
