#include "fault_injector.h"

#include <cstdio>

#include "events/event_bus.h"
#include "text/number_text.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace orderlab {

namespace {

bool matches(const std::string &pattern, const std::string &operation)
{
    if (pattern == "*" || pattern == operation)
        return true;
    return pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0 &&
           operation.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
}

// Every number of a spec is read with the one grammar of docs/command-line.md, "Numbers".
double parseProbability(const std::string &what, const std::string &text)
{
    double p = 0;
    const std::string error = text::readNumber(what, text, 0, 1, p);
    if (!error.empty())
        throw std::invalid_argument(error);
    return p;
}

long long parseInt(const std::string &what, const std::string &text, long long max)
{
    long long v = 0;
    const std::string error = text::readWholeNumber(what, text, 0, max, v);
    if (!error.empty())
        throw std::invalid_argument(error);
    return v;
}

} // namespace

FaultRule FaultRule::parse(const std::string &spec)
{
    if (spec.empty())
        throw std::invalid_argument("empty fault specification");
    FaultRule rule;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = spec.find(',', start);
        const std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (part.empty())
            throw std::invalid_argument("empty setting in fault specification '" + spec + "'");
        const auto eq = part.find_first_of("=:");
        const std::string key = eq == std::string::npos ? std::string() : part.substr(0, eq);
        const std::string value = eq == std::string::npos ? part : part.substr(eq + 1);
        if (eq == std::string::npos) {
            rule.probability = parseProbability("probability", value);
        } else if (key == "p") {
            rule.probability = parseProbability("p", value);
        } else if (key == "next") {
            rule.nextCalls = static_cast<int>(parseInt("next", value, 1000000));
        } else if (key == "code") {
            auto code = momento::errorCodeFromName(value);
            if (!code)
                throw std::invalid_argument("unknown Momento error code '" + value +
                                            "' (try unavailable, internal, timeout, limit-exceeded, ...)");
            rule.code = *code;
        } else if (key == "latency") {
            std::string v = value;
            if (v.size() > 2 && v.compare(v.size() - 2, 2, "ms") == 0)
                v.resize(v.size() - 2);
            rule.latencyMs = parseInt("latency", v, 3600000);
        } else if (key == "mode") {
            if (value == "throw")
                rule.handlerMode = HandlerMode::Throw;
            else if (value == "timeout")
                rule.handlerMode = HandlerMode::Timeout;
            else
                throw std::invalid_argument("mode is throw or timeout, got '" + value + "'");
        } else {
            throw std::invalid_argument("unknown fault setting '" + key + "' (p, next, code, latency, mode)");
        }
        if (comma == std::string::npos)
            return rule;
        start = comma + 1;
    }
}

std::string FaultRule::toString() const
{
    // The shortest text that reads back as the same double: std::to_string kept six decimals only.
    char p[64];
    const auto written = std::to_chars(p, p + sizeof p, probability);
    std::string s = "p=" + std::string(p, written.ptr);
    if (nextCalls)
        s += ",next=" + std::to_string(nextCalls);
    s += std::string(",code=") + momento::errorCodeName(code);
    if (latencyMs)
        s += ",latency=" + std::to_string(latencyMs) + "ms";
    if (handlerMode == HandlerMode::Timeout) // throw is the default, and what parse() assumes without mode=
        s += ",mode=timeout";
    return s;
}

std::string FaultRule::describe(const std::string &operation) const
{
    const std::string how = operation == "handler"
                                ? (handlerMode == HandlerMode::Timeout ? "by timing out" : "by throwing")
                                : std::string("with ") + momento::errorCodeName(code);
    std::vector<std::string> parts;
    if (probability > 0) {
        char percent[32];
        std::snprintf(percent, sizeof percent, "%.4g%%", probability * 100);
        parts.push_back(probability >= 1 ? "every call fails " + how : std::string(percent) + " of calls fail " + how);
    }
    if (nextCalls > 0 && probability < 1)
        parts.push_back(nextCalls == 1 ? "the next call fails " + how
                                       : "the next " + std::to_string(nextCalls) + " calls fail " + how);
    if (latencyMs > 0)
        parts.push_back("every call " + std::to_string(latencyMs) + " ms slower");
    if (parts.empty())
        return "no call fails";
    std::string s = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i)
        s += "; " + parts[i];
    return s;
}

const std::vector<std::string> &FaultInjector::operations()
{
    static const std::vector<std::string> ops{"cache.get", "cache.set", "cache.delete", "topic.publish", "handler"};
    return ops;
}

void FaultInjector::set(const std::string &operation, const FaultRule &rule)
{
    const auto &ops = operations();
    const bool known =
        std::any_of(ops.begin(), ops.end(), [&](const std::string &op) { return matches(operation, op); });
    if (!known)
        throw std::invalid_argument("unknown operation '" + operation +
                                    "' (cache.get, cache.set, cache.delete, topic.publish, handler, cache.*, *)");
    std::lock_guard lock(m_mutex);
    m_rules[operation] = rule;
}

void FaultInjector::clear(const std::string &operation)
{
    std::lock_guard lock(m_mutex);
    m_rules.erase(operation);
}

void FaultInjector::clearAll()
{
    std::lock_guard lock(m_mutex);
    m_rules.clear();
}

std::map<std::string, FaultRule> FaultInjector::rules() const
{
    std::lock_guard lock(m_mutex);
    return m_rules;
}

const FaultRule *FaultInjector::ruleFor(const std::string &operation) const
{
    auto exact = m_rules.find(operation);
    if (exact != m_rules.end())
        return &exact->second;
    for (const auto &[pattern, rule] : m_rules) {
        if (matches(pattern, operation))
            return &rule;
    }
    return nullptr;
}

FaultInjector::Decision FaultInjector::decide(const std::string &operation)
{
    Decision d;
    {
        std::lock_guard lock(m_mutex);
        auto *rule = const_cast<FaultRule *>(ruleFor(operation));
        if (!rule)
            return d;
        d.code = rule->code;
        d.latencyMs = rule->latencyMs;
        d.handlerMode = rule->handlerMode;
        if (rule->nextCalls > 0) {
            --rule->nextCalls;
            d.fail = true;
        } else if (rule->probability > 0) {
            d.fail = m_random.unit() < rule->probability;
        }
        if (d.fail)
            ++m_injected;
    }
    if (m_events && (d.fail || d.latencyMs > 0)) {
        std::string effect;
        if (d.fail && operation == "handler")
            effect = d.handlerMode == FaultRule::HandlerMode::Timeout ? "timeout" : "throw";
        else if (d.fail)
            effect = std::string("error ") + momento::errorCodeName(d.code);
        if (d.latencyMs > 0)
            effect += (effect.empty() ? "" : ", ") + std::string("latency ") + std::to_string(d.latencyMs) + " ms";
        m_events->publish(FaultFiredEvent{operation, effect});
    }
    return d;
}

std::uint64_t FaultInjector::injected() const
{
    std::lock_guard lock(m_mutex);
    return m_injected;
}

} // namespace orderlab
