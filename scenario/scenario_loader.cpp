#include "scenario_loader.h"

#include "expectation_reader.h"
#include "handler_yaml.h"
#include "step_reader.h"
#include "stream/view_type.h"
#include "yaml_values.h"

#include "dynamodb/attribute_value.h"
#include "fault_injector.h"
#include "state/state_reader.h"
#include "state/state_restore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>
#include <set>

namespace orderlab::scenario {

namespace {
constexpr TimeMs kMaxRunMs = 7LL * 24 * 3600 * 1000;

void readWorld(const YamlValues &y, const YAML::Node &w, Scenario &s)
{
    y.mapWithKeys(w, "world",
                  {"seed", "shards", "view-type", "timing", "call-latency", "handler-ttl", "mapping", "apps",
                   "check-every", "caches", "max-time", "handler"});
    PipelineConfig &p = s.world.pipeline;
    if (w["seed"])
        p.seed = static_cast<std::uint64_t>(y.whole(w["seed"], "world.seed", 0, std::numeric_limits<long long>::max()));
    if (w["shards"])
        p.shards = static_cast<int>(y.whole(w["shards"], "world.shards", 1, 64));
    if (w["view-type"]) {
        const auto view = parseViewType(y.string(w["view-type"], "world.view-type"));
        if (!view)
            y.fail(w["view-type"], "unknown world.view-type '" + w["view-type"].Scalar() + "'");
        p.viewType = *view;
    }
    if (w["timing"] && w["call-latency"])
        y.fail(w["call-latency"], "world.timing and world.call-latency exclude each other");
    if (w["timing"]) {
        const auto profile = TimingProfile::named(y.string(w["timing"], "world.timing"));
        if (!profile)
            y.fail(w["timing"], "unknown world.timing '" + w["timing"].Scalar() +
                                    "' (instant, in-region or "
                                    "laptop-to-cloud)");
        p.timing = *profile;
    }
    if (w["call-latency"])
        p.callLatencyMs = y.duration(w["call-latency"], "world.call-latency", 60000);
    if (w["handler-ttl"])
        p.handlerTtlMs = y.duration(w["handler-ttl"], "world.handler-ttl", 24LL * 3600 * 1000);
    if (w["apps"])
        s.world.apps = y.boolean(w["apps"], "world.apps");
    if (w["check-every"])
        s.world.checkEveryMs = y.duration(w["check-every"], "world.check-every", 3600000);
    if (w["handler"])
        s.handler = readHandler(y, w["handler"]);
    if (w["max-time"]) {
        s.maxTimeMs = y.duration(w["max-time"], "world.max-time", kMaxRunMs);
        if (s.maxTimeMs <= 0)
            y.fail(w["max-time"], "world.max-time must be longer than 0 ms");
    }
    if (const YAML::Node caches = w["caches"]) {
        y.sequence(caches, "world.caches");
        p.caches.clear();
        for (const auto &c : caches) {
            const std::string name = y.string(c, "world.caches");
            if (const auto problem = CacheStore::cacheNameError(name))
                y.fail(c, "world.caches: '" + name + "': " + *problem);
            p.caches.push_back(name);
        }
        if (p.caches.empty())
            y.fail(caches, "world.caches needs at least one cache");
    }
}

/// `state: FILE` (docs/scenarios.md, "Starting from a state"): the world's configuration and contents.
void readState(const YamlValues &y, const YAML::Node &node, const std::string &directory, Scenario &s)
{
    s.stateFile = y.string(node, "state");
    const QString path = QDir(QString::fromStdString(directory)).filePath(QString::fromStdString(s.stateFile));
    try {
        auto state = std::make_shared<state::WorldState>(state::readStateFile(path.toStdString()));
        state::applyStateConfig(*state, s.world);
        s.world.state = std::move(state);
    } catch (const state::StateError &e) {
        y.fail(node, std::string("state: ") + e.what());
    }
}

void readSeed(const YamlValues &y, const YAML::Node &seed, const std::string &directory, Scenario &s)
{
    y.mapWithKeys(seed, "seed", {"items", "export"});
    if (const YAML::Node items = seed["items"]) {
        y.sequence(items, "seed.items");
        for (const auto &item : items)
            s.seedItems.push_back(marshalledItem(y, item, "seed.items entry"));
    }
    if (const YAML::Node exported = seed["export"]) {
        const std::string name = y.string(exported, "seed.export");
        s.seedExport = name;
        const std::size_t before = s.seedItems.size();
        const QString path = QDir(QString::fromStdString(directory)).filePath(QString::fromStdString(name));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            y.fail(exported,
                   "seed.export: cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
        int lineNumber = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            ++lineNumber;
            if (line.isEmpty())
                continue;
            // An error in the export file is reported at its own line.
            auto bad = [&](const std::string &why) { throw ScenarioError({path.toStdString(), lineNumber, 1}, why); };
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError)
                bad("not JSON: " + error.errorString().toStdString() + " at offset " + std::to_string(error.offset));
            if (!doc.isObject() || !doc.object().value(QStringLiteral("Item")).isObject())
                bad(R"(each line of a DynamoDB export is {"Item": {...}})");
            const std::string item = QJsonDocument(doc.object().value(QStringLiteral("Item")).toObject())
                                         .toJson(QJsonDocument::Compact)
                                         .toStdString();
            try {
                dynamodb::parseItemJson(item);
            } catch (const std::exception &e) {
                bad(std::string("Item: ") + e.what());
            }
            s.seedItems.push_back(item);
        }
        s.seedExportItems = s.seedItems.size() - before;
    }
}

void readSubscribers(const YamlValues &y, const YAML::Node &subs, Scenario &s, KnownNames &names)
{
    if (!subs.IsMap())
        y.fail(subs, "subscribers must be a mapping of name: topic (or pattern with *)");
    for (auto it = subs.begin(); it != subs.end(); ++it) {
        const std::string name = it->first.Scalar();
        s.subscribers.emplace_back(name, y.string(it->second, "subscribers." + name));
        names.subscribers.insert(name);
    }
}

void readFaults(const YamlValues &y, const YAML::Node &faults, Scenario &s)
{
    if (!faults.IsMap())
        y.fail(faults, "faults must be a mapping of operation: spec (cache.set: 0.1)");
    for (auto it = faults.begin(); it != faults.end(); ++it) {
        const std::string op = it->first.Scalar();
        const std::string spec = y.string(it->second, "faults." + op);
        try {
            const FaultRule rule = FaultRule::parse(spec);
            FaultInjector().set(op, rule);
            s.world.pipeline.faults.emplace_back(op, rule);
        } catch (const std::invalid_argument &e) {
            y.fail(it->second, "faults." + op + ": " + e.what());
        }
    }
}
} // namespace

std::string Scenario::goldenPath() const
{
    return QDir(QString::fromStdString(directory)).filePath(QStringLiteral("expected/outcome.json")).toStdString();
}

std::string Scenario::handlerDirectory() const
{
    const QDir base(QString::fromStdString(directory));
    return QDir::cleanPath(base.absoluteFilePath(QString::fromStdString(handler.directory))).toStdString();
}

namespace {
Scenario parseChecked(const std::string &text, const std::string &file, const std::string &directory)
{
    const YamlValues y(file);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        throw ScenarioError({file, std::max(1, e.mark.line + 1), std::max(1, e.mark.column + 1)},
                            "YAML syntax: " + e.msg);
    }
    if (!root.IsDefined() || root.IsNull()) // no marks to name: the file's start
        throw ScenarioError({file, 1, 1}, "the file holds no scenario (a scenario needs 'steps')");
    const YAML::Node &r = root;
    y.mapWithKeys(r, "a scenario", {"name", "description", "state", "world", "seed", "faults", "subscribers", "steps"});
    Scenario s;
    s.file = file;
    s.directory = directory;
    s.name = QFileInfo(QString::fromStdString(directory)).fileName().toStdString();
    s.world.clock = WorldConfig::ClockMode::Virtual;
    if (r["name"])
        s.name = y.string(r["name"], "name");
    if (r["description"])
        s.description = y.string(r["description"], "description");
    if (r["state"]) {
        readState(y, r["state"], directory, s);
        if (r["world"]) // the state holds the world's configuration: only the run's own bound may be given
            y.mapWithKeys(r["world"], "world (the state gives the rest)", {"max-time", "handler"});
    }
    if (r["world"])
        readWorld(y, r["world"], s);
    if (r["world"] && r["world"]["mapping"])
        s.world.pipeline.mapping = overlaidMapping(y, r["world"]["mapping"], s.world.pipeline.mapping, "world.mapping");
    KnownNames names;
    names.caches.insert(s.world.pipeline.caches.begin(), s.world.pipeline.caches.end());
    names.apps = s.world.apps;
    if (names.apps)
        names.subscribers = {"Order app", "Admin app"};
    if (s.world.state && names.apps)
        for (const auto &[name, topic] : s.world.state->subscribers.subscribers)
            names.subscribers.insert(name);
    if (r["seed"])
        readSeed(y, r["seed"], directory, s);
    if (r["faults"])
        readFaults(y, r["faults"], s);
    if (r["subscribers"]) {
        if (!names.apps)
            y.fail(r["subscribers"], "subscribers need world.apps: true");
        readSubscribers(y, r["subscribers"], s, names);
    }
    if (!r["steps"])
        y.fail(r, "a scenario needs 'steps'");
    y.sequence(r["steps"], "steps");
    std::size_t i = 0;
    TimeMs lastAt = 0;
    for (const auto &node : r["steps"]) {
        Step step = readStep(y, node, i++, s.world.pipeline.mapping, names);
        if (step.kind == Step::Kind::Command && step.command.kind == Command::Kind::AddSubscriber && !names.apps)
            y.fail(node, "add-subscriber needs world.apps: true");
        if (step.timing == Step::Timing::At) {
            if (step.timeMs < lastAt)
                y.fail(node, "at: " + std::to_string(step.timeMs) +
                                 " ms comes before an earlier step's at: " + std::to_string(lastAt) + " ms");
            lastAt = step.timeMs;
        }
        if (step.timing == Step::Timing::At && step.timeMs > s.maxTimeMs)
            y.fail(node, "at: is past world.max-time (" + std::to_string(s.maxTimeMs) + " ms)");
        s.steps.push_back(std::move(step));
    }
    return s;
}
} // namespace

Scenario parseScenario(const std::string &text, const std::string &file, const std::string &directory)
{
    try {
        return parseChecked(text, file, directory);
    } catch (const ScenarioError &) {
        throw;
    } catch (const YAML::Exception &e) {
        // yaml-cpp's own complaints (an invalid node, a bad conversion): still named by place.
        throw ScenarioError({file, e.mark.line + 1, e.mark.column + 1}, e.msg);
    } catch (const std::exception &e) {
        throw ScenarioError({file, 0, 0}, e.what());
    }
}

Scenario loadScenario(const std::string &path)
{
    QFileInfo info(QString::fromStdString(path));
    if (info.isDir())
        info = QFileInfo(QDir(info.filePath()).filePath(QStringLiteral("scenario.yaml")));
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        throw ScenarioError({info.filePath().toStdString(), 0, 0}, "cannot read: " + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    return parseScenario(bytes.toStdString(), info.filePath().toStdString(), info.absolutePath().toStdString());
}

std::vector<std::string> findScenarios(const std::vector<std::string> &paths, std::vector<std::string> *missing)
{
    std::set<std::string> found;
    for (const auto &p : paths) {
        const QFileInfo info(QString::fromStdString(p));
        if (info.isFile()) {
            found.insert(info.filePath().toStdString());
        } else if (info.isDir()) {
            const QString own = QDir(info.filePath()).filePath(QStringLiteral("scenario.yaml"));
            if (QFileInfo::exists(own)) {
                found.insert(QDir::cleanPath(own).toStdString());
                continue;
            }
            QDirIterator it(info.filePath(), {QStringLiteral("scenario.yaml")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                found.insert(QDir::cleanPath(it.next()).toStdString());
        } else if (missing) {
            missing->push_back(p);
        }
    }
    return {found.begin(), found.end()};
}

} // namespace orderlab::scenario
