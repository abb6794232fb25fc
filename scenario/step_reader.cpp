#include "step_reader.h"

#include "api_step.h"
#include "dynamodb/attribute_value.h"
#include "dynamodb/marshall.h"
#include "expectation_reader.h"
#include "fault_injector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace orderlab::scenario {

namespace {
constexpr TimeMs kMaxDuration = 7LL * 24 * 3600 * 1000;

std::string compactJson(const QJsonValue &v)
{
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).toStdString();
    return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).toStdString();
}

/// The node of `field` in `body`, which must be there.
YAML::Node required(const YamlValues &y, const YAML::Node &body, const char *field, const std::string &what)
{
    const YAML::Node n = body[field];
    if (!n.IsDefined() || n.IsNull())
        y.fail(n.IsDefined() ? n : body, what + " needs '" + field + "'");
    return n;
}

std::string itemsJson(const YamlValues &y, const YAML::Node &node, const std::string &what)
{
    y.sequence(node, what);
    return compactJson(y.json(node));
}

/// `kind: value` (a scalar) or `kind: {field: value}`: the one text field of a command.
std::string oneText(const YamlValues &y, const YAML::Node &body, const char *field, const std::string &what)
{
    if (body.IsScalar())
        return y.string(body, what);
    y.mapWithKeys(body, what, {field});
    return y.string(required(y, body, field, what), what + "." + field);
}

void readCommand(const YamlValues &y, const std::string &kind, const YAML::Node &body, Step &step,
                 const MappingConfig &mapping, KnownNames &names)
{
    using K = Command::Kind;
    Command &c = step.command;
    const std::string what = kind;
    auto field = [&](const char *name) { return what + "." + name; };
    switch (c.kind) {
    case K::NewOrder:
        y.mapWithKeys(body, what, {"pk", "creator", "items"});
        if (body["pk"])
            c.pk = y.string(body["pk"], field("pk"));
        c.creator = y.string(required(y, body, "creator", what), field("creator"));
        c.items = itemsJson(y, required(y, body, "items", what), field("items"));
        return;
    case K::DeleteItem:
        if (body.IsMap() && body["table"]) { // an item of another table, by its key
            y.mapWithKeys(body, what, {"table", "key"});
            c.table = y.string(body["table"], field("table"));
            c.item = marshalledItem(y, required(y, body, "key", what), field("key"));
            return;
        }
        [[fallthrough]];
    case K::AdvanceStatus:
    case K::CancelOrder:
        c.pk = oneText(y, body, "pk", what);
        return;
    case K::EditItems:
        y.mapWithKeys(body, what, {"pk", "items"});
        c.pk = y.string(required(y, body, "pk", what), field("pk"));
        c.items = itemsJson(y, required(y, body, "items", what), field("items"));
        return;
    case K::PutItem:
        y.mapWithKeys(body, what, {"item", "table"});
        if (body["table"])
            c.table = y.string(body["table"], field("table"));
        c.item = marshalledItem(y, required(y, body, "item", what), field("item"));
        return;
    case K::UpdateItem: {
        y.mapWithKeys(body, what, {"pk", "set", "remove"});
        c.pk = y.string(required(y, body, "pk", what), field("pk"));
        if (body["set"])
            c.item = marshalledItem(y, body["set"], field("set"));
        if (const YAML::Node remove = body["remove"]) {
            y.sequence(remove, field("remove"));
            for (const auto &n : remove)
                c.names.push_back(y.string(n, field("remove")));
        }
        return;
    }
    case K::SetFault: {
        y.mapWithKeys(body, what, {"op", "spec"});
        c.op = y.string(required(y, body, "op", what), field("op"));
        const YAML::Node spec = required(y, body, "spec", what);
        c.spec = y.string(spec, field("spec"));
        try {
            FaultInjector().set(c.op, FaultRule::parse(c.spec));
        } catch (const std::invalid_argument &e) {
            y.fail(spec, what + ": " + e.what());
        }
        return;
    }
    case K::ClearFault:
        c.op = oneText(y, body, "op", what);
        return;
    case K::AddSubscriber:
        y.mapWithKeys(body, what, {"name", "topic"});
        c.name = y.string(required(y, body, "name", what), field("name"));
        c.topic = y.string(required(y, body, "topic", what), field("topic"));
        names.subscribers.insert(c.name);
        return;
    case K::RemoveSubscriber:
        c.name = oneText(y, body, "name", what);
        return;
    case K::Pause:
    case K::SetFeeding:
        c.flag = y.boolean(body, what);
        return;
    case K::Step:
        c.ms = y.duration(body, what, kMaxDuration);
        if (c.ms <= 0)
            y.fail(body, "step must be longer than 0 ms");
        return;
    case K::SetSpeed:
        c.number = y.number(body, what, 0, 1e6);
        return;
    case K::SetRate:
        c.number = y.number(body, what, 0.001, 1e6);
        return;
    case K::UpdateMapping:
        c.mapping = overlaidMapping(y, body, mapping, what);
        return;
    case K::Redeliver:
        y.mapWithKeys(body, what, {"shard", "lane"});
        c.shard = static_cast<int>(y.whole(required(y, body, "shard", what), field("shard"), 0, 1000));
        if (body["lane"])
            c.lane = static_cast<int>(y.whole(body["lane"], field("lane"), 0, 1000));
        return;
    }
}

bool commandKind(const std::string &name, Command::Kind &kind)
{
    for (int k = 0; k <= static_cast<int>(Command::Kind::Redeliver); ++k)
        if (name == Command::kindName(static_cast<Command::Kind>(k))) {
            kind = static_cast<Command::Kind>(k);
            return true;
        }
    return false;
}

std::string knownActions()
{
    std::string list;
    for (int k = 0; k <= static_cast<int>(Command::Kind::Redeliver); ++k)
        list += std::string(Command::kindName(static_cast<Command::Kind>(k))) + ", ";
    return list + "dynamodb, wait, expect";
}
} // namespace

MappingConfig overlaidMapping(const YamlValues &y, const YAML::Node &body, const MappingConfig &base,
                              const std::string &what)
{
    QJsonObject merged = QJsonDocument::fromJson(QByteArray::fromStdString(mappingConfigJson(base))).object();
    if (!body.IsMap())
        y.fail(body, what + " must be a mapping of EventSourceMapping fields (BatchSize: 10, ...)");
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = QString::fromStdString(it->first.Scalar());
        if (!merged.contains(key)) {
            QString known = merged.keys().join(QStringLiteral(", "));
            y.fail(it->first, "unknown mapping field '" + key.toStdString() + "' in " + what + " (it takes " +
                                  known.toStdString() + ")");
        }
        merged.insert(key, y.json(it->second));
        std::string error;
        QJsonObject one;
        one.insert(key, y.json(it->second));
        if (!mappingConfigFromJson(compactJson(one), &error))
            y.fail(it->second, what + ": " + error);
    }
    std::string error;
    const auto config = mappingConfigFromJson(compactJson(merged), &error);
    if (!config)
        y.fail(body, what + ": " + error);
    const auto errors = config->validate();
    if (!errors.empty())
        y.fail(body, what + ": " + errors.front());
    return *config;
}

std::string marshalledItem(const YamlValues &y, const YAML::Node &node, const std::string &what)
{
    if (!node.IsMap())
        y.fail(node, what + " must be a mapping of attributes");
    try {
        const auto value = dynamodb::marshallJson(compactJson(y.json(node)));
        std::string out;
        dynamodb::appendItemJson(out, value.map());
        dynamodb::parseItemJson(out); // what the table would refuse, refused here
        return out;
    } catch (const std::exception &e) {
        y.fail(node, what + ": " + e.what());
    }
}

Step readStep(const YamlValues &y, const YAML::Node &node, std::size_t index, const MappingConfig &mapping,
              KnownNames &names)
{
    const std::string where = "step " + std::to_string(index + 1);
    if (!node.IsMap())
        y.fail(node, where + " must be a mapping such as {after: 1s, advance-status: ord-1}");
    Step step;
    step.place = y.place(node);
    std::string action;
    YAML::Node actionKey, body;
    bool timed = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (key == "at" || key == "after") {
            if (timed)
                y.fail(it->first, where + " has both at: and after: (give one)");
            timed = true;
            step.timing = key == "at" ? Step::Timing::At : Step::Timing::After;
            step.timeMs = y.duration(it->second, where + "." + key, kMaxDuration);
        } else if (key == "error") {
            step.expectedError = y.string(it->second, where + ".error");
        } else if (key == "note") {
            y.string(it->second, where + ".note");
        } else {
            if (!action.empty())
                y.fail(it->first,
                       where + " has two actions, '" + action + "' and '" + key + "' (one step, one action)");
            action = key;
            actionKey = it->first;
            body = it->second;
        }
    }
    if (action.empty())
        y.fail(node, where + " has no action (one of " + knownActions() + ")");
    const YAML::Node &b = body; // const: operator[] must never add a key
    if (action == "wait") {
        if (b.IsMap()) {
            y.mapWithKeys(b, "wait", {"until", "limit"});
            const YAML::Node until = b["until"];
            if (!until || y.string(until, "wait.until") != "drained")
                y.fail(until ? until : b, "wait.until must be 'drained'");
            step.kind = Step::Kind::WaitDrained;
            if (b["limit"])
                step.waitMs = y.duration(b["limit"], "wait.limit", kMaxDuration);
        } else {
            step.kind = Step::Kind::Wait;
            step.waitMs = y.duration(body, "wait", kMaxDuration);
        }
    } else if (action == "dynamodb") {
        readApiStep(y, body, step, names);
    } else if (action == "expect") {
        step.kind = Step::Kind::Expect;
        step.expectations = readExpectations(y, body, names);
    } else if (commandKind(action, step.command.kind)) {
        step.kind = Step::Kind::Command;
        readCommand(y, action, body, step, mapping, names);
    } else {
        y.fail(actionKey, "unknown step '" + action + "' (one of " + knownActions() + ")");
    }
    if (!step.expectedError.empty() && step.kind != Step::Kind::Command && step.kind != Step::Kind::Api)
        y.fail(node, where + ": error: applies to a command or dynamodb step only");
    return step;
}

} // namespace orderlab::scenario
