#include "replay.h"

#include "async/task.h"
#include "handler/order_domain.h"
#include "handler/stream_handler.h"
#include "js/json.h"
#include "js/wtf8.h"
#include "momento/in_memory_momento.h"

#include <algorithm>

namespace orderlab {

namespace {

/// `out.cache` as the reference runner builds it: Map entries sorted as JavaScript's default
/// sort orders `[key, value]` pairs (their "key,value" strings), then assigned into an object.
js::Value cacheObject(const momento::InMemoryMomento &momento)
{
    struct Row
    {
        std::string sortKey;
        std::uint64_t insertion;
        const std::string *key;
        const momento::CacheValue *value;
    };
    auto entries = momento.entries(kCacheName);
    std::vector<Row> rows;
    rows.reserve(entries.size());
    for (const auto &[key, entry] : entries)
        rows.push_back(
            {std::string(kCacheName) + '\0' + key + ',' + *entry.value, entry.insertion, &key, &entry.value});
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.insertion < b.insertion; });
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return js::wtf8::lessUtf16(a.sortKey, b.sortKey); });
    auto cache = js::newObject();
    for (const auto &row : rows) {
        const std::string &key = *row.key;
        cache->set(std::string_view(key).substr(0, key.find('\0')), js::Value(**row.value));
    }
    return js::Value(cache);
}

js::Value publishedArray(const momento::InMemoryMomento &momento)
{
    auto arr = js::newArray();
    for (const auto &p : momento.published()) {
        auto o = js::newObject();
        o->set("topic", js::Value(p.topic));
        o->set("value", js::Value(p.value));
        arr->items.emplace_back(o);
    }
    return js::Value(arr);
}

} // namespace

std::string replayEvents(std::string_view fileBytes)
{
    const std::string text = js::wtf8::fromUtf8Lossy(fileBytes);
    std::vector<std::string_view> events; // checked first, parsed one at a time when run
    std::size_t lineNo = 0;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        ++lineNo;
        std::string_view line(text.data() + start, end - start);
        if (!line.empty()) {
            try {
                js::checkJson(line);
                events.push_back(line);
            } catch (const js::JsonParseError &e) {
                throw ReplayInputError(lineNo, std::string("not a JSON event: ") + e.what());
            }
        }
        start = end + 1;
    }

    momento::InMemoryMomento momento;
    StreamHandler handler(momento, momento);
    auto failures = js::newArray();
    for (const auto line : events) {
        HandlerResult result = runSync(handler.handle(js::parseJson(line)));
        auto addFailure = [&](const std::string &id, const std::string &error) {
            auto o = js::newObject();
            o->set("itemIdentifier", js::Value(id));
            o->set("error", js::Value(error));
            failures->items.emplace_back(o);
        };
        if (result.thrown)
            addFailure("", *result.thrown);
        for (const auto &f : result.failures)
            addFailure(f.itemIdentifier, f.error);
    }

    auto out = js::newObject();
    out->set("cache", cacheObject(momento));
    out->set("published", publishedArray(momento));
    out->set("failures", js::Value(failures));
    std::string json;
    js::stringifyJson(js::Value(out), json);
    return json;
}

} // namespace orderlab
