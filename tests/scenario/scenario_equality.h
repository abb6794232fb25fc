#pragma once
// Field-by-field comparison of two scenarios (places, file and folder aside), for the writer's round trip.
#include "dynamodb/attribute_value.h"
#include "scenario.h"

#include <string>

namespace orderlab::scenario::test {

inline std::string canonicalItem(const std::string &json)
{
    std::string out;
    dynamodb::appendItemJson(out, dynamodb::parseItemJson(json));
    return out;
}

inline std::string expectationText(const Expectation &e)
{
    std::string finds;
    for (const auto &f : e.finds)
        finds += f + "|";
    return std::to_string(int(e.kind)) + " cache=" + e.cache + " key=" + e.key + " table=" + e.table +
           " subject=" + e.subject + " path=" + e.path + " match=" + std::to_string(int(e.match)) +
           " exactly=" + std::to_string(e.exactly) + " expected=" + e.describe() +
           " inStep=" + (e.inStep ? std::to_string(*e.inStep) : "-") + " finds=" + finds +
           " range=" + std::to_string(e.min) + ".." + std::to_string(e.max) +
           " countOnly=" + std::to_string(e.countOnly);
}

inline std::string stepText(const Step &s)
{
    std::string out = std::to_string(int(s.kind)) + " timing=" + std::to_string(int(s.timing)) +
                      " time=" + std::to_string(s.timeMs) + " wait=" + std::to_string(s.waitMs) +
                      " error=" + s.expectedError;
    if (s.kind == Step::Kind::Command) {
        Command c = s.command;
        if (!c.item.empty())
            c.item = canonicalItem(c.item);
        out += " command=" + c.toJson();
    }
    if (s.kind == Step::Kind::Api)
        out += " api=" + s.apiOperation + " " + s.apiRequest;
    for (const auto &e : s.expectations)
        out += "\n    " + expectationText(e);
    return out;
}

/// Everything a scenario says, one line per part, so that QCOMPARE shows where two differ.
inline std::string scenarioText(const Scenario &s)
{
    const PipelineConfig &p = s.world.pipeline;
    std::string out = "name=" + s.name + "\ndescription=" + s.description + "\nseed=" + std::to_string(p.seed) +
                      " shards=" + std::to_string(p.shards) + " view=" + std::to_string(int(p.viewType)) +
                      " timing=" + p.timing.name +
                      " latency=" + (p.callLatencyMs ? std::to_string(*p.callLatencyMs) : "-") +
                      " ttl=" + std::to_string(p.handlerTtlMs) + " apps=" + std::to_string(s.world.apps) +
                      " check=" + std::to_string(s.world.checkEveryMs) + " max=" + std::to_string(s.maxTimeMs) +
                      "\nmapping=" + mappingConfigJson(p.mapping) + "\ncaches=";
    for (const auto &c : p.caches)
        out += c + ",";
    const HandlerSpec &h = s.handler;
    out += "\nhandler=" + std::to_string(int(h.kind)) + " command=" + h.command + " dir=" + h.directory +
           " name=" + h.name + " timeout=" + std::to_string(h.timeoutMs) + " memory=" + std::to_string(h.memoryMb) +
           " env=";
    for (const auto &[name, value] : h.environment)
        out += name + "=" + value + ",";
    out += "\nfaults=";
    for (const auto &[op, rule] : p.faults)
        out += op + ":" + rule.toString() + ",";
    out += "\nexport=" + s.seedExport + " (" + std::to_string(s.seedExportItems) + ")";
    out += "\nseed items=";
    for (const auto &i : s.seedItems)
        out += canonicalItem(i) + ",";
    out += "\nsubscribers=";
    for (const auto &[name, topic] : s.subscribers)
        out += name + ":" + topic + ",";
    for (const auto &st : s.steps)
        out += "\n  " + stepText(st);
    return out + "\n";
}

} // namespace orderlab::scenario::test
