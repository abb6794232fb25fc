#include "request_faults.h"

#include <charconv>
#include <sstream>

namespace orderlab {

namespace {

constexpr std::size_t kMaxRequestIds = 10000;

std::set<std::string> words(const std::string &text)
{
    std::set<std::string> out;
    std::istringstream in(text);
    std::string w;
    while (in >> w)
        out.insert(w);
    return out;
}

std::optional<std::uint64_t> number(const std::string &text)
{
    std::uint64_t v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
        return std::nullopt;
    return v;
}

} // namespace

const std::set<std::string> &RequestFaults::errorNames()
{
    static const std::set<std::string> names{"unavailable",      "unknown",           "already-exists",
                                             "not-found",        "internal",          "permission-denied",
                                             "unauthenticated",  "cancelled",         "resource-exhausted",
                                             "invalid-argument", "deadline-exceeded", "failed-precondition"};
    return names;
}

const std::set<std::string> &RequestFaults::rpcNames()
{
    static const std::set<std::string> names{
        "get",       "set",          "delete",     "set-if",        "keys-exist",
        "increment", "item-get-ttl", "update-ttl", "topic-publish", "topic-subscribe"};
    return names;
}

RequestFaults::Headers RequestFaults::parse(const Lookup &lookup)
{
    Headers h;
    auto text = [&](const char *name) { return lookup(name).value_or(std::string()); };
    auto count = [&](const char *name, std::optional<std::uint64_t> &out) {
        auto v = lookup(name);
        if (!v)
            return;
        out = number(*v);
        if (!out && h.invalidHeader.empty())
            h.invalidHeader = std::string(name) + ": not a whole number: '" + *v + "'";
    };
    auto errorName = [&](const char *name, std::string &out) {
        out = text(name);
        if (!out.empty() && !errorNames().count(out) && h.invalidHeader.empty())
            h.invalidHeader = std::string(name) + ": unknown error '" + out + "'";
    };
    h.requestId = text("request-id");
    errorName("return-error", h.returnError);
    h.errorRpcs = words(text("error-rpcs"));
    count("error-count", h.errorCount);
    h.delayRpcs = words(text("delay-rpcs"));
    std::optional<std::uint64_t> delay;
    count("delay-ms", delay);
    if (delay && *delay > kMaxDelayMs) {
        if (h.invalidHeader.empty())
            h.invalidHeader = "delay-ms: " + std::to_string(*delay) + " exceeds the maximum of " +
                              std::to_string(kMaxDelayMs) + " ms";
        delay.reset();
    }
    h.delayMs = delay.value_or(0);
    count("delay-count", h.delayCount);
    h.streamErrorRpcs = words(text("stream-error-rpcs"));
    errorName("stream-error", h.streamError);
    std::optional<std::uint64_t> limit;
    count("stream-error-message-limit", limit);
    h.streamErrorMessageLimit = limit.value_or(0);
    return h;
}

RequestFaults::Counts &RequestFaults::countsFor(const std::string &requestId)
{
    auto [it, inserted] = m_counts.try_emplace(requestId);
    if (inserted) {
        m_order.push_back(requestId);
        while (m_order.size() > kMaxRequestIds) {
            m_counts.erase(m_order.front());
            m_order.pop_front();
        }
        it = m_counts.find(requestId);
    }
    return it->second;
}

RequestFaults::Verdict RequestFaults::decide(const Headers &headers, const std::string &rpc)
{
    Verdict v;
    if (!headers.invalidHeader.empty()) {
        v.invalidHeader = headers.invalidHeader;
        return v;
    }
    const bool fail = !headers.returnError.empty() && headers.errorRpcs.count(rpc);
    const bool delay = headers.delayMs > 0 && headers.delayRpcs.count(rpc);
    if (fail || delay) {
        Counts local;
        std::unique_lock<std::mutex> lock(m_mutex, std::defer_lock);
        Counts *counts = &local;
        if (!headers.requestId.empty()) {
            lock.lock();
            counts = &countsFor(headers.requestId);
        }
        if (fail && (!headers.errorCount || counts->errors < *headers.errorCount)) {
            ++counts->errors;
            v.error = headers.returnError;
        }
        if (delay && (!headers.delayCount || counts->delays < *headers.delayCount)) {
            ++counts->delays;
            v.delayMs = headers.delayMs;
        }
    }
    if (!headers.streamError.empty() && headers.streamErrorRpcs.count(rpc)) {
        v.streamError = headers.streamError;
        v.streamErrorAfter = headers.streamErrorMessageLimit;
    }
    return v;
}

} // namespace orderlab
