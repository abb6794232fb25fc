// libFuzzer target over core: JSON.parse, JSON.stringify, unmarshall, StreamHandler and `orderlab replay`.
//
// The input is a JSON-lines file of Lambda stream events, as `orderlab replay` reads it. An optional
// first line starting with '!' is not an event: the rest of that line is preloaded into the in-memory
// cache under `all-orders` before the handler runs (an array some other writer left there, or text that
// is not JSON, or JSON that is not an array). Built and run by scripts/fuzz; see tests/fuzz/CMakeLists.txt.
//
// A crash, a sanitizer report, an exception of a type the API does not promise, or a broken invariant
// (checked below, reported by abort()) is a finding.

#include "async/task.h"
#include "dynamodb/unmarshall.h"
#include "handler/order_domain.h"
#include "handler/stream_handler.h"
#include "js/js_error.h"
#include "js/json.h"
#include "js/wtf8.h"
#include "momento/in_memory_momento.h"
#include "replay/replay.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace orderlab;

/// Larger inputs are rejected: they add run time, not coverage.
constexpr std::size_t kMaxInput = 64 * 1024;

[[noreturn]] void fail(const char *what, std::string_view detail)
{
    std::fprintf(stderr, "\nfuzz_handler: INVARIANT VIOLATED: %s\n", what);
    std::fwrite(detail.data(), 1, std::min<std::size_t>(detail.size(), 4000), stderr);
    std::fputc('\n', stderr);
    std::abort();
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start)
            lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::optional<js::Value> tryParse(std::string_view text)
{
    try {
        return js::parseJson(text);
    } catch (const js::JsonParseError &) {
        return std::nullopt; // the only error parseJson promises
    }
}

/**
 * JSON.stringify / JSON.parse invariants for a value `v`. With `wellFormed` (every string in `v` came
 * from valid UTF-8 text or from JSON escapes, as in JavaScript): stringify's output is well-formed UTF-8,
 * parses again, and stringify(parse(stringify(v))) == stringify(v). Without it (raw bytes): the output
 * still parses. A JsError from stringify (BigInt, depth) is a defined outcome and ends the check.
 */
void checkStringify(const js::Value &v, bool wellFormed)
{
    std::string s1;
    try {
        if (!js::stringifyJson(v, s1))
            return; // undefined: JavaScript returns undefined
    } catch (const js::JsError &) {
        return;
    }
    if (wellFormed && js::wtf8::fromUtf8Lossy(s1) != s1)
        fail("JSON.stringify output is not well-formed UTF-8", s1);
    std::optional<js::Value> back = tryParse(s1);
    if (!back)
        fail("JSON.parse rejects what JSON.stringify wrote", s1);
    if (!wellFormed)
        return;
    std::string s2;
    try {
        js::stringifyJson(*back, s2);
    } catch (const js::JsError &e) {
        fail("stringify(parse(stringify(v))) threw", std::string(e.what()) + "\n" + s1);
    }
    if (s1 != s2)
        fail("stringify(parse(stringify(v))) != stringify(v)", s1 + "\n---\n" + s2);
}

/// unmarshall may throw js::JsError (the library's and V8's errors) and nothing else.
void checkUnmarshall(const js::Value &image)
{
    try {
        checkStringify(dynamodb::unmarshall(image), true);
    } catch (const js::JsError &) {
    }
    try {
        checkStringify(dynamodb::convertToNative(image), true);
    } catch (const js::JsError &) {
    }
}

/// Own property of an object value, or undefined; never throws.
js::Value member(const js::Value &v, std::string_view key)
{
    if (!v.isObject())
        return {};
    const js::Value *p = v.asObject()->find(key);
    return p ? *p : js::Value();
}

/// unmarshall on the parsed line itself and on every image of every record in it.
void checkImages(const js::Value &event)
{
    checkUnmarshall(event);
    const js::Value records = member(event, "Records");
    if (!records.isArray())
        return;
    for (const auto &record : records.asArray()->items) {
        const js::Value dynamodb = member(record, "dynamodb");
        for (const char *image : {"NewImage", "OldImage", "Keys"}) {
            const js::Value v = member(dynamodb, image);
            if (!v.isUndefined())
                checkUnmarshall(v);
        }
    }
}

/// What one handler run left behind, for comparing two runs.
struct Outcome
{
    std::map<std::string, std::string> cache;
    std::vector<std::string> published;
    std::vector<std::string> results; ///< per invocation: thrown, failures, warnings, records processed

    std::string dump() const
    {
        std::string s = "cache:\n";
        for (const auto &[k, v] : cache)
            s += "  " + k + " = " + v + "\n";
        s += "published:\n";
        for (const auto &p : published)
            s += "  " + p + "\n";
        s += "results:\n";
        for (const auto &r : results)
            s += "  " + r + "\n";
        return s;
    }
    bool operator==(const Outcome &) const = default;
};

/**
 * Runs the events through a StreamHandler against an in-memory cache (with `all-orders` preloaded when
 * `preload` is set). `freshHandlerPerEvent`: a new handler (so an empty OrderArrays index) for every
 * event, which makes every array edit start from a full parse of the cached text.
 */
Outcome runHandler(const std::optional<std::string> &preload, const std::vector<std::string_view> &events,
                   bool freshHandlerPerEvent)
{
    momento::InMemoryMomento momento;
    if (preload)
        momento.preload(kCacheName, "all-orders", *preload);
    std::optional<StreamHandler> handler;
    handler.emplace(momento, momento);
    Outcome out;
    for (std::string_view text : events) {
        std::optional<js::Value> event = tryParse(text);
        if (!event)
            continue;
        if (freshHandlerPerEvent)
            handler.emplace(momento, momento);
        // handle() reports every failure in its result; it never throws.
        HandlerResult r = runSync(handler->handle(std::move(*event)));
        const std::string response = r.responseJson();
        if (!tryParse(response))
            fail("the partial-batch response is not JSON", response);
        std::string line = "thrown=" + r.thrown.value_or("-") + " processed=" + std::to_string(r.recordsProcessed);
        for (const auto &f : r.failures)
            line += " | fail " + f.itemIdentifier + " (" + (f.processed ? "processed" : "skipped") + "): " + f.error;
        for (const auto &w : r.warnings)
            line += " | warn " + w;
        out.results.push_back(std::move(line));
    }
    for (const auto &[key, entry] : momento.entries(kCacheName))
        out.cache.emplace(key, *entry.value);
    for (const auto &p : momento.published())
        out.published.push_back(p.cache + " " + p.topic + " " + p.value);
    return out;
}

/// Every value the handler wrote is JSON.stringify output: it parses and is already canonical.
void checkCacheValues(const Outcome &o, const std::optional<std::string> &preload)
{
    for (const auto &[key, value] : o.cache) {
        if (preload && key == "all-orders" && value == *preload)
            continue; // never overwritten
        std::optional<js::Value> v = tryParse(value);
        if (!v)
            fail("a cache value the handler wrote is not JSON", key + " = " + value);
        std::string again;
        try {
            js::stringifyJson(*v, again);
        } catch (const js::JsError &e) {
            fail("a cache value the handler wrote cannot be stringified again", key + " = " + value);
        }
        if (again != value)
            fail("a cache value the handler wrote is not what JSON.stringify writes",
                 key + " = " + value + "\n---\n" + again);
    }
}

void fuzzOne(std::string_view bytes)
{
    // Raw bytes, not decoded: parse and stringify must not crash, and what stringify writes parses.
    for (std::string_view line : splitLines(bytes)) {
        if (std::optional<js::Value> v = tryParse(line))
            checkStringify(*v, false);
    }

    // What Node sees: the file decoded as UTF-8 (invalid bytes become U+FFFD).
    const std::string text = js::wtf8::fromUtf8Lossy(bytes);
    std::vector<std::string_view> lines = splitLines(text);
    std::optional<std::string> preload;
    std::string_view eventsText = text;
    if (!text.empty() && text[0] == '!') {
        const std::size_t nl = text.find('\n');
        preload = text.substr(1, nl == std::string::npos ? std::string::npos : nl - 1);
        eventsText = nl == std::string::npos ? std::string_view() : std::string_view(text).substr(nl + 1);
        lines = splitLines(eventsText);
    }

    for (std::string_view line : lines) {
        if (std::optional<js::Value> v = tryParse(line)) {
            checkStringify(*v, true);
            checkImages(*v);
        }
    }

    // The handler, twice: with the OrderArrays index carried across events, and without it.
    const Outcome incremental = runHandler(preload, lines, false);
    checkCacheValues(incremental, preload);
    const Outcome fullParse = runHandler(preload, lines, true);
    if (!(incremental == fullParse))
        fail("the incremental array edit differs from the full parse",
             "incremental:\n" + incremental.dump() + "\nfull parse:\n" + fullParse.dump());

    // `orderlab replay` over the event lines: JSON out, or ReplayInputError for a line that is not JSON.
    try {
        const std::string out = replayEvents(eventsText);
        if (js::wtf8::fromUtf8Lossy(out) != out)
            fail("replay output is not well-formed UTF-8", out);
        std::optional<js::Value> v = tryParse(out);
        if (!v)
            fail("replay output is not JSON", out);
        std::string again;
        js::stringifyJson(*v, again);
        if (again != out)
            fail("replay output is not canonical JSON.stringify output", out + "\n---\n" + again);
    } catch (const ReplayInputError &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > kMaxInput)
        return -1; // not added to the corpus
    try {
        fuzzOne(std::string_view(reinterpret_cast<const char *>(data), size));
    } catch (const std::exception &e) {
        fail("an exception the API does not promise escaped", e.what());
    } catch (...) {
        fail("a non-std exception escaped", "");
    }
    return 0;
}
