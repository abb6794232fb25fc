// libFuzzer target over momento-local's fault headers (grpc/request_faults.*): RequestFaults::parse
// and decide, as admit() uses them (grpc/call_context.cpp).
//
// Input: header values separated by '\n', in the order of kNames below; a value that is exactly
// "-" stands for an absent header, and values after the last line are absent. Values may hold
// any bytes but '\n' (gRPC metadata values are printable ASCII; the parser must not care).
//
// A crash, a sanitizer report, an escaped exception or a broken invariant (abort()) is a finding.

#include "request_faults.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace {

using orderlab::RequestFaults;

constexpr const char *kNames[] = {
    "request-id", "return-error", "error-rpcs",        "error-count",  "delay-rpcs",
    "delay-ms",   "delay-count",  "stream-error-rpcs", "stream-error", "stream-error-message-limit"};

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_request_faults: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

bool known(const std::string &error)
{
    return error.empty() || RequestFaults::errorNames().count(error) > 0;
}

void fuzzOne(std::string_view bytes)
{
    std::map<std::string, std::string> headers;
    std::size_t start = 0;
    for (const char *name : kNames) {
        if (start > bytes.size())
            break;
        std::size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos)
            end = bytes.size();
        const std::string_view value = bytes.substr(start, end - start);
        if (value != "-")
            headers.emplace(name, std::string(value));
        start = end + 1;
    }
    const auto h = RequestFaults::parse([&](const std::string &name) -> std::optional<std::string> {
        auto it = headers.find(name);
        return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    if (h.invalidHeader.empty()) {
        if (h.delayMs > RequestFaults::kMaxDelayMs)
            fail("a delay over the maximum was accepted", std::to_string(h.delayMs));
        if (!known(h.returnError) || !known(h.streamError))
            fail("an unknown error name was accepted", h.returnError + " / " + h.streamError);
    } else {
        bool named = false;
        for (const char *name : kNames)
            named = named || h.invalidHeader.rfind(std::string(name) + ": ", 0) == 0;
        if (!named)
            fail("an invalid header is reported without its name", h.invalidHeader);
    }

    // The counters are shared across inputs, like the server's: they must stay bounded and sane.
    static RequestFaults faults;
    for (const auto &rpc : RequestFaults::rpcNames()) {
        const auto v = faults.decide(h, rpc);
        if (v.invalidHeader != h.invalidHeader)
            fail("decide lost the invalid header", v.invalidHeader);
        if (!v.invalidHeader.empty() && (!v.error.empty() || v.delayMs != 0))
            fail("an invalid header still injected a fault", v.invalidHeader);
        if (v.delayMs > RequestFaults::kMaxDelayMs || !known(v.error) || !known(v.streamError))
            fail("decide returned an out-of-range verdict", v.error + " " + std::to_string(v.delayMs));
        if (!v.error.empty() && !h.errorRpcs.count(rpc))
            fail("an error for an rpc that error-rpcs does not name", rpc);
        if (v.delayMs > 0 && !h.delayRpcs.count(rpc))
            fail("a delay for an rpc that delay-rpcs does not name", rpc);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return -1; // metadata is small; longer inputs add run time, not coverage
    try {
        fuzzOne(std::string_view(reinterpret_cast<const char *>(data), size));
    } catch (const std::exception &e) {
        fail("an exception escaped", e.what());
    }
    return 0;
}
