#include "scenario_writer.h"

#include "dynamodb/attribute_value.h"
#include "dynamodb/marshall.h"
#include "dynamodb/unmarshall.h"
#include "handler_yaml.h"
#include "js/json.h"
#include "json_compare.h"
#include "state/world_state.h"
#include "text/number_text.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace orderlab::scenario {

namespace {
constexpr long long kMost = std::numeric_limits<long long>::max();

/// A string that the loader would read as something else when plain (null, a boolean, a number).
bool needsQuotes(const std::string &s)
{
    if (s.empty() || s == "null" || s == "Null" || s == "NULL" || s == "~" || s == "true" || s == "false")
        return true;
    double d = 0;
    return text::parseNumber(s, -1.7976931348623157e308, 1.7976931348623157e308, d) == text::NumberProblem::None;
}

void text(YAML::Emitter &out, const std::string &s)
{
    if (needsQuotes(s))
        out << YAML::DoubleQuoted << s;
    else
        out << s;
}

std::string numberText(double d)
{
    if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
        return std::to_string(static_cast<long long>(d));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    return std::string(buffer, result.ptr);
}

void json(YAML::Emitter &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        return;
    case QJsonValue::Bool:
        out << v.toBool();
        return;
    case QJsonValue::Double:
        out << numberText(v.toDouble());
        return;
    case QJsonValue::String:
        text(out, v.toString().toStdString());
        return;
    case QJsonValue::Array:
        out << YAML::Flow << YAML::BeginSeq;
        for (const auto &e : v.toArray())
            json(out, e);
        out << YAML::EndSeq;
        return;
    case QJsonValue::Object: {
        out << YAML::Flow << YAML::BeginMap;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            out << YAML::Key;
            text(out, it.key().toStdString());
            out << YAML::Value;
            json(out, it.value());
        }
        out << YAML::EndMap;
        return;
    }
    }
}

QJsonValue parsedJson(const std::string &text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString("[" + text + "]")).array().at(0);
}

/// An item's AttributeValue JSON as plain JSON that marshals back to the same item.
QJsonValue plainItem(const std::string &itemJson, const std::string &what)
{
    std::string canonical;
    dynamodb::appendItemJson(canonical, dynamodb::parseItemJson(itemJson));
    const auto plain = js::stringifyJson(dynamodb::unmarshall(js::parseJson(canonical)));
    if (!plain)
        throw std::invalid_argument(what + ": the item has no plain JSON form");
    const QJsonValue value = parsedJson(*plain);
    std::string again;
    try {
        dynamodb::appendItemJson(again, dynamodb::marshallJson(compactJson(value)).map());
    } catch (const std::exception &) {
    }
    if (again != canonical)
        throw std::invalid_argument(what + ": the item's attributes (sets, binary, numbers beyond a double) cannot be "
                                           "written as plain values");
    return value;
}

QJsonObject mappingObject(const MappingConfig &m)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(mappingConfigJson(m))).object();
}

/// The fields of `m` that differ from `base`.
QJsonObject mappingOver(const MappingConfig &m, const MappingConfig &base)
{
    const QJsonObject mine = mappingObject(m), theirs = mappingObject(base);
    QJsonObject out;
    for (auto it = mine.begin(); it != mine.end(); ++it)
        if (theirs.value(it.key()) != it.value())
            out.insert(it.key(), it.value());
    return out;
}

void range(YAML::Emitter &out, long long min, long long max)
{
    if (min == max) {
        out << min;
        return;
    }
    out << YAML::Flow << YAML::BeginMap;
    if (min != 0 || max == kMost)
        out << YAML::Key << "min" << YAML::Value << min;
    if (max != kMost)
        out << YAML::Key << "max" << YAML::Value << max;
    out << YAML::EndMap;
}

void world(YAML::Emitter &out, const Scenario &s)
{
    const Scenario defaults;
    if (!s.stateFile
             .empty()) { // the state file holds the world's configuration; only the run's bound is the scenario's
        out << YAML::Key << "state" << YAML::Value;
        text(out, s.stateFile);
        const bool process = s.handler.kind == HandlerSpec::Kind::Process;
        if (s.maxTimeMs != defaults.maxTimeMs || process) {
            out << YAML::Key << "world" << YAML::Value << YAML::BeginMap;
            if (process) {
                out << YAML::Key << "handler" << YAML::Value;
                writeHandler(out, s.handler);
            }
            if (s.maxTimeMs != defaults.maxTimeMs)
                out << YAML::Key << "max-time" << YAML::Value << durationText(s.maxTimeMs);
            out << YAML::EndMap;
        }
        return;
    }
    const WorldConfig &w = s.world;
    const PipelineConfig &p = w.pipeline, &d = defaults.world.pipeline;
    out << YAML::Key << "world" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "seed" << YAML::Value << p.seed;
    out << YAML::Key << "shards" << YAML::Value << p.shards;
    out << YAML::Key << "view-type" << YAML::Value << std::string(viewTypeName(p.viewType));
    if (p.callLatencyMs)
        out << YAML::Key << "call-latency" << YAML::Value << durationText(*p.callLatencyMs);
    else
        out << YAML::Key << "timing" << YAML::Value << p.timing.name;
    if (p.handlerTtlMs != d.handlerTtlMs)
        out << YAML::Key << "handler-ttl" << YAML::Value << durationText(p.handlerTtlMs);
    if (const QJsonObject m = mappingOver(p.mapping, d.mapping); !m.isEmpty()) {
        out << YAML::Key << "mapping" << YAML::Value;
        json(out, m);
    }
    if (w.apps != defaults.world.apps)
        out << YAML::Key << "apps" << YAML::Value << w.apps;
    if (w.checkEveryMs != defaults.world.checkEveryMs)
        out << YAML::Key << "check-every" << YAML::Value << durationText(w.checkEveryMs);
    if (p.caches != d.caches) {
        out << YAML::Key << "caches" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto &c : p.caches)
            text(out, c);
        out << YAML::EndSeq;
    }
    if (s.handler.kind == HandlerSpec::Kind::Process) {
        out << YAML::Key << "handler" << YAML::Value;
        writeHandler(out, s.handler);
    }
    if (s.maxTimeMs != defaults.maxTimeMs)
        out << YAML::Key << "max-time" << YAML::Value << durationText(s.maxTimeMs);
    out << YAML::EndMap;
}

void command(YAML::Emitter &out, const Scenario &s, const Command &c, const std::string &where)
{
    using K = Command::Kind;
    out << YAML::Key << Command::kindName(c.kind) << YAML::Value;
    auto field = [&](const char *name, const std::string &value) {
        out << YAML::Key << name << YAML::Value;
        text(out, value);
    };
    switch (c.kind) {
    case K::NewOrder:
        out << YAML::Flow << YAML::BeginMap;
        if (!c.pk.empty())
            field("pk", c.pk);
        field("creator", c.creator);
        out << YAML::Key << "items" << YAML::Value;
        json(out, parsedJson(c.items));
        out << YAML::EndMap;
        return;
    case K::DeleteItem:
        if (!c.table.empty()) { // an item of a table made through the DynamoDB API, by its key
            out << YAML::Flow << YAML::BeginMap;
            field("table", c.table);
            out << YAML::Key << "key" << YAML::Value;
            json(out, plainItem(c.item, where + ": delete-item key"));
            out << YAML::EndMap;
            return;
        }
        [[fallthrough]];
    case K::AdvanceStatus:
    case K::CancelOrder:
        text(out, c.pk);
        return;
    case K::EditItems:
        out << YAML::Flow << YAML::BeginMap;
        field("pk", c.pk);
        out << YAML::Key << "items" << YAML::Value;
        json(out, parsedJson(c.items));
        out << YAML::EndMap;
        return;
    case K::PutItem:
        out << YAML::Flow << YAML::BeginMap;
        if (!c.table.empty())
            field("table", c.table);
        out << YAML::Key << "item" << YAML::Value;
        json(out, plainItem(c.item, where + ": put-item"));
        out << YAML::EndMap;
        return;
    case K::UpdateItem:
        out << YAML::Flow << YAML::BeginMap;
        field("pk", c.pk);
        if (!c.item.empty()) {
            out << YAML::Key << "set" << YAML::Value;
            json(out, plainItem(c.item, where + ": update-item set"));
        }
        if (!c.names.empty()) {
            out << YAML::Key << "remove" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const auto &n : c.names)
                text(out, n);
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
        return;
    case K::SetFault:
        out << YAML::Flow << YAML::BeginMap;
        field("op", c.op);
        field("spec", c.spec);
        out << YAML::EndMap;
        return;
    case K::ClearFault:
        text(out, c.op);
        return;
    case K::AddSubscriber:
        out << YAML::Flow << YAML::BeginMap;
        field("name", c.name);
        field("topic", c.topic);
        out << YAML::EndMap;
        return;
    case K::RemoveSubscriber:
        text(out, c.name);
        return;
    case K::Pause:
    case K::SetFeeding:
        out << c.flag;
        return;
    case K::Step:
        out << durationText(c.ms);
        return;
    case K::SetSpeed:
    case K::SetRate:
        out << numberText(c.number);
        return;
    case K::UpdateMapping:
        json(out, mappingOver(c.mapping, s.world.pipeline.mapping));
        return;
    case K::Redeliver:
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "shard" << YAML::Value << c.shard << YAML::Key << "lane"
            << YAML::Value << c.lane << YAML::EndMap;
        return;
    }
}

void valueMatch(YAML::Emitter &out, const Expectation &e)
{
    if (!e.path.empty()) {
        out << YAML::Key << "path" << YAML::Value;
        text(out, e.path);
    }
    if (e.match == Expectation::Match::Absent) {
        out << YAML::Key << "absent" << YAML::Value << true;
        return;
    }
    out << YAML::Key << (e.match == Expectation::Match::Contains ? "contains" : "equals") << YAML::Value;
    json(out, e.expected);
}

std::string groupOf(Expectation::Kind kind)
{
    using K = Expectation::Kind;
    switch (kind) {
    case K::CacheKey:
        return "cache";
    case K::Notifications:
        return "notifications";
    case K::Verdict:
        return "verdict";
    case K::Count:
        return "counts";
    case K::Failures:
        return "failures";
    case K::TableItem:
    case K::TableCount:
        return "table";
    }
    return {};
}

/// `table:` for a table expectation on another table than orders (the default).
void tableName(YAML::Emitter &out, const Expectation &e)
{
    if (e.table == "orders")
        return;
    out << YAML::Key << "table" << YAML::Value;
    text(out, e.table);
}

void expectation(YAML::Emitter &out, const Scenario &s, const Expectation &e)
{
    using K = Expectation::Kind;
    switch (e.kind) {
    case K::CacheKey: {
        out << YAML::Flow << YAML::BeginMap;
        const std::string first = *std::min_element(s.world.pipeline.caches.begin(), s.world.pipeline.caches.end());
        if (e.cache != first) {
            out << YAML::Key << "cache" << YAML::Value;
            text(out, e.cache);
        }
        out << YAML::Key << "key" << YAML::Value;
        text(out, e.key);
        valueMatch(out, e);
        out << YAML::EndMap;
        return;
    }
    case K::TableItem:
        out << YAML::Flow << YAML::BeginMap;
        tableName(out, e);
        if (e.itemKey.isEmpty()) {
            out << YAML::Key << "pk" << YAML::Value;
            text(out, e.key);
        } else {
            out << YAML::Key << "key" << YAML::Value;
            json(out, e.itemKey);
        }
        valueMatch(out, e);
        out << YAML::EndMap;
        return;
    case K::TableCount:
        out << YAML::Flow << YAML::BeginMap;
        tableName(out, e);
        out << YAML::Key << "count" << YAML::Value;
        range(out, e.min, e.max);
        out << YAML::EndMap;
        return;
    case K::Notifications: {
        out << YAML::BeginMap << YAML::Key << "subscriber" << YAML::Value;
        text(out, e.subject);
        out << YAML::Key << (e.exactly ? "exactly" : "containing") << YAML::Value << YAML::BeginSeq;
        for (const auto &m : e.expected.toArray()) {
            const QJsonObject o = m.toObject();
            if (o.size() == 1 && o.contains(QStringLiteral("topic")))
                text(out, o.value(QStringLiteral("topic")).toString().toStdString());
            else
                json(out, o);
        }
        out << YAML::EndSeq << YAML::EndMap;
        return;
    }
    case K::Verdict:
        if (!e.inStep && e.finds.empty() && e.expected.isString()) {
            text(out, e.expected.toString().toStdString());
            return;
        }
        out << YAML::Flow << YAML::BeginMap;
        if (e.inStep)
            out << YAML::Key << "in-step" << YAML::Value << *e.inStep;
        if (e.expected.isString()) {
            out << YAML::Key << "equals" << YAML::Value;
            text(out, e.expected.toString().toStdString());
        }
        if (e.finds.size() == 1) {
            out << YAML::Key << "finding" << YAML::Value;
            text(out, e.finds.front());
        } else if (!e.finds.empty()) {
            out << YAML::Key << "finding" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const auto &f : e.finds)
                text(out, f);
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
        return;
    case K::Count:
        range(out, e.min, e.max);
        return;
    case K::Failures:
        if (e.countOnly) {
            range(out, e.min, e.max);
            return;
        }
        out << YAML::BeginSeq;
        for (const auto &f : e.expected.toArray())
            json(out, f);
        out << YAML::EndSeq;
        return;
    }
}

void expectations(YAML::Emitter &out, const Scenario &s, const Step &step, const std::string &where)
{
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Expectation *>> groups;
    for (const auto &e : step.expectations) {
        const std::string g = groupOf(e.kind);
        if (!groups.count(g))
            order.push_back(g);
        groups[g].push_back(&e);
    }
    out << YAML::Key << "expect" << YAML::Value << YAML::BeginMap;
    for (const auto &g : order) {
        const auto &list = groups[g];
        out << YAML::Key << g << YAML::Value;
        if (g == "verdict" || g == "failures") {
            if (list.size() > 1)
                throw std::invalid_argument(where + ": one step can expect one " + g + " only");
            expectation(out, s, *list.front());
        } else if (g == "counts") {
            out << YAML::Flow << YAML::BeginMap;
            for (const Expectation *e : list) {
                out << YAML::Key << e->subject << YAML::Value;
                expectation(out, s, *e);
            }
            out << YAML::EndMap;
        } else {
            out << YAML::BeginSeq;
            for (const Expectation *e : list)
                expectation(out, s, *e);
            out << YAML::EndSeq;
        }
    }
    out << YAML::EndMap;
}

void step(YAML::Emitter &out, const Scenario &s, const Step &st, std::size_t index)
{
    const std::string where = "step " + std::to_string(index + 1);
    out << YAML::BeginMap;
    if (st.timing == Step::Timing::At)
        out << YAML::Key << "at" << YAML::Value << durationText(st.timeMs);
    else if (st.timeMs != 0)
        out << YAML::Key << "after" << YAML::Value << durationText(st.timeMs);
    switch (st.kind) {
    case Step::Kind::Command:
        command(out, s, st.command, where);
        if (!st.expectedError.empty()) {
            out << YAML::Key << "error" << YAML::Value;
            text(out, st.expectedError);
        }
        break;
    case Step::Kind::Api:
        out << YAML::Key << "dynamodb" << YAML::Value << YAML::BeginMap << YAML::Key << "operation" << YAML::Value;
        text(out, st.apiOperation);
        out << YAML::Key << "request" << YAML::Value;
        json(out, parsedJson(st.apiRequest));
        out << YAML::EndMap;
        if (!st.expectedError.empty()) {
            out << YAML::Key << "error" << YAML::Value;
            text(out, st.expectedError);
        }
        break;
    case Step::Kind::Wait:
        out << YAML::Key << "wait" << YAML::Value << durationText(st.waitMs);
        break;
    case Step::Kind::WaitDrained:
        out << YAML::Key << "wait" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "until" << YAML::Value
            << "drained";
        if (st.waitMs > 0)
            out << YAML::Key << "limit" << YAML::Value << durationText(st.waitMs);
        out << YAML::EndMap;
        break;
    case Step::Kind::Expect:
        expectations(out, s, st, where);
        break;
    }
    out << YAML::EndMap;
}
} // namespace

std::string durationText(TimeMs ms)
{
    if (ms != 0 && ms % 1000 == 0)
        return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

std::string writeScenario(const Scenario &s)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    // A scenario is named after its folder unless the file says otherwise.
    const bool named = QFileInfo(QString::fromStdString(s.directory)).fileName().toStdString() != s.name;
    if (!s.name.empty() && named) {
        out << YAML::Key << "name" << YAML::Value;
        text(out, s.name);
    }
    if (!s.description.empty()) {
        out << YAML::Key << "description" << YAML::Value;
        text(out, s.description);
    }
    world(out, s);
    // The items of a DynamoDB export stay in their file (they may hold what plain values cannot).
    const std::size_t exported = s.seedExport.empty() ? 0 : std::min(s.seedExportItems, s.seedItems.size());
    const std::size_t inline_ = s.seedItems.size() - exported;
    if (!s.seedItems.empty() || !s.seedExport.empty()) {
        out << YAML::Key << "seed" << YAML::Value << YAML::BeginMap;
        if (inline_ > 0) {
            out << YAML::Key << "items" << YAML::Value << YAML::BeginSeq;
            for (std::size_t i = 0; i < inline_; ++i)
                json(out, plainItem(s.seedItems[i], "seed item " + std::to_string(i + 1)));
            out << YAML::EndSeq;
        }
        if (!s.seedExport.empty()) {
            out << YAML::Key << "export" << YAML::Value;
            text(out, s.seedExport);
        }
        out << YAML::EndMap;
    }
    // The faults a state file sets come first in the world's list and stay in that file.
    const std::size_t fromState =
        s.world.state ? std::min(s.world.state->faults.size(), s.world.pipeline.faults.size()) : 0;
    if (s.world.pipeline.faults.size() > fromState) {
        out << YAML::Key << "faults" << YAML::Value << YAML::BeginMap;
        for (const auto &[op, rule] :
             std::vector(s.world.pipeline.faults.begin() + static_cast<std::ptrdiff_t>(fromState),
                         s.world.pipeline.faults.end())) {
            out << YAML::Key;
            text(out, op);
            out << YAML::Value;
            text(out, rule.toString());
        }
        out << YAML::EndMap;
    }
    if (!s.subscribers.empty()) {
        out << YAML::Key << "subscribers" << YAML::Value << YAML::BeginMap;
        for (const auto &[name, topic] : s.subscribers) {
            out << YAML::Key;
            text(out, name);
            out << YAML::Value;
            text(out, topic);
        }
        out << YAML::EndMap;
    }
    out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
    for (std::size_t i = 0; i < s.steps.size(); ++i)
        step(out, s, s.steps[i], i);
    out << YAML::EndSeq << YAML::EndMap;
    if (!out.good())
        throw std::invalid_argument(std::string("the scenario cannot be written: ") + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

} // namespace orderlab::scenario
