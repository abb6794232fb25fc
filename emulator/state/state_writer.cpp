#include "state_writer.h"

#include "dynamodb/attribute_value.h"
#include "dynamodb/base64.h"
#include "js/json.h"
#include "stream/record_ids.h"
#include "stream/view_type.h"
#include "world/command.h"

#include <charconv>
#include <cstdio>

namespace orderlab::state {

namespace {

/// Indented JSON, one member per line; `raw` values are written as given (compact JSON).
class JsonOut
{
  public:
    void open(const char *key, char bracket)
    {
        item(key);
        m_out += bracket;
        m_first.push_back(true);
    }
    void close(char bracket)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty) {
            m_out += '\n';
            indent();
        }
        m_out += bracket;
    }
    void raw(const char *key, const std::string &json)
    {
        item(key);
        m_out += json;
    }
    void string(const char *key, const std::string &s)
    {
        item(key);
        js::appendQuoted(m_out, s);
    }
    void number(const char *key, long long n) { raw(key, std::to_string(n)); }
    void boolean(const char *key, bool b) { raw(key, b ? "true" : "false"); }
    std::string text() { return m_out + "\n"; }

  private:
    void item(const char *key)
    {
        if (!m_first.empty()) {
            m_out += m_first.back() ? "\n" : ",\n";
            m_first.back() = false;
            indent();
        }
        if (key) {
            js::appendQuoted(m_out, key);
            m_out += ": ";
        }
    }
    void indent() { m_out.append(4 * m_first.size(), ' '); }

    std::string m_out;
    std::vector<bool> m_first;
};

std::string quoted(const std::string &s)
{
    std::string out;
    js::appendQuoted(out, s);
    return out;
}

std::string hex64(std::uint64_t v)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

/// A compact JSON object from (key, JSON text) members, in the order given.
std::string object(const std::vector<std::pair<std::string, std::string>> &members)
{
    std::string out = "{";
    for (const auto &[key, json] : members) {
        if (out.size() > 1)
            out += ", ";
        out += quoted(key) + ": " + json;
    }
    return out + "}";
}

std::string keyAttribute(const dynamodb::KeyAttribute &a)
{
    return object({{"name", quoted(a.name)}, {"type", quoted(std::string(dynamodb::keyTypeName(a.type)))}});
}

std::string indexJson(const dynamodb::IndexDefinition &index)
{
    std::vector<std::pair<std::string, std::string>> schema{{"hash", keyAttribute(index.keys.hash)}};
    if (index.keys.range)
        schema.emplace_back("range", keyAttribute(*index.keys.range));
    std::vector<std::pair<std::string, std::string>> m{
        {"name", quoted(index.name)},
        {"global", index.global ? "true" : "false"},
        {"keySchema", object(schema)},
        {"projection", quoted(std::string(dynamodb::projectionTypeName(index.projection)))}};
    if (index.projection == dynamodb::ProjectionType::Include) {
        std::string names = "[";
        for (const auto &name : index.nonKeyAttributes)
            names += (names.size() > 1 ? ", " : "") + quoted(name);
        m.emplace_back("nonKeyAttributes", names + "]");
    }
    m.emplace_back("readCapacityUnits", std::to_string(index.readCapacityUnits));
    m.emplace_back("writeCapacityUnits", std::to_string(index.writeCapacityUnits));
    return object(m);
}

void writeWorld(JsonOut &out, const WorldState &s)
{
    out.open("world", '{');
    out.string("seed", std::to_string(s.seed));
    out.number("shards", s.shards);
    out.string("viewType", std::string(viewTypeName(s.viewType)));
    out.raw("mapping", mappingConfigJson(s.mapping));
    if (s.callLatencyMs)
        out.number("callLatencyMs", *s.callLatencyMs);
    else
        out.string("timing", s.timing);
    out.number("handlerTtlMs", s.handlerTtlMs);
    out.boolean("apps", s.apps);
    out.number("checkEveryMs", s.checkEveryMs);
    out.open("faults", '{');
    for (const auto &[op, rule] : s.faults)
        out.string(op.c_str(), faultSpec(rule));
    out.close('}');
    out.close('}');
}

void writeTable(JsonOut &out, const TableState &t)
{
    out.open(nullptr, '{');
    out.string("name", t.name);
    std::vector<std::pair<std::string, std::string>> schema{{"hash", keyAttribute(t.keySchema.hash)}};
    if (t.keySchema.range)
        schema.emplace_back("range", keyAttribute(*t.keySchema.range));
    out.raw("keySchema", object(schema));
    out.raw("stream", object({{"enabled", t.stream.enabled ? "true" : "false"},
                              {"viewType", quoted(std::string(viewTypeName(t.stream.viewType)))}}));
    if (t.ttlAttribute)
        out.string("ttlAttribute", *t.ttlAttribute);
    else
        out.raw("ttlAttribute", "null");
    out.number("lastTraceId", static_cast<long long>(t.lastTraceId));
    if (!t.indexes.empty()) { // left out when none, so that files without indexes read as before
        out.open("indexes", '[');
        for (const auto &index : t.indexes)
            out.raw(nullptr, indexJson(index));
        out.close(']');
    }
    out.open("items", '[');
    for (const auto &item : t.items)
        out.raw(nullptr, dynamodb::itemJson(item));
    out.close(']');
    out.close('}');
}

std::string recordJson(const StreamRecord &r)
{
    return object({{"sequenceNumber", quoted(r.sequenceNumber)},
                   {"position", std::to_string(r.position)},
                   {"eventId", quoted(r.eventId)},
                   {"eventName", quoted(r.eventName())},
                   {"pk", quoted(r.pk)},
                   {"createdAt", std::to_string(r.createdAt)},
                   {"traceId", std::to_string(r.traceId)},
                   {"sizeBytes", std::to_string(r.sizeBytes)},
                   {"byTtl", r.byTtl ? "true" : "false"},
                   {"json", quoted(r.json)}});
}

void writeStream(JsonOut &out, const Stream::Saved &s)
{
    out.open("stream", '{');
    out.string("arn", s.arn);
    std::string ids = "[";
    for (std::size_t i = 0; i < s.ids.random.size(); ++i)
        ids += (i ? ", " : "") + quoted(hex64(s.ids.random[i]));
    out.raw("idState", ids + "]");
    out.string("lastSequenceNumber", sequenceNumberText(s.ids.ordinal));
    out.open("shards", '[');
    for (const auto &shard : s.shards) {
        out.open(nullptr, '{');
        out.number("appended", static_cast<long long>(shard.appended));
        out.string("trimmedThrough", sequenceNumberText(shard.trimmedThrough));
        out.number("trimmedPosition", static_cast<long long>(shard.trimmedPosition));
        out.open("records", '[');
        for (const auto &r : shard.records)
            out.raw(nullptr, recordJson(*r));
        out.close(']');
        out.close('}');
    }
    out.close(']');
    out.close('}');
}

std::string cacheEntryJson(const CacheStore::SavedEntry &e, TimeMs now)
{
    std::vector<std::pair<std::string, std::string>> m{{"cache", quoted(e.cache)}, {"key", quoted(e.key)}};
    if (utf8Error(e.value) == std::string::npos)
        m.emplace_back("value", quoted(e.value));
    else
        m.emplace_back("valueBase64", quoted(dynamodb::base64Encode(e.value)));
    m.emplace_back("writtenMsAgo", std::to_string(now - e.lastWriteMs));
    m.emplace_back("remainingTtlMs", std::to_string(e.expiresAtMs - now));
    m.emplace_back("writer", quoted(e.writer));
    return object(m);
}

std::string pairJson(const std::pair<std::string, std::string> &p)
{
    return object({{"name", quoted(p.first)}, {"topic", quoted(p.second)}});
}

} // namespace

std::size_t utf8Error(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned char low = 0x80, high = 0xbf; // the range of the second byte
        if (c < 0x80)
            n = 0;
        else if (c >= 0xc2 && c <= 0xdf)
            n = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            low = c == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
            high = c == 0xed ? 0x9f : 0xbf; // no surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            low = c == 0xf0 ? 0x90 : 0x80;
            high = c == 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
        } else
            return i;
        if (i + n >= s.size())
            return i;
        for (std::size_t j = 1; j <= n; ++j) {
            const auto b = static_cast<unsigned char>(s[i + j]);
            if (j == 1 ? (b < low || b > high) : (b >> 6) != 2)
                return i;
        }
        i += n + 1;
    }
    return std::string::npos;
}

std::string faultSpec(const FaultRule &rule)
{
    char p[64];
    const auto r = std::to_chars(p, p + sizeof p, rule.probability);
    std::string s = "p=" + std::string(p, r.ptr);
    if (rule.nextCalls)
        s += ",next=" + std::to_string(rule.nextCalls);
    s += std::string(",code=") + momento::errorCodeName(rule.code);
    if (rule.latencyMs)
        s += ",latency=" + std::to_string(rule.latencyMs) + "ms";
    s += rule.handlerMode == FaultRule::HandlerMode::Timeout ? ",mode=timeout" : ",mode=throw";
    return s;
}

std::string writeState(const WorldState &s)
{
    JsonOut out;
    out.open(nullptr, '{');
    out.number("orderlab-state", kStateVersion);
    out.number("time", s.time);
    writeWorld(out, s);
    out.open("tables", '[');
    for (const auto &t : s.tables)
        writeTable(out, t);
    out.close(']');
    writeStream(out, s.stream);
    out.open("mapping", '{');
    out.number("nextInvocation", static_cast<long long>(s.nextInvocation));
    out.open("checkpoints", '[');
    for (const auto &c : s.checkpoints)
        out.raw(nullptr, object({{"shard", std::to_string(c.shard)},
                                 {"lane", std::to_string(c.lane)},
                                 {"sequenceNumber", quoted(sequenceNumberText(c.checkpoint))},
                                 {"nextPollInMs", c.nextPollAt < 0 ? "null" : std::to_string(c.nextPollAt - s.time)}}));
    out.close(']');
    out.close('}');
    out.open("caches", '[');
    for (const auto &c : s.caches)
        out.string(nullptr, c);
    out.close(']');
    out.open("cacheItems", '[');
    for (const auto &e : s.cacheEntries)
        out.raw(nullptr, cacheEntryJson(e, s.time));
    out.close(']');
    out.open("subscribers", '{');
    out.open("named", '[');
    for (const auto &p : s.subscribers.subscribers)
        out.raw(nullptr, pairJson(p));
    out.close(']');
    out.open("followed", '[');
    for (const auto &p : s.subscribers.followed)
        out.raw(nullptr, pairJson(p));
    out.close(']');
    out.close('}');
    out.close('}');
    return out.text();
}

} // namespace orderlab::state
