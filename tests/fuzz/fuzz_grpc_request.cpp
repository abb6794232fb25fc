// libFuzzer target over the gRPC server's request path without sockets: runUnary (grpc/unary_calls.h)
// decodes a body as the method's request message, admits the call (auth, the `cache` header,
// momento-local's fault headers) and runs it against a CacheStore and a TopicHub, exactly as the
// UnaryService does for a call that arrived over HTTP/2.
//
// Input: byte 0 picks the method (one more than there are: an unknown method); byte 1's bits add
// metadata: 1 `cache: pizza`, 2 `cache: <another>`, 4 `authorization`, 8 the header lines that
// follow. Then, with bit 8, lines `name: value` up to an empty line; the rest is the request body.
//
// A crash, a sanitizer report, an escaped exception or a broken invariant (abort()) is a finding.

#include "call_context.h"
#include "unary_calls.h"

#include "cache_store.h"
#include "topic_hub.h"

#include "../emulator/store_test_support.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace orderlab;
using namespace orderlab::grpcserver;

constexpr const char *kMethods[] = {
    "/cache_client.Scs/Get",
    "/cache_client.Scs/Set",
    "/cache_client.Scs/Delete",
    "/cache_client.Scs/SetIf",
    "/cache_client.Scs/KeysExist",
    "/cache_client.Scs/Increment",
    "/cache_client.Scs/ItemGetTtl",
    "/cache_client.Scs/UpdateTtl",
    "/cache_client.Ping/Ping",
    "/control_client.ScsControl/CreateCache",
    "/control_client.ScsControl/DeleteCache",
    "/control_client.ScsControl/ListCaches",
    "/control_client.ScsControl/FlushCache",
    "/cache_client.pubsub.Pubsub/Publish",
    "/cache_client.Scs/DictionaryGet", // not served
};
constexpr std::size_t kMethodCount = sizeof kMethods / sizeof kMethods[0];

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_grpc_request: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

/// The stores and server state; made afresh every 2,000 inputs so that what inputs store stays small.
struct World
{
    testing::TestClock clock;
    CacheStore cache{clock};
    TopicHub topics{clock, [this](const std::string &c) { return cache.hasCache(c); }};
    ServerState state{cache, topics, nullptr, [] {
                          MomentoServerOptions o;
                          o.authToken = "token";
                          return o;
                      }()};
};

void fuzzOne(std::string_view bytes)
{
    static std::unique_ptr<World> world;
    static unsigned runs = 0;
    if (!world || ++runs % 2000 == 0)
        world = std::make_unique<World>();
    if (bytes.size() < 2)
        return;
    const std::string method = kMethods[static_cast<unsigned char>(bytes[0]) % kMethodCount];
    const unsigned flags = static_cast<unsigned char>(bytes[1]);
    bytes.remove_prefix(2);

    RequestMeta meta;
    meta.peer = "ipv4:127.0.0.1:1";
    if (flags & 1)
        meta.metadata.emplace("cache", "pizza");
    if (flags & 2)
        meta.metadata.emplace("cache", "other");
    if (flags & 4)
        meta.metadata.emplace("authorization", "token");
    if (flags & 8) {
        while (!bytes.empty()) {
            const std::size_t nl = bytes.find('\n');
            const std::string_view line = bytes.substr(0, nl);
            bytes.remove_prefix(nl == std::string_view::npos ? bytes.size() : nl + 1);
            if (line.empty())
                break;
            const std::size_t colon = line.find(": ");
            if (colon != std::string_view::npos)
                meta.metadata.emplace(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
        }
    }

    const UnaryOutcome out = runUnary(world->state, method, meta, bytes);
    const auto code = out.status.error_code();
    if (code == grpc::StatusCode::OK) {
        if (meta.header("authorization") != std::optional<std::string>("token"))
            fail("a call without the token was served", method);
    } else if (!out.body.empty()) {
        fail("a failed call carries a response body", method + ": " + out.status.error_message());
    }
    if (out.status.ok() == false && out.status.error_message().empty())
        fail("an error without a message", method + " code " + std::to_string(code));
    if (out.call.delayMs > RequestFaults::kMaxDelayMs)
        fail("a delay over the maximum", std::to_string(out.call.delayMs));
    if (world->cache.listCaches().size() > world->state.options.maxCaches)
        fail("more caches than the limit", std::to_string(world->cache.listCaches().size()));
    for (const auto &name : world->cache.listCaches())
        if (name.size() > world->state.options.maxNameBytes)
            fail("a cache name over the limit was stored", std::to_string(name.size()));
    if (world->topics.topics().size() > TopicHub::Options().maxTopics)
        fail("more topics than the limit", std::to_string(world->topics.topics().size()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 64 * 1024)
        return -1;
    try {
        fuzzOne(std::string_view(reinterpret_cast<const char *>(data), size));
    } catch (const std::exception &e) {
        fail("an exception escaped", e.what());
    }
    return 0;
}
