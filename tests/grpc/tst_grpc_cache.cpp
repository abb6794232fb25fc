// The data plane, control plane and Ping through a real channel: every RPC, status code and limit,
// plus bad input (a body that is not the message, no cache header, unknown cache, oversized item).
#include "grpc_fixture.h"

#include <tuple>

using namespace orderlab;
using namespace orderlab::test;
using namespace cache_client;

namespace {

class Cache : public GrpcFixture
{
};

TEST_F(Cache, GetMissThenSetThenHit)
{
    _GetResponse rp;
    ASSERT_TRUE(get("k", rp).ok());
    EXPECT_EQ(rp.result(), Miss);
    ASSERT_TRUE(set("k", std::string("v\0w", 3)).ok());
    ASSERT_TRUE(get("k", rp).ok());
    EXPECT_EQ(rp.result(), Hit);
    EXPECT_EQ(rp.cache_body(), std::string("v\0w", 3));
    EXPECT_EQ(cache.keys(kCacheName).size(), 1u);
}

TEST_F(Cache, SetAnswersOk)
{
    _SetRequest rq;
    rq.set_cache_key("k");
    rq.set_cache_body("v");
    rq.set_ttl_milliseconds(1000);
    _SetResponse rp;
    auto ctx = context();
    ASSERT_TRUE(scs->Set(ctx.get(), rq, &rp).ok());
    EXPECT_EQ(rp.result(), Ok);
}

TEST_F(Cache, MissingCacheHeaderIsInvalidArgument)
{
    _GetRequest rq;
    rq.set_cache_key("k");
    _GetResponse rp;
    auto ctx = context("");
    const auto st = scs->Get(ctx.get(), rq, &rp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("cache"), std::string::npos);
}

TEST_F(Cache, UnknownCacheIsNotFound)
{
    _GetResponse rp;
    EXPECT_EQ(get("k", rp, "nope").error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(set("k", "v", 1000, "nope").error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(Cache, DeleteRemovesAndAbsentKeyIsSuccess)
{
    ASSERT_TRUE(set("k", "v").ok());
    _DeleteRequest rq;
    rq.set_cache_key("k");
    _DeleteResponse rp;
    auto c1 = context();
    EXPECT_TRUE(scs->Delete(c1.get(), rq, &rp).ok());
    auto c2 = context();
    EXPECT_TRUE(scs->Delete(c2.get(), rq, &rp).ok());
    _GetResponse g;
    ASSERT_TRUE(get("k", g).ok());
    EXPECT_EQ(g.result(), Miss);
}

TEST_F(Cache, TtlZeroAndOver24HoursAreInvalid)
{
    EXPECT_EQ(set("k", "v", 0).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(set("k", "v", 24ULL * 3600 * 1000 + 1).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(set("k", "v", 24ULL * 3600 * 1000).ok());
}

TEST_F(Cache, KeyExpiresAtWriteTimePlusTtlOnTheEmulatorClock)
{
    ASSERT_TRUE(set("k", "v", 1000).ok());
    _GetResponse rp;
    clock.runUntil(clock.now() + 999);
    ASSERT_TRUE(get("k", rp).ok());
    EXPECT_EQ(rp.result(), Hit);
    clock.runUntil(clock.now() + 1);
    ASSERT_TRUE(get("k", rp).ok());
    EXPECT_EQ(rp.result(), Miss);
}

TEST_F(Cache, ItemOverFiveMegabytesIsResourceExhaustedWithErrTrailer)
{
    const std::string big(5 * 1024 * 1024, 'x');
    _SetRequest rq;
    rq.set_cache_key("k");
    rq.set_cache_body(big);
    rq.set_ttl_milliseconds(1000);
    _SetResponse rp;
    auto ctx = context();
    const auto st = scs->Set(ctx.get(), rq, &rp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_EQ(trailer(*ctx, "err"), "item_size_limit_exceeded");
    // key + value exactly at the limit is stored
    EXPECT_TRUE(set("k", std::string(5 * 1024 * 1024 - 1, 'x')).ok());
}

TEST_F(Cache, MessageOverTheReceiveCapIsRefusedByGrpc)
{
    const auto st = set("k", std::string(17 * 1024 * 1024, 'x'));
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    _GetResponse rp;
    EXPECT_TRUE(get("k", rp).ok()); // the server is still fine
}

TEST_F(Cache, SetIfConditions)
{
    auto setIf = [&](auto configure, const std::string &value) {
        _SetIfRequest rq;
        rq.set_cache_key("k");
        rq.set_cache_body(value);
        rq.set_ttl_milliseconds(60000);
        configure(rq);
        _SetIfResponse rp;
        auto ctx = context();
        const auto st = scs->SetIf(ctx.get(), rq, &rp);
        EXPECT_TRUE(st.ok()) << st.error_message();
        return rp.has_stored();
    };
    auto present = [](_SetIfRequest &r) { r.mutable_present(); };
    auto absent = [](_SetIfRequest &r) { r.mutable_absent(); };
    auto equal = [](const char *v) { return [v](_SetIfRequest &r) { r.mutable_equal()->set_value_to_check(v); }; };
    auto notEqual = [](const char *v) {
        return [v](_SetIfRequest &r) { r.mutable_not_equal()->set_value_to_check(v); };
    };
    auto presentAndNotEqual = [](const char *v) {
        return [v](_SetIfRequest &r) { r.mutable_present_and_not_equal()->set_value_to_check(v); };
    };
    auto absentOrEqual = [](const char *v) {
        return [v](_SetIfRequest &r) { r.mutable_absent_or_equal()->set_value_to_check(v); };
    };
    EXPECT_FALSE(setIf(present, "a"));
    EXPECT_TRUE(setIf(absent, "a"));
    EXPECT_FALSE(setIf(absent, "b"));
    EXPECT_TRUE(setIf(present, "b"));
    EXPECT_FALSE(setIf(equal("a"), "c"));
    EXPECT_TRUE(setIf(equal("b"), "c"));
    EXPECT_FALSE(setIf(notEqual("c"), "d"));
    EXPECT_TRUE(setIf(notEqual("x"), "d"));
    EXPECT_FALSE(setIf(presentAndNotEqual("d"), "e"));
    EXPECT_TRUE(setIf(presentAndNotEqual("x"), "e"));
    EXPECT_TRUE(setIf(absentOrEqual("e"), "f"));
    EXPECT_FALSE(setIf(absentOrEqual("x"), "g"));
    _GetResponse g;
    ASSERT_TRUE(get("k", g).ok());
    EXPECT_EQ(g.cache_body(), "f");

    _SetIfRequest none;
    none.set_cache_key("k");
    none.set_ttl_milliseconds(1000);
    _SetIfResponse rp;
    auto ctx = context();
    EXPECT_EQ(scs->SetIf(ctx.get(), none, &rp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Cache, KeysExistInRequestOrder)
{
    ASSERT_TRUE(set("b", "1").ok());
    _KeysExistRequest rq;
    for (const char *k : {"a", "b", "c", "b"})
        rq.add_cache_keys(k);
    _KeysExistResponse rp;
    auto ctx = context();
    ASSERT_TRUE(scs->KeysExist(ctx.get(), rq, &rp).ok());
    ASSERT_EQ(rp.exists_size(), 4);
    EXPECT_FALSE(rp.exists(0));
    EXPECT_TRUE(rp.exists(1));
    EXPECT_FALSE(rp.exists(2));
    EXPECT_TRUE(rp.exists(3));
}

TEST_F(Cache, IncrementStoresBase10AndRefusesNonIntegers)
{
    auto increment = [&](const std::string &key, std::int64_t amount, std::int64_t *value) {
        _IncrementRequest rq;
        rq.set_cache_key(key);
        rq.set_amount(amount);
        rq.set_ttl_milliseconds(60000);
        _IncrementResponse rp;
        auto ctx = context();
        auto st = scs->Increment(ctx.get(), rq, &rp);
        *value = rp.value();
        return st;
    };
    std::int64_t v = 0;
    ASSERT_TRUE(increment("n", 5, &v).ok());
    EXPECT_EQ(v, 5);
    ASSERT_TRUE(increment("n", -7, &v).ok());
    EXPECT_EQ(v, -2);
    _GetResponse g;
    ASSERT_TRUE(get("n", g).ok());
    EXPECT_EQ(g.cache_body(), "-2");
    ASSERT_TRUE(set("s", "pizza").ok());
    EXPECT_EQ(increment("s", 1, &v).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(Cache, ItemGetTtlFoundAndMissing)
{
    ASSERT_TRUE(set("k", "v", 10000).ok());
    clock.runUntil(clock.now() + 2500);
    _ItemGetTtlRequest rq;
    rq.set_cache_key("k");
    _ItemGetTtlResponse rp;
    auto c1 = context();
    ASSERT_TRUE(scs->ItemGetTtl(c1.get(), rq, &rp).ok());
    ASSERT_TRUE(rp.has_found());
    EXPECT_EQ(rp.found().remaining_ttl_millis(), 7500u);
    rq.set_cache_key("absent");
    auto c2 = context();
    ASSERT_TRUE(scs->ItemGetTtl(c2.get(), rq, &rp).ok());
    EXPECT_TRUE(rp.has_missing());
}

TEST_F(Cache, UpdateTtlIncreaseDecreaseOverwriteMissing)
{
    ASSERT_TRUE(set("k", "v", 10000).ok());
    auto update = [&](auto configure, const std::string &key = "k") {
        _UpdateTtlRequest rq;
        rq.set_cache_key(key);
        configure(rq);
        _UpdateTtlResponse rp;
        auto ctx = context();
        EXPECT_TRUE(scs->UpdateTtl(ctx.get(), rq, &rp).ok());
        return rp.result_case();
    };
    using R = _UpdateTtlResponse;
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_increase_to_milliseconds(5000); }), R::kNotSet);
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_increase_to_milliseconds(20000); }), R::kSet);
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_decrease_to_milliseconds(30000); }), R::kNotSet);
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_decrease_to_milliseconds(3000); }), R::kSet);
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_overwrite_to_milliseconds(40000); }), R::kSet);
    EXPECT_EQ(update([](_UpdateTtlRequest &r) { r.set_overwrite_to_milliseconds(1000); }, "absent"), R::kMissing);
    EXPECT_EQ(cache.keys(kCacheName).front().expiresAtMs, clock.now() + 40000);

    _UpdateTtlRequest none;
    none.set_cache_key("k");
    _UpdateTtlResponse rp;
    auto ctx = context();
    EXPECT_EQ(scs->UpdateTtl(ctx.get(), none, &rp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Cache, UnknownRpcIsUnimplementedNamingTheMethod)
{
    const auto st = rawCall("/cache_client.Scs/DictionaryGet", "");
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_NE(st.error_message().find("/cache_client.Scs/DictionaryGet"), std::string::npos) << st.error_message();
    EXPECT_EQ(rawCall("/cache_client.NoSuchService/Get", "").error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(Cache, BodyThatIsNotTheMessageIsInvalidArgumentNamingTheBody)
{
    // 0xff... is not a valid protobuf tag; a truncated length-delimited field is not either. gRPC
    // 1.51's typed callback API answered these UNIMPLEMENTED with an empty message before any
    // handler ran; the byte-level services decode the body themselves. Nothing reaches the store.
    for (const auto &[method, body, type] :
         {std::tuple<std::string, std::string, std::string>{
              "/cache_client.Scs/Get", std::string("\xff\xff\xff\xff\xff", 5), "cache_client._GetRequest"},
          {"/cache_client.Scs/Set", std::string("\x0a\x10\x01", 3), "cache_client._SetRequest"},
          {"/control_client.ScsControl/CreateCache",
           std::string("\x0a\x05"
                       "ab",
                       4),
           "control_client._CreateCacheRequest"},
          {"/cache_client.pubsub.Pubsub/Publish", std::string("\x1a\x7f", 2), "cache_client.pubsub._PublishRequest"},
          {"/cache_client.Ping/Ping", std::string("\x08", 1), "cache_client._PingRequest"},
          {"/cache_client.pubsub.Pubsub/Subscribe", std::string("\x0a\x7f", 2),
           "cache_client.pubsub._SubscriptionRequest"}}) {
        const auto st = rawCall(method, body);
        EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method;
        EXPECT_NE(st.error_message().find("malformed request body"), std::string::npos) << st.error_message();
        EXPECT_NE(st.error_message().find(type), std::string::npos) << st.error_message();
    }
    EXPECT_TRUE(cache.keys(kCacheName).empty());
    EXPECT_EQ(server->stats().failed, 6u);
    EXPECT_EQ(server->stats().openStreams, 0u);
    // A well-formed body of another message is read as this one (protobuf has no types on the wire).
    _SetRequest other;
    other.set_cache_key("k");
    std::string reply;
    ASSERT_TRUE(rawCall("/cache_client.Scs/Get", other.SerializeAsString(), &reply).ok());
    _GetResponse rp;
    ASSERT_TRUE(rp.ParseFromString(reply));
    EXPECT_EQ(rp.result(), Miss);
    ASSERT_TRUE(get("k", rp).ok());
}

TEST_F(Cache, ControlPlaneCreateListFlushDelete)
{
    using namespace control_client;
    auto create = [&](const std::string &name) {
        _CreateCacheRequest rq;
        rq.set_cache_name(name);
        _CreateCacheResponse rp;
        auto ctx = context("");
        return control->CreateCache(ctx.get(), rq, &rp);
    };
    EXPECT_TRUE(create("menu").ok());
    EXPECT_EQ(create("menu").error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_EQ(create("").error_code(), grpc::StatusCode::INVALID_ARGUMENT);

    _ListCachesResponse list;
    {
        auto ctx = context("");
        ASSERT_TRUE(control->ListCaches(ctx.get(), _ListCachesRequest(), &list).ok());
    }
    ASSERT_EQ(list.cache_size(), 2);
    EXPECT_EQ(list.cache(0).cache_name(), "menu");
    EXPECT_EQ(list.cache(1).cache_name(), kCacheName);
    EXPECT_EQ(list.cache(1).cache_limits().max_item_size_kb(), 5120u);
    EXPECT_EQ(list.cache(1).cache_limits().max_ttl_seconds(), 86400u);
    EXPECT_EQ(list.cache(1).topic_limits().max_publish_message_size_kb(), 4u);

    ASSERT_TRUE(set("k", "v", 1000, "menu").ok());
    {
        _FlushCacheRequest rq;
        rq.set_cache_name("menu");
        _FlushCacheResponse rp;
        auto ctx = context("");
        EXPECT_TRUE(control->FlushCache(ctx.get(), rq, &rp).ok());
        EXPECT_TRUE(cache.keys("menu").empty());
        rq.set_cache_name("nope");
        auto ctx2 = context("");
        EXPECT_EQ(control->FlushCache(ctx2.get(), rq, &rp).error_code(), grpc::StatusCode::NOT_FOUND);
    }
    {
        _DeleteCacheRequest rq;
        rq.set_cache_name("menu");
        _DeleteCacheResponse rp;
        auto ctx = context("");
        EXPECT_TRUE(control->DeleteCache(ctx.get(), rq, &rp).ok());
        auto ctx2 = context("");
        EXPECT_EQ(control->DeleteCache(ctx2.get(), rq, &rp).error_code(), grpc::StatusCode::NOT_FOUND);
    }
    EXPECT_FALSE(cache.hasCache("menu"));
}

TEST_F(Cache, APortInUseIsAnError)
{
    MomentoServerOptions o;
    o.port = server->port();
    MomentoServer second(cache, *topics, nullptr, o);
    std::string error;
    EXPECT_FALSE(second.start(&error));
    EXPECT_NE(error.find(std::to_string(o.port)), std::string::npos) << error;
}

TEST_F(Cache, PingAnswers)
{
    _PingResponse rp;
    auto ctx = context("");
    EXPECT_TRUE(ping->Ping(ctx.get(), _PingRequest(), &rp).ok());
}

TEST_F(Cache, ConnectionsShowTheAgentHeaderAndCallRate)
{
    _GetResponse rp;
    ASSERT_TRUE(get("k", rp, kCacheName, {{"agent", "nodejs:cache:1.118.1"}, {"runtime-version", "nodejs:20"}}).ok());
    for (int i = 0; i < 9; ++i)
        ASSERT_TRUE(get("k", rp).ok());
    const auto conns = server->connections();
    ASSERT_EQ(conns.size(), 1u);
    EXPECT_EQ(conns[0].agent, "nodejs:cache:1.118.1");
    EXPECT_EQ(conns[0].runtimeVersion, "nodejs:20");
    EXPECT_EQ(conns[0].calls, 10u);
    EXPECT_NE(conns[0].peer.find("127.0.0.1"), std::string::npos);
    EXPECT_EQ(server->stats().calls, 10u);
    EXPECT_TRUE(eventually([&] { return server->callsPerSecond() > 0; }, 5000));
}

class CacheWithToken : public GrpcFixture
{
    void configure(MomentoServerOptions &o) override { o.authToken = "s3cret"; }
};

TEST_F(CacheWithToken, WrongOrMissingTokenIsUnauthenticated)
{
    _GetResponse rp;
    EXPECT_EQ(get("k", rp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(get("k", rp, kCacheName, {{"authorization", "wrong"}}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_TRUE(get("k", rp, kCacheName, {{"authorization", "s3cret"}}).ok());
    EXPECT_EQ(publish("t", "x").error_code(), grpc::StatusCode::UNAUTHENTICATED);
    auto sub = subscribe(*pubsub, "t");
    Item item;
    EXPECT_FALSE(sub.read(item));
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

class CacheWithRateLimits : public GrpcFixture
{
    void configure(MomentoServerOptions &o) override { o.rateLimits = true; }
};

TEST_F(CacheWithRateLimits, OverOneHundredOpsPerSecondIsResourceExhausted)
{
    int refused = 0;
    for (int i = 0; i < 250 && refused == 0; ++i) {
        _GetResponse rp;
        auto ctx = context();
        _GetRequest rq;
        rq.set_cache_key("k");
        const auto st = scs->Get(ctx.get(), rq, &rp);
        if (st.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
            ++refused;
            EXPECT_EQ(trailer(*ctx, "err"), "request_rate_limit_exceeded");
        }
    }
    EXPECT_EQ(refused, 1);
}

} // namespace
