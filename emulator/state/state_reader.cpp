#include "state_reader.h"

#include "state_writer.h"

#include "dynamodb/attribute_value.h"
#include "dynamodb/base64.h"
#include "dynamodb/table.h"
#include "js/json.h"
#include "stream/record_ids.h"
#include "stream/view_type.h"
#include "timing/timing_model.h"
#include "world/command.h"

#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace orderlab::state {

namespace {

using js::Value;

/// A value of the document and its JSON path, for errors.
struct Node
{
    const Value &value;
    std::string path;
};

class Reader
{
  public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string &path, const std::string &message) const
    {
        throw StateError(m_file + ": " + path + ": " + message);
    }

    const js::Object &object(const Node &n, std::initializer_list<const char *> allowed) const
    {
        if (!n.value.isObject())
            fail(n.path, "must be an object");
        const js::Object &o = *n.value.asObject();
        o.forEach([&](std::string_view key, const Value &) {
            for (const char *a : allowed)
                if (key == a)
                    return;
            std::string list;
            for (const char *a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            fail(n.path, "unknown field '" + std::string(key) + "' (it takes " + list + ")");
        });
        return o;
    }
    Node field(const js::Object &o, const Node &parent, const char *name) const
    {
        const Value *v = o.find(name);
        if (!v)
            fail(parent.path, std::string("missing field '") + name + "'");
        return {*v, parent.path + "." + name};
    }
    const std::vector<Value> &array(const Node &n) const
    {
        if (!n.value.isArray())
            fail(n.path, "must be an array");
        return n.value.asArray()->items;
    }
    Node at(const Node &n, std::size_t i) const { return {array(n)[i], n.path + "[" + std::to_string(i) + "]"}; }
    std::string string(const Node &n) const
    {
        if (!n.value.isString())
            fail(n.path, "must be a string");
        return n.value.asString();
    }
    bool boolean(const Node &n) const
    {
        if (!n.value.isBoolean())
            fail(n.path, "must be true or false");
        return n.value.asBoolean();
    }
    long long integer(const Node &n, long long min, long long max) const
    {
        if (!n.value.isNumber() || n.value.asNumber() != std::floor(n.value.asNumber()))
            fail(n.path, "must be a whole number");
        const double d = n.value.asNumber();
        if (d < static_cast<double>(min) || d > static_cast<double>(max))
            fail(n.path, "must be from " + std::to_string(min) + " to " + std::to_string(max));
        return static_cast<long long>(d);
    }
    std::uint64_t unsignedText(const Node &n) const
    {
        const std::string s = string(n);
        std::uint64_t v = 0;
        if (s.empty() || s.size() > 20)
            fail(n.path, "must be a whole number from 0 to 18446744073709551615, as a string");
        for (char c : s) {
            if (c < '0' || c > '9' || v > (std::numeric_limits<std::uint64_t>::max() - (c - '0')) / 10)
                fail(n.path, "must be a whole number from 0 to 18446744073709551615, as a string");
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return v;
    }
    /// A sequence number's ordinal (docs/stream-and-mapping.md: 10^20 + ordinal, 21 digits).
    std::uint64_t sequence(const Node &n) const
    {
        const std::string s = string(n);
        if (s.size() != 21 || s[0] != '1' || s.find_first_not_of("0123456789") != std::string::npos)
            fail(n.path, "must be a sequence number: 21 digits, the first 1");
        std::uint64_t v = 0;
        for (std::size_t i = 1; i < s.size(); ++i) {
            if (v > (std::numeric_limits<std::uint64_t>::max() - 9) / 10)
                fail(n.path, "the sequence number is too large");
            v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
        }
        return v;
    }
    dynamodb::AttributeMap item(const Node &n) const
    {
        try {
            return dynamodb::parseItem(n.value);
        } catch (const dynamodb::ValidationError &e) {
            fail(n.path, e.message());
        }
    }

  private:
    std::string m_file;
};

constexpr long long kMaxMs = 253402300799999; // 9999-12-31T23:59:59.999Z
constexpr long long kMaxCount = 1LL << 53;

dynamodb::KeyAttribute keyAttribute(const Reader &r, const Node &n)
{
    const js::Object &o = r.object(n, {"name", "type"});
    dynamodb::KeyAttribute a;
    a.name = r.string(r.field(o, n, "name"));
    if (a.name.empty())
        r.fail(n.path + ".name", "must not be empty");
    const Node type = r.field(o, n, "type");
    const auto t = dynamodb::parseKeyType(r.string(type));
    if (!t)
        r.fail(type.path, "must be S, N or B");
    a.type = *t;
    return a;
}

StreamViewType viewType(const Reader &r, const Node &n)
{
    const auto v = parseViewType(r.string(n));
    if (!v)
        r.fail(n.path, "unknown view type '" + n.value.asString() + "'");
    return *v;
}

void readWorld(const Reader &r, const Node &n, WorldState &s)
{
    const js::Object &o = r.object(n, {"seed", "shards", "viewType", "mapping", "timing", "callLatencyMs",
                                       "handlerTtlMs", "apps", "checkEveryMs", "faults"});
    s.seed = r.unsignedText(r.field(o, n, "seed"));
    s.shards = static_cast<int>(r.integer(r.field(o, n, "shards"), 1, 64));
    s.viewType = viewType(r, r.field(o, n, "viewType"));
    const Node mapping = r.field(o, n, "mapping");
    r.object(mapping, {"BatchSize", "MaximumBatchingWindowInSeconds", "StartingPosition", "ReportBatchItemFailures",
                       "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
                       "ParallelizationFactor", "Filters", "TumblingWindowInSeconds", "Enabled", "FunctionTimeoutMs"});
    std::string error;
    const auto config = mappingConfigFromJson(js::stringifyJson(mapping.value).value_or(""), &error);
    if (!config)
        r.fail(mapping.path, error);
    if (const auto errors = config->validate(); !errors.empty())
        r.fail(mapping.path, errors.front());
    s.mapping = *config;
    if (o.find("callLatencyMs")) {
        if (o.find("timing"))
            r.fail(n.path, "timing and callLatencyMs exclude each other");
        s.callLatencyMs = r.integer(r.field(o, n, "callLatencyMs"), 0, 60000);
    } else {
        const Node timing = r.field(o, n, "timing");
        s.timing = r.string(timing);
        if (!TimingProfile::named(s.timing))
            r.fail(timing.path, "unknown timing profile '" + s.timing + "' (instant, in-region or laptop-to-cloud)");
    }
    s.handlerTtlMs = r.integer(r.field(o, n, "handlerTtlMs"), 1, 24LL * 3600 * 1000);
    s.apps = r.boolean(r.field(o, n, "apps"));
    s.checkEveryMs = r.integer(r.field(o, n, "checkEveryMs"), 0, 24LL * 3600 * 1000);
    const Node faults = r.field(o, n, "faults");
    if (!faults.value.isObject())
        r.fail(faults.path, "must be an object of operation: spec");
    faults.value.asObject()->forEach([&](std::string_view op, const Value &spec) {
        const Node f{spec, faults.path + "." + std::string(op)};
        try {
            const FaultRule rule = FaultRule::parse(r.string(f));
            FaultInjector().set(std::string(op), rule); // refuses an unknown operation
            s.faults.emplace_back(std::string(op), rule);
        } catch (const std::invalid_argument &e) {
            r.fail(f.path, e.what());
        }
    });
}

/// One of a table's secondary indexes (docs/state-files.md, "Indexes"); `types` holds the type of every key
/// attribute named so far (the table's and the earlier indexes'), which an attribute keeps everywhere.
dynamodb::IndexDefinition readIndex(const Reader &r, const Node &n, const TableState &t,
                                    std::map<std::string, dynamodb::KeyType> &types)
{
    const js::Object &o = r.object(n, {"name", "global", "keySchema", "projection", "nonKeyAttributes",
                                       "readCapacityUnits", "writeCapacityUnits"});
    dynamodb::IndexDefinition d;
    const Node name = r.field(o, n, "name");
    d.name = r.string(name);
    if (d.name.size() < 3 || d.name.size() > 255 ||
        d.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
            std::string::npos)
        r.fail(name.path, "an index name has 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
    for (const auto &earlier : t.indexes)
        if (earlier.name == d.name)
            r.fail(name.path, "index '" + d.name + "' is given twice");
    d.global = r.boolean(r.field(o, n, "global"));
    const Node schema = r.field(o, n, "keySchema");
    const js::Object &so = r.object(schema, {"hash", "range"});
    d.keys.hash = keyAttribute(r, r.field(so, schema, "hash"));
    if (so.find("range"))
        d.keys.range = keyAttribute(r, r.field(so, schema, "range"));
    if (!d.global) {
        if (!t.keySchema.range)
            r.fail(n.path, "a local secondary index needs a table with a range key");
        if (!d.keys.range)
            r.fail(schema.path, "a local secondary index has a range key");
        if (d.keys.hash != t.keySchema.hash)
            r.fail(schema.path + ".hash", "a local secondary index has the table's hash key, " + t.keySchema.hash.name +
                                              " (" + std::string(dynamodb::keyTypeName(t.keySchema.hash.type)) + ")");
    }
    for (const auto &[key, place] : {std::pair{&d.keys.hash, std::string(".hash")},
                                     std::pair{d.keys.range ? &*d.keys.range : nullptr, std::string(".range")}}) {
        if (!key)
            continue;
        const auto [it, fresh] = types.emplace(key->name, key->type);
        if (!fresh && it->second != key->type)
            r.fail(schema.path + place + ".type", "attribute " + key->name + " is " +
                                                      std::string(dynamodb::keyTypeName(it->second)) +
                                                      " in another key schema of this table");
    }
    const Node projection = r.field(o, n, "projection");
    const std::string type = r.string(projection);
    if (type == "ALL")
        d.projection = dynamodb::ProjectionType::All;
    else if (type == "KEYS_ONLY")
        d.projection = dynamodb::ProjectionType::KeysOnly;
    else if (type == "INCLUDE")
        d.projection = dynamodb::ProjectionType::Include;
    else
        r.fail(projection.path, "must be ALL, KEYS_ONLY or INCLUDE");
    if (d.projection == dynamodb::ProjectionType::Include) {
        const Node names = r.field(o, n, "nonKeyAttributes");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < r.array(names).size(); ++i) {
            const Node one = r.at(names, i);
            std::string attribute = r.string(one);
            if (attribute.empty())
                r.fail(one.path, "must not be empty");
            if (!seen.insert(attribute).second)
                r.fail(one.path, "attribute " + attribute + " is given twice");
            d.nonKeyAttributes.push_back(std::move(attribute));
        }
    } else if (o.find("nonKeyAttributes")) {
        r.fail(n.path + ".nonKeyAttributes", "only an INCLUDE projection has nonKeyAttributes");
    }
    const long long most = d.global ? kMaxCount : 0; // a local index has no throughput of its own
    d.readCapacityUnits = r.integer(r.field(o, n, "readCapacityUnits"), 0, most);
    d.writeCapacityUnits = r.integer(r.field(o, n, "writeCapacityUnits"), 0, most);
    return d;
}

TableState readTable(const Reader &r, const Node &n)
{
    const js::Object &o =
        r.object(n, {"name", "keySchema", "stream", "ttlAttribute", "lastTraceId", "indexes", "items"});
    TableState t;
    t.name = r.string(r.field(o, n, "name"));
    if (t.name.size() < 3 || t.name.size() > 255)
        r.fail(n.path + ".name", "a table name has 3 to 255 characters");
    const Node schema = r.field(o, n, "keySchema");
    const js::Object &so = r.object(schema, {"hash", "range"});
    t.keySchema.hash = keyAttribute(r, r.field(so, schema, "hash"));
    if (so.find("range"))
        t.keySchema.range = keyAttribute(r, r.field(so, schema, "range"));
    const Node stream = r.field(o, n, "stream");
    const js::Object &st = r.object(stream, {"enabled", "viewType"});
    t.stream.enabled = r.boolean(r.field(st, stream, "enabled"));
    t.stream.viewType = viewType(r, r.field(st, stream, "viewType"));
    const Node ttl = r.field(o, n, "ttlAttribute");
    if (!ttl.value.isNull())
        t.ttlAttribute = r.string(ttl);
    t.lastTraceId = static_cast<std::uint64_t>(r.integer(r.field(o, n, "lastTraceId"), 0, kMaxCount));
    if (o.find("indexes")) { // optional: a table without indexes leaves it out
        const Node indexes = r.field(o, n, "indexes");
        std::map<std::string, dynamodb::KeyType> types{{t.keySchema.hash.name, t.keySchema.hash.type}};
        if (t.keySchema.range)
            types.emplace(t.keySchema.range->name, t.keySchema.range->type);
        for (std::size_t i = 0; i < r.array(indexes).size(); ++i)
            t.indexes.push_back(readIndex(r, r.at(indexes, i), t, types));
    }
    const Node items = r.field(o, n, "items");
    const auto &list = r.array(items);
    // The table's own checks (keys, sizes, nesting) on a scratch table, so that a state that reads also restores.
    struct NoClock final : Clock
    {
        TimeMs now() const override { return 0; }
    } clock;
    Table check(clock, nullptr, t.name, t.keySchema, t.stream);
    for (std::size_t i = 0; i < list.size(); ++i)
        t.items.push_back(r.item(r.at(items, i)));
    try {
        check.restore(t.items, t.lastTraceId);
    } catch (const dynamodb::ValidationError &e) {
        r.fail(items.path, e.message());
    }
    return t;
}

StreamRecordPtr readRecord(const Reader &r, const Node &n, int shard)
{
    const js::Object &o = r.object(n, {"sequenceNumber", "position", "eventId", "eventName", "pk", "createdAt",
                                       "traceId", "sizeBytes", "byTtl", "json"});
    auto rec = std::make_shared<StreamRecord>();
    rec->shard = shard;
    const Node seq = r.field(o, n, "sequenceNumber");
    rec->ordinal = r.sequence(seq);
    rec->sequenceNumber = seq.value.asString();
    rec->position = static_cast<std::uint64_t>(r.integer(r.field(o, n, "position"), 1, kMaxCount));
    rec->eventId = r.string(r.field(o, n, "eventId"));
    const Node name = r.field(o, n, "eventName");
    const std::string eventName = r.string(name);
    if (eventName == "INSERT")
        rec->kind = TableChange::Kind::Insert;
    else if (eventName == "MODIFY")
        rec->kind = TableChange::Kind::Modify;
    else if (eventName == "REMOVE")
        rec->kind = TableChange::Kind::Remove;
    else
        r.fail(name.path, "must be INSERT, MODIFY or REMOVE");
    rec->pk = r.string(r.field(o, n, "pk"));
    rec->createdAt = r.integer(r.field(o, n, "createdAt"), 0, kMaxMs);
    rec->traceId = static_cast<std::uint64_t>(r.integer(r.field(o, n, "traceId"), 0, kMaxCount));
    rec->sizeBytes = static_cast<std::size_t>(r.integer(r.field(o, n, "sizeBytes"), 0, kMaxCount));
    rec->byTtl = r.boolean(r.field(o, n, "byTtl"));
    const Node json = r.field(o, n, "json");
    rec->json = r.string(json);
    try {
        js::checkJson(rec->json);
    } catch (const js::JsonParseError &e) {
        r.fail(json.path, std::string("the record is not JSON: ") + e.what());
    }
    return rec;
}

void readStream(const Reader &r, const Node &n, WorldState &s)
{
    const js::Object &o = r.object(n, {"arn", "idState", "lastSequenceNumber", "shards"});
    s.stream.arn = r.string(r.field(o, n, "arn"));
    const Node ids = r.field(o, n, "idState");
    if (r.array(ids).size() != 4)
        r.fail(ids.path, "must be 4 hexadecimal strings");
    for (std::size_t i = 0; i < 4; ++i) {
        const Node part = r.at(ids, i);
        const std::string hex = r.string(part);
        if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
            r.fail(part.path, "must be 16 lower-case hexadecimal digits");
        s.stream.ids.random[i] = std::stoull(hex, nullptr, 16);
    }
    s.stream.ids.ordinal = r.sequence(r.field(o, n, "lastSequenceNumber"));
    const Node shards = r.field(o, n, "shards");
    const auto &list = r.array(shards);
    if (list.size() != static_cast<std::size_t>(s.shards))
        r.fail(shards.path,
               "the world has " + std::to_string(s.shards) + " shards, the stream " + std::to_string(list.size()));
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Node sn = r.at(shards, i);
        const js::Object &so = r.object(sn, {"appended", "trimmedThrough", "trimmedPosition", "records"});
        Stream::Saved::Shard shard;
        shard.appended = static_cast<std::uint64_t>(r.integer(r.field(so, sn, "appended"), 0, kMaxCount));
        shard.trimmedThrough = r.sequence(r.field(so, sn, "trimmedThrough"));
        shard.trimmedPosition = static_cast<std::uint64_t>(r.integer(r.field(so, sn, "trimmedPosition"), 0, kMaxCount));
        const Node records = r.field(so, sn, "records");
        for (std::size_t j = 0; j < r.array(records).size(); ++j)
            shard.records.push_back(readRecord(r, r.at(records, j), static_cast<int>(i)));
        s.stream.shards.push_back(std::move(shard));
    }
    // The stream's own checks (order, positions, counts) on a scratch stream of the same shape.
    struct NoClock final : Clock
    {
        TimeMs now() const override { return 0; }
    } clock;
    Stream::Options options;
    options.shards = s.shards;
    Stream check(clock, options);
    try {
        check.restore(s.stream);
    } catch (const std::invalid_argument &e) {
        r.fail(shards.path, e.what());
    }
}

void readCaches(const Reader &r, const Node &names, const Node &items, WorldState &s)
{
    std::set<std::string> known;
    for (std::size_t i = 0; i < r.array(names).size(); ++i) {
        const Node n = r.at(names, i);
        const std::string name = r.string(n);
        if (auto e = CacheStore::cacheNameError(name))
            r.fail(n.path, *e);
        if (!known.insert(name).second)
            r.fail(n.path, "cache '" + name + "' is listed twice");
        s.caches.push_back(name);
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < r.array(items).size(); ++i) {
        const Node n = r.at(items, i);
        const js::Object &o =
            r.object(n, {"cache", "key", "value", "valueBase64", "writtenMsAgo", "remainingTtlMs", "writer"});
        CacheStore::SavedEntry e;
        e.cache = r.string(r.field(o, n, "cache"));
        if (!known.count(e.cache))
            r.fail(n.path + ".cache", "no cache '" + e.cache + "' in $.caches");
        e.key = r.string(r.field(o, n, "key"));
        if (e.key.empty())
            r.fail(n.path + ".key", "must not be empty");
        if (!seen.emplace(e.cache, e.key).second)
            r.fail(n.path + ".key", "key '" + e.key + "' of cache '" + e.cache + "' is given twice");
        if (o.find("value") && o.find("valueBase64"))
            r.fail(n.path, "value and valueBase64 exclude each other");
        if (o.find("valueBase64")) {
            const Node b = r.field(o, n, "valueBase64");
            std::string error;
            const auto bytes = dynamodb::base64Decode(r.string(b), &error);
            if (!bytes)
                r.fail(b.path, error);
            e.value = *bytes;
        } else {
            e.value = r.string(r.field(o, n, "value"));
        }
        e.lastWriteMs = s.time - r.integer(r.field(o, n, "writtenMsAgo"), 0, s.time);
        e.expiresAtMs = s.time + r.integer(r.field(o, n, "remainingTtlMs"), 1, 24LL * 3600 * 1000);
        e.writer = r.string(r.field(o, n, "writer"));
        s.cacheEntries.push_back(std::move(e));
    }
}

std::vector<std::pair<std::string, std::string>> readPairs(const Reader &r, const Node &n)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < r.array(n).size(); ++i) {
        const Node p = r.at(n, i);
        const js::Object &o = r.object(p, {"name", "topic"});
        std::string name = r.string(r.field(o, p, "name")), topic = r.string(r.field(o, p, "topic"));
        if (name.empty() || topic.empty())
            r.fail(p.path, "a subscriber needs a name and a topic");
        out.emplace_back(std::move(name), std::move(topic));
    }
    return out;
}

std::string place(const std::string &text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

} // namespace

WorldState readState(const std::string &text, const std::string &file)
{
    if (text.size() > kMaxStateBytes)
        throw StateError(file + ": the file has " + std::to_string(text.size()) + " bytes, more than the " +
                         std::to_string(kMaxStateBytes) + " a state file may have");
    if (const std::size_t bad = utf8Error(text); bad != std::string::npos)
        throw StateError(file + ":" + place(text, bad) + ": not UTF-8 (a state file is UTF-8 text)");
    Value doc;
    try {
        doc = js::parseJson(text);
    } catch (const js::JsonParseError &e) {
        throw StateError(file + ":" + place(text, e.offset()) + ": not JSON: " + e.what());
    }
    const Reader r(file);
    const Node root{doc, "$"};
    const js::Object &o = r.object(root, {"orderlab-state", "time", "world", "tables", "stream", "mapping", "caches",
                                          "cacheItems", "subscribers"});
    const Node version = r.field(o, root, "orderlab-state");
    if (!version.value.isNumber() || version.value.asNumber() != kStateVersion)
        r.fail(version.path, "this orderlab reads state files of version " + std::to_string(kStateVersion));
    WorldState s;
    s.time = r.integer(r.field(o, root, "time"), 0, kMaxMs);
    readWorld(r, r.field(o, root, "world"), s);

    const Node tables = r.field(o, root, "tables");
    std::set<std::string> names;
    for (std::size_t i = 0; i < r.array(tables).size(); ++i) {
        TableState t = readTable(r, r.at(tables, i));
        if (!names.insert(t.name).second)
            r.fail(tables.path + "[" + std::to_string(i) + "].name", "table '" + t.name + "' is given twice");
        if (i == 0 && t.name != "orders")
            r.fail(tables.path + "[0].name", "the first table must be orders");
        s.tables.push_back(std::move(t));
    }
    if (s.tables.empty())
        r.fail(tables.path, "must hold the orders table");
    if (s.tables[0].keySchema.range || s.tables[0].keySchema.hash.type != dynamodb::KeyType::S)
        r.fail(tables.path + "[0].keySchema", "the orders table has one hash key of type S");

    readStream(r, r.field(o, root, "stream"), s);

    const Node mapping = r.field(o, root, "mapping");
    const js::Object &mo = r.object(mapping, {"nextInvocation", "checkpoints"});
    s.nextInvocation = static_cast<std::uint64_t>(r.integer(r.field(mo, mapping, "nextInvocation"), 1, kMaxCount));
    const Node checkpoints = r.field(mo, mapping, "checkpoints");
    std::set<std::pair<int, int>> lanes;
    for (std::size_t i = 0; i < r.array(checkpoints).size(); ++i) {
        const Node c = r.at(checkpoints, i);
        const js::Object &co = r.object(c, {"shard", "lane", "sequenceNumber", "nextPollInMs"});
        EventSourceMapping::Checkpoint cp;
        cp.shard = static_cast<int>(r.integer(r.field(co, c, "shard"), 0, s.shards - 1));
        cp.lane = static_cast<int>(r.integer(r.field(co, c, "lane"), 0, s.mapping.parallelizationFactor - 1));
        cp.checkpoint = r.sequence(r.field(co, c, "sequenceNumber"));
        if (const Node next = r.field(co, c, "nextPollInMs"); !next.value.isNull())
            cp.nextPollAt = s.time + r.integer(next, 0, 3600000);
        if (!lanes.emplace(cp.shard, cp.lane).second)
            r.fail(c.path,
                   "shard " + std::to_string(cp.shard) + " lane " + std::to_string(cp.lane) + " is given twice");
        s.checkpoints.push_back(cp);
    }

    readCaches(r, r.field(o, root, "caches"), r.field(o, root, "cacheItems"), s);

    const Node subscribers = r.field(o, root, "subscribers");
    const js::Object &so = r.object(subscribers, {"named", "followed"});
    s.subscribers.subscribers = readPairs(r, r.field(so, subscribers, "named"));
    s.subscribers.followed = readPairs(r, r.field(so, subscribers, "followed"));
    return s;
}

WorldState readStateFile(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw StateError(path + ": cannot read it: " + f.errorString().toStdString());
    if (static_cast<std::size_t>(f.size()) > kMaxStateBytes)
        throw StateError(path + ": the file has " + std::to_string(f.size()) + " bytes, more than the " +
                         std::to_string(kMaxStateBytes) + " a state file may have");
    const QByteArray bytes = f.read(static_cast<qint64>(kMaxStateBytes) + 1);
    return readState(bytes.toStdString(), path);
}

} // namespace orderlab::state
