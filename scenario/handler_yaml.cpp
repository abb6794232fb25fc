#include "handler_yaml.h"

#include "scenario_writer.h"

#include <set>

namespace orderlab::scenario {

namespace {
constexpr TimeMs kMaxTimeoutMs = 900000; // Lambda's 15 minutes

std::string nonEmpty(const YamlValues &y, const YAML::Node &node, const std::string &what, const char *example)
{
    const std::string value = y.string(node, what);
    if (value.find_first_not_of(" \t") == std::string::npos || value.find('\0') != std::string::npos)
        y.fail(node, what + " wants " + example + ", got '" + value + "'");
    return value;
}
} // namespace

HandlerSpec readHandler(const YamlValues &y, const YAML::Node &node)
{
    HandlerSpec h;
    h.place = y.place(node);
    if (node.IsScalar()) {
        if (node.Scalar() != "core")
            y.fail(node, "world.handler is core or {command: ..., dir: ...} (a process), got '" + node.Scalar() + "'");
        return h;
    }
    if (!node.IsMap())
        y.fail(node, "world.handler is core or {command: ..., dir: ...} (a process)");
    y.mapWithKeys(node, "world.handler", {"command", "dir", "name", "timeout", "memory", "env"});
    if (!node["command"])
        y.fail(node, "world.handler needs command (the process to run, as sh -c runs it)");
    h.kind = HandlerSpec::Kind::Process;
    h.command = nonEmpty(y, node["command"], "world.handler.command", "a command");
    if (node["dir"])
        h.directory = nonEmpty(y, node["dir"], "world.handler.dir", "a folder");
    if (node["name"])
        h.name = nonEmpty(y, node["name"], "world.handler.name", "a name such as index.handler");
    if (node["timeout"]) {
        h.timeoutMs = y.duration(node["timeout"], "world.handler.timeout", kMaxTimeoutMs);
        if (h.timeoutMs < 1000 || h.timeoutMs % 1000 != 0)
            y.fail(node["timeout"],
                   "world.handler.timeout wants whole seconds from 1s to 900s, got '" + node["timeout"].Scalar() + "'");
    }
    if (node["memory"])
        h.memoryMb = static_cast<int>(y.whole(node["memory"], "world.handler.memory", 128, 10240));
    if (const YAML::Node env = node["env"]) {
        if (!env.IsMap())
            y.fail(env, "world.handler.env must be a mapping of NAME: VALUE");
        std::set<std::string> seen;
        for (auto it = env.begin(); it != env.end(); ++it) {
            const std::string name = it->first.Scalar();
            if (!seen.insert(name).second)
                y.fail(it->first, "world.handler.env: the variable " + name + " is given twice");
            h.environment.emplace_back(name, y.string(it->second, "world.handler.env." + name));
        }
    }
    return h;
}

void writeHandler(YAML::Emitter &out, const HandlerSpec &handler)
{
    if (handler.kind == HandlerSpec::Kind::Core) {
        out << "core";
        return;
    }
    const HandlerSpec defaults;
    out << YAML::BeginMap;
    out << YAML::Key << "command" << YAML::Value << YAML::DoubleQuoted << handler.command;
    if (!handler.directory.empty())
        out << YAML::Key << "dir" << YAML::Value << YAML::DoubleQuoted << handler.directory;
    if (handler.name != defaults.name)
        out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << handler.name;
    if (handler.timeoutMs != defaults.timeoutMs)
        out << YAML::Key << "timeout" << YAML::Value << durationText(handler.timeoutMs);
    if (handler.memoryMb != defaults.memoryMb)
        out << YAML::Key << "memory" << YAML::Value << handler.memoryMb;
    if (!handler.environment.empty()) {
        out << YAML::Key << "env" << YAML::Value << YAML::BeginMap;
        for (const auto &[name, value] : handler.environment)
            out << YAML::Key << YAML::DoubleQuoted << name << YAML::Value << YAML::DoubleQuoted << value;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

} // namespace orderlab::scenario
