// momento-local's fault-injection headers, the emulator's FaultInjector rules for every client at
// once, and the RequestFaults parser on its own.
#include "grpc_fixture.h"

#include "request_faults.h"
#include "timer_thread.h"
#include <limits>

#include <atomic>

using namespace orderlab;
using namespace orderlab::test;
using namespace cache_client;

namespace {

class Faults : public GrpcFixture
{
};

TEST_F(Faults, ReturnErrorForEveryErrorName)
{
    const std::map<std::string, grpc::StatusCode> expected{
        {"unavailable", grpc::StatusCode::UNAVAILABLE},
        {"unknown", grpc::StatusCode::UNKNOWN},
        {"already-exists", grpc::StatusCode::ALREADY_EXISTS},
        {"not-found", grpc::StatusCode::NOT_FOUND},
        {"internal", grpc::StatusCode::INTERNAL},
        {"permission-denied", grpc::StatusCode::PERMISSION_DENIED},
        {"unauthenticated", grpc::StatusCode::UNAUTHENTICATED},
        {"cancelled", grpc::StatusCode::CANCELLED},
        {"resource-exhausted", grpc::StatusCode::RESOURCE_EXHAUSTED},
        {"invalid-argument", grpc::StatusCode::INVALID_ARGUMENT},
        {"deadline-exceeded", grpc::StatusCode::DEADLINE_EXCEEDED},
        {"failed-precondition", grpc::StatusCode::FAILED_PRECONDITION},
    };
    ASSERT_EQ(expected.size(), RequestFaults::errorNames().size());
    for (const auto &[name, code] : expected) {
        _GetResponse rp;
        const auto st = get("k", rp, kCacheName, {{"return-error", name}, {"error-rpcs", "get"}});
        EXPECT_EQ(st.error_code(), code) << name;
    }
}

TEST_F(Faults, ErrorOnlyForTheNamedRpcs)
{
    _GetResponse rp;
    EXPECT_TRUE(get("k", rp, kCacheName, {{"return-error", "unavailable"}, {"error-rpcs", "set delete"}}).ok());
    EXPECT_EQ(
        publish("t", "x", kCacheName, {{"return-error", "internal"}, {"error-rpcs", "get topic-publish"}}).error_code(),
        grpc::StatusCode::INTERNAL);
}

TEST_F(Faults, ErrorCountIsSharedByRequestId)
{
    Metadata md{{"request-id", "r1"}, {"return-error", "unavailable"}, {"error-rpcs", "get"}, {"error-count", "2"}};
    _GetResponse rp;
    EXPECT_EQ(get("k", rp, kCacheName, md).error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(get("k", rp, kCacheName, md).error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_TRUE(get("k", rp, kCacheName, md).ok());
    EXPECT_TRUE(get("k", rp, kCacheName, md).ok());
    // another request id has its own count
    EXPECT_EQ(get("k", rp, kCacheName,
                  {{"request-id", "r2"}, {"return-error", "unavailable"}, {"error-rpcs", "get"}, {"error-count", "1"}})
                  .error_code(),
              grpc::StatusCode::UNAVAILABLE);
    EXPECT_GE(server->stats().injectedFaults, 3u);
}

TEST_F(Faults, DelayMsDelaysTheResponseDelayCountTimes)
{
    Metadata md{{"request-id", "d"}, {"delay-rpcs", "get"}, {"delay-ms", "300"}, {"delay-count", "1"}};
    _GetResponse rp;
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(get("k", rp, kCacheName, md).ok());
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));
    t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(get("k", rp, kCacheName, md).ok());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(250));
}

TEST_F(Faults, DelayPastTheClientDeadlineIsDeadlineExceeded)
{
    _GetRequest rq;
    rq.set_cache_key("k");
    _GetResponse rp;
    grpc::ClientContext ctx;
    ctx.AddMetadata("cache", kCacheName);
    ctx.AddMetadata("delay-rpcs", "get");
    ctx.AddMetadata("delay-ms", "2000");
    ctx.set_deadline(deadline(200));
    EXPECT_EQ(scs->Get(&ctx, rq, &rp).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    EXPECT_TRUE(get("k", rp).ok());
}

TEST_F(Faults, MalformedFaultHeaderIsInvalidArgument)
{
    _GetResponse rp;
    EXPECT_EQ(get("k", rp, kCacheName, {{"return-error", "kaboom"}, {"error-rpcs", "get"}}).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(get("k", rp, kCacheName, {{"delay-rpcs", "get"}, {"delay-ms", "soon"}}).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Faults, HugeOrNegativeDelayIsInvalidArgumentNamingDelayMs)
{
    // 2^63 - 1 ms once overflowed `now + delay` (undefined behaviour) and the call answered at once.
    _GetResponse rp;
    for (const char *value : {"9223372036854775807", "18446744073709551615", "3600001", "-1", "-9223372036854775808"}) {
        const auto st = get("k", rp, kCacheName, {{"delay-rpcs", "get"}, {"delay-ms", value}});
        EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << value;
        EXPECT_NE(st.error_message().find("delay-ms"), std::string::npos) << st.error_message();
    }
    // The maximum itself is accepted (not waited for here: the client's deadline ends the call).
    grpc::ClientContext ctx;
    ctx.AddMetadata("cache", kCacheName);
    ctx.AddMetadata("delay-rpcs", "get");
    ctx.AddMetadata("delay-ms", std::to_string(RequestFaults::kMaxDelayMs));
    ctx.set_deadline(deadline(200));
    _GetRequest rq;
    rq.set_cache_key("k");
    EXPECT_EQ(scs->Get(&ctx, rq, &rp).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

TEST_F(Faults, StreamErrorEndsTheSubscriptionAfterTheLimit)
{
    auto sub = subscribe(*pubsub, "t", 0, 0, kCacheName,
                         {{"stream-error-rpcs", "topic-subscribe"},
                          {"stream-error", "unavailable"},
                          {"stream-error-message-limit", "2"}});
    Item item;
    ASSERT_TRUE(sub.read(item));
    EXPECT_TRUE(item.has_heartbeat());
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(publish("t", "m" + std::to_string(i)).ok());
    ASSERT_TRUE(sub.read(item));
    EXPECT_EQ(item.item().value().text(), "m0");
    ASSERT_TRUE(sub.read(item));
    EXPECT_EQ(item.item().value().text(), "m1");
    EXPECT_FALSE(sub.read(item));
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(Faults, ReturnErrorOnSubscribeFailsBeforeAnyMessage)
{
    auto sub = subscribe(*pubsub, "t", 0, 0, kCacheName,
                         {{"return-error", "permission-denied"}, {"error-rpcs", "topic-subscribe"}});
    Item item;
    EXPECT_FALSE(sub.read(item));
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_TRUE(topics->subscribers().empty());
}

TEST_F(Faults, InjectorRulesApplyToEveryClient)
{
    FaultRule rule;
    rule.nextCalls = 1;
    rule.code = momento::ErrorCode::ServerUnavailable;
    faults.set("cache.get", rule);
    _GetResponse rp;
    EXPECT_EQ(get("k", rp).error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_TRUE(get("k", rp).ok());

    FaultRule slow;
    slow.latencyMs = 200;
    faults.set("cache.set", slow);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(set("k", "v").ok());
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));

    FaultRule limit;
    limit.nextCalls = 1;
    limit.code = momento::ErrorCode::LimitExceeded;
    faults.set("topic.publish", limit);
    EXPECT_EQ(publish("t", "x").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_TRUE(publish("t", "x").ok());
}

TEST(RequestFaultsParse, ReadsEveryHeader)
{
    const std::map<std::string, std::string> md{{"request-id", "abc"},         {"return-error", "internal"},
                                                {"error-rpcs", "get  set"},    {"error-count", "3"},
                                                {"delay-rpcs", "delete"},      {"delay-ms", "50"},
                                                {"delay-count", "2"},          {"stream-error-rpcs", "topic-subscribe"},
                                                {"stream-error", "cancelled"}, {"stream-error-message-limit", "7"}};
    const auto h = RequestFaults::parse([&](const std::string &n) -> std::optional<std::string> {
        auto it = md.find(n);
        return it == md.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    EXPECT_EQ(h.requestId, "abc");
    EXPECT_EQ(h.returnError, "internal");
    EXPECT_EQ(h.errorRpcs, (std::set<std::string>{"get", "set"}));
    EXPECT_EQ(h.errorCount, 3u);
    EXPECT_EQ(h.delayRpcs, std::set<std::string>{"delete"});
    EXPECT_EQ(h.delayMs, 50u);
    EXPECT_EQ(h.delayCount, 2u);
    EXPECT_EQ(h.streamError, "cancelled");
    EXPECT_EQ(h.streamErrorMessageLimit, 7u);
    EXPECT_TRUE(h.invalidHeader.empty());
}

TEST(RequestFaultsParse, DelayOverTheMaximumIsAnInvalidHeader)
{
    auto parse = [](const std::string &delay) {
        return RequestFaults::parse([&](const std::string &n) -> std::optional<std::string> {
            return n == "delay-ms" ? std::optional<std::string>(delay) : std::nullopt;
        });
    };
    EXPECT_EQ(parse("3600000").delayMs, RequestFaults::kMaxDelayMs);
    EXPECT_TRUE(parse("3600000").invalidHeader.empty());
    for (const char *bad : {"3600001", "9223372036854775807", "99999999999999999999", "-5", "+5", " 5"}) {
        const auto h = parse(bad);
        EXPECT_EQ(h.delayMs, 0u) << bad;
        EXPECT_EQ(h.invalidHeader.rfind("delay-ms: ", 0), 0u) << bad << ": " << h.invalidHeader;
    }
}

TEST(RequestFaultsDecide, WithoutRequestIdEachRequestCountsAlone)
{
    RequestFaults f;
    RequestFaults::Headers h;
    h.returnError = "unavailable";
    h.errorRpcs = {"get"};
    h.errorCount = 1;
    EXPECT_EQ(f.decide(h, "get").error, "unavailable");
    EXPECT_EQ(f.decide(h, "get").error, "unavailable");
    EXPECT_TRUE(f.decide(h, "set").error.empty());
    h.requestId = "x";
    EXPECT_EQ(f.decide(h, "get").error, "unavailable");
    EXPECT_TRUE(f.decide(h, "get").error.empty());
}

TEST(TimerThreadTest, RunsInDueOrderAndDrainRunsAtOnce)
{
    TimerThread timer;
    std::mutex m;
    std::vector<int> order;
    std::promise<void> both;
    std::atomic<int> n{0};
    auto add = [&](int v) {
        std::lock_guard lock(m);
        order.push_back(v);
        if (++n == 2)
            both.set_value();
    };
    timer.after(std::chrono::milliseconds(80), [&] { add(2); });
    timer.after(std::chrono::milliseconds(10), [&] { add(1); });
    both.get_future().wait();
    EXPECT_EQ(order, (std::vector<int>{1, 2}));

    std::promise<void> drained;
    timer.after(std::chrono::hours(1), [&] { drained.set_value(); });
    const auto t0 = std::chrono::steady_clock::now();
    timer.drain();
    drained.get_future().wait();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
}

TEST(TimerThreadTest, DelaysBeyondTheClockWaitAndNegativeOnesRunAtOnce)
{
    // milliseconds::max() overflowed `now + delay` (undefined behaviour) and ran at once.
    TimerThread timer;
    std::atomic<int> ran{0};
    timer.after(std::chrono::milliseconds::max(), [&] { ++ran; });
    timer.after(std::chrono::milliseconds(std::numeric_limits<std::int64_t>::max() / 2), [&] { ++ran; });
    std::promise<void> negative;
    timer.after(std::chrono::milliseconds(-5), [&] { negative.set_value(); });
    negative.get_future().wait(); // due before the two above, which must still wait
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(timer.pending(), 2u);
    timer.drain();
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (ran.load() < 2 && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(ran.load(), 2);
}

} // namespace
