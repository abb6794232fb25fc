// Issue 13: every registry a client can grow is bounded (caches, names, topics, subscriptions,
// connections), with Momento's errors; a full server recovers once clients leave.
#include "grpc_fixture.h"

#include <vector>

using namespace orderlab;
using namespace orderlab::test;
using namespace cache_client;

namespace {

class Limits : public GrpcFixture
{
  protected:
    grpc::Status createCache(const std::string &name)
    {
        control_client::_CreateCacheRequest rq;
        rq.set_cache_name(name);
        control_client::_CreateCacheResponse rp;
        auto ctx = context("");
        return control->CreateCache(ctx.get(), rq, &rp);
    }

    grpc::Status listCaches(control_client::_ListCachesResponse &rp)
    {
        control_client::_ListCachesRequest rq;
        auto ctx = context("");
        return control->ListCaches(ctx.get(), rq, &rp);
    }

    grpc::Status pingOn(const std::shared_ptr<grpc::Channel> &ch, int deadlineMs)
    {
        auto stub = cache_client::Ping::NewStub(ch);
        grpc::ClientContext ctx;
        ctx.set_deadline(deadline(deadlineMs));
        _PingRequest rq;
        _PingResponse rp;
        return stub->Ping(&ctx, rq, &rp);
    }
};

TEST_F(Limits, CreateCacheBeyondTheCacheCountIsResourceExhausted)
{
    // `pizza` exists; Momento's default is 10 caches per account.
    for (int i = 1; i < 10; ++i)
        ASSERT_TRUE(createCache("c" + std::to_string(i)).ok()) << i;
    const auto st = createCache("one-too-many");
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_NE(st.error_message().find("cache count limit"), std::string::npos) << st.error_message();
    EXPECT_EQ(createCache("c1").error_code(), grpc::StatusCode::ALREADY_EXISTS); // an existing one is not "new"
    EXPECT_EQ(cache.listCaches().size(), 10u);
    control_client::_DeleteCacheRequest del;
    del.set_cache_name("c1");
    control_client::_DeleteCacheResponse delRp;
    auto ctx = context("");
    ASSERT_TRUE(control->DeleteCache(ctx.get(), del, &delRp).ok());
    EXPECT_TRUE(createCache("one-too-many").ok());
}

TEST_F(Limits, LongNamesAreInvalidArgumentAndListCachesKeepsWorking)
{
    // The probe: 2,000 CreateCache calls with 100 KB names held +280 MB, and ListCaches then failed
    // with "Sent message larger than max". Names over 255 bytes are refused; nothing is kept.
    for (int i = 0; i < 200; ++i) {
        const auto st = createCache(std::string(100 * 1024, static_cast<char>('a' + i % 26)) + std::to_string(i));
        ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << i;
        ASSERT_NE(st.error_message().find("cache name is 10"), std::string::npos) << st.error_message();
    }
    EXPECT_TRUE(createCache(std::string(255, 'n')).ok());
    EXPECT_EQ(createCache(std::string(256, 'n')).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    control_client::_ListCachesResponse rp;
    ASSERT_TRUE(listCaches(rp).ok());
    EXPECT_EQ(rp.cache_size(), 2);

    const auto pub = publish(std::string(256, 't'), "x");
    EXPECT_EQ(pub.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(pub.error_message().find("topic name"), std::string::npos) << pub.error_message();
    auto sub = subscribe(*pubsub, std::string(100 * 1024, 't'));
    Item item;
    EXPECT_FALSE(sub.read(item));
    const auto subSt = sub.finish();
    EXPECT_EQ(subSt.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(subSt.error_message().find("topic name"), std::string::npos) << subSt.error_message();
    EXPECT_TRUE(topics->topics().empty());
}

TEST_F(Limits, PublishingToManyTopicsWithoutSubscribersKeepsABoundedNumber)
{
    // The probe: one publish to each of 50,000 topics held +297 MB for ever.
    auto sub = subscribe(*pubsub, "watched");
    Item item;
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    for (int i = 0; i < 1500; ++i)
        ASSERT_TRUE(publish("t" + std::to_string(i), "x").ok()) << i;
    const auto all = topics->topics();
    EXPECT_LE(all.size(), TopicHub::Options().maxTopics);
    bool watched = false;
    for (const auto &t : all)
        watched = watched || t.topic == "watched";
    EXPECT_TRUE(watched); // a topic with a subscriber is never forgotten
    ASSERT_TRUE(publish("watched", "still here").ok());
    ASSERT_TRUE(sub.read(item));
    EXPECT_EQ(item.item().value().text(), "still here");
    sub.ctx->TryCancel();
}

class FewSubscriptions : public Limits
{
    void configure(MomentoServerOptions &o) override { o.maxSubscriptions = 2; }
};

TEST_F(FewSubscriptions, SubscriptionsPerCacheAreBoundedWithMomentosError)
{
    auto a = subscribe(*pubsub, "a");
    auto b = subscribe(*pubsub, "b");
    Item item;
    ASSERT_TRUE(a.read(item));
    ASSERT_TRUE(b.read(item));
    auto c = subscribe(*pubsub, "a");
    EXPECT_FALSE(c.read(item));
    EXPECT_EQ(c.finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_EQ(trailer(*c.ctx, "err"), "topic_subscriptions_limit_exceeded");
    a.ctx->TryCancel();
    EXPECT_FALSE(a.read(item));
    (void)a.finish();
    ASSERT_TRUE(eventually([&] { return server->stats().openStreams == 1; }));
    auto d = subscribe(*pubsub, "a");
    EXPECT_TRUE(d.read(item));
    b.ctx->TryCancel();
    d.ctx->TryCancel();
}

class FewConnections : public Limits
{
    void configure(MomentoServerOptions &o) override { o.maxConnections = 4; }
};

TEST_F(FewConnections, ConnectionsPastTheCapWaitAndAreServedOnceOthersClose)
{
    // The fixture's channel holds one of the four connections.
    EXPECT_EQ(server->stats().connectionCap, 4u);
    std::vector<std::shared_ptr<grpc::Channel>> first, waiting;
    for (int i = 0; i < 3; ++i) {
        first.push_back(makeChannel(true));
        ASSERT_TRUE(pingOn(first.back(), 5000).ok()) << i;
    }
    for (int i = 0; i < 3; ++i) {
        waiting.push_back(makeChannel(true));
        EXPECT_FALSE(pingOn(waiting.back(), 300).ok()) << i; // in the listen backlog, not served
    }
    EXPECT_EQ(server->stats().openConnections, 4u);
    first.clear(); // their connections close
    for (std::size_t i = 0; i < waiting.size(); ++i)
        EXPECT_TRUE(eventually([&] { return pingOn(waiting[i], 1000).ok(); }, 15000)) << i;
    waiting.clear();
    auto fresh = makeChannel(true);
    EXPECT_TRUE(eventually([&] { return pingOn(fresh, 1000).ok(); }, 15000));
    EXPECT_LE(server->stats().openConnections, 4u);
}

} // namespace
