// Topics through a real channel: publish, the subscription rules (heartbeat first, periodic
// heartbeats, resume, discontinuity, cancel, shutdown during a stream), limits, a slow subscriber
// that must not block publishers, a client vanishing mid-stream, and a thousand idle connections.
#include "grpc_fixture.h"

#include <dirent.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace orderlab;
using namespace orderlab::test;
using namespace cache_client::pubsub;

namespace {

std::string g_self; // this executable, for the vanishing subscriber

class Topics : public GrpcFixture
{
    void configure(MomentoServerOptions &o) override
    {
        o.heartbeatInterval = std::chrono::milliseconds(200);
        o.maxStreamBuffer = 16;
        o.maxConnections = 2000; // AThousandIdleConnectionsLeakNothing opens 1001, over the default cap
    }
};

/// Reads the next message that is not a heartbeat.
bool readItem(Subscription &s, Item &item)
{
    while (s.read(item))
        if (!item.has_heartbeat())
            return true;
    return false;
}

TEST_F(Topics, HeartbeatComesFirst)
{
    ASSERT_TRUE(publish("t", "before").ok()); // nobody listening: fire and forget
    auto sub = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(sub.read(item));
    EXPECT_TRUE(item.has_heartbeat());
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    sub.ctx->TryCancel();
}

TEST_F(Topics, HeartbeatsRepeatWhileIdle)
{
    auto sub = subscribe(*pubsub, "t");
    Item item;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(sub.read(item));
        EXPECT_TRUE(item.has_heartbeat());
    }
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(350));
    sub.ctx->TryCancel();
}

TEST_F(Topics, PublishedTextAndBinaryReachTheSubscriberInOrder)
{
    auto sub = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    ASSERT_TRUE(publish("t", "one").ok());
    _PublishRequest rq;
    rq.set_cache_name(kCacheName);
    rq.set_topic("t");
    rq.mutable_value()->set_binary(std::string("\x00\x01", 2));
    common::_Empty rp;
    auto ctx = context("");
    ASSERT_TRUE(pubsub->Publish(ctx.get(), rq, &rp).ok());
    ASSERT_TRUE(publish("other", "not for us").ok());

    ASSERT_TRUE(readItem(sub, item));
    EXPECT_EQ(item.item().topic_sequence_number(), 1u);
    EXPECT_EQ(item.item().value().text(), "one");
    EXPECT_NE(item.item().sequence_page(), 0u);
    EXPECT_LT(item.item().sequence_page(), 1ULL << 53); // exact in a JavaScript number
    const auto page = item.item().sequence_page();
    ASSERT_TRUE(readItem(sub, item));
    EXPECT_EQ(item.item().topic_sequence_number(), 2u);
    EXPECT_EQ(item.item().value().binary(), std::string("\x00\x01", 2));
    EXPECT_EQ(item.item().sequence_page(), page);
    const auto subs = server->subscriptions();
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].topic, "t");
    EXPECT_EQ(subs[0].delivered, 2u);
    EXPECT_EQ((server->subscriptionsPerTopic()[{kCacheName, "t"}]), 1u);
    sub.ctx->TryCancel();
}

TEST_F(Topics, InProcessPublishesReachRemoteSubscribers)
{
    auto sub = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    ASSERT_FALSE(topics->publish(kCacheName, "t", TopicValue::text("from the handler"), "handler"));
    ASSERT_TRUE(readItem(sub, item));
    EXPECT_EQ(item.item().value().text(), "from the handler");
    EXPECT_EQ(item.item().publisher_id(), "handler");
    sub.ctx->TryCancel();
}

TEST_F(Topics, ResumeReplaysKeptMessagesOnce)
{
    auto first = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(first.read(item));
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    ASSERT_TRUE(publish("t", "m1").ok());
    ASSERT_TRUE(readItem(first, item));
    const auto page = item.item().sequence_page();
    first.ctx->TryCancel();
    EXPECT_EQ(first.finish().error_code(), grpc::StatusCode::CANCELLED);
    ASSERT_TRUE(eventually([&] { return topics->subscribers().empty(); }));
    // published between the SDK's cancel and its resubscribe
    ASSERT_TRUE(publish("t", "m2").ok());
    ASSERT_TRUE(publish("t", "m3").ok());
    auto again = subscribe(*pubsub, "t", 2, page);
    ASSERT_TRUE(again.read(item));
    EXPECT_TRUE(item.has_heartbeat());
    ASSERT_TRUE(readItem(again, item));
    EXPECT_EQ(item.item().value().text(), "m2");
    ASSERT_TRUE(readItem(again, item));
    EXPECT_EQ(item.item().value().text(), "m3");
    ASSERT_TRUE(publish("t", "m4").ok());
    ASSERT_TRUE(readItem(again, item));
    EXPECT_EQ(item.item().value().text(), "m4");
    EXPECT_EQ(item.item().topic_sequence_number(), 4u);
    again.ctx->TryCancel();
}

TEST_F(Topics, ResumeOlderThanKeptGivesDiscontinuityFirst)
{
    for (int i = 1; i <= 10; ++i)
        ASSERT_TRUE(publish("t", "m" + std::to_string(i)).ok()); // 6..10 are kept (keep = 5)
    auto sub = subscribe(*pubsub, "t", 2);
    Item item;
    ASSERT_TRUE(sub.read(item));
    EXPECT_TRUE(item.has_heartbeat());
    ASSERT_TRUE(readItem(sub, item));
    ASSERT_TRUE(item.has_discontinuity());
    EXPECT_EQ(item.discontinuity().last_topic_sequence(), 1u);
    EXPECT_EQ(item.discontinuity().new_topic_sequence(), 6u);
    EXPECT_NE(item.discontinuity().new_sequence_page(), 0u);
    for (int i = 6; i <= 10; ++i) {
        ASSERT_TRUE(readItem(sub, item));
        EXPECT_EQ(item.item().topic_sequence_number(), static_cast<std::uint64_t>(i));
    }
    sub.ctx->TryCancel();
}

TEST_F(Topics, ResumeOnAnotherPageGivesDiscontinuity)
{
    ASSERT_TRUE(publish("t", "m1").ok());
    auto sub = subscribe(*pubsub, "t", 1, 12345);
    Item item;
    ASSERT_TRUE(readItem(sub, item));
    EXPECT_TRUE(item.has_discontinuity());
    ASSERT_TRUE(readItem(sub, item));
    EXPECT_EQ(item.item().value().text(), "m1");
    sub.ctx->TryCancel();
}

TEST_F(Topics, CancelEndsTheSubscription)
{
    auto sub = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(eventually([&] { return server->subscriptions().size() == 1 && topics->subscribers().size() == 1; }));
    sub.ctx->TryCancel();
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::CANCELLED);
    EXPECT_TRUE(eventually([&] { return server->subscriptions().empty() && topics->subscribers().empty(); }));
    EXPECT_EQ(server->stats().streamsEnded, 1u);
    EXPECT_TRUE(publish("t", "after").ok());
}

TEST_F(Topics, ShutdownEndsOpenStreamsWithoutHanging)
{
    std::vector<Subscription> subs;
    for (int i = 0; i < 5; ++i) {
        subs.push_back(subscribe(*pubsub, "t" + std::to_string(i % 2)));
        Item item;
        ASSERT_TRUE(subs.back().read(item));
    }
    ASSERT_TRUE(eventually([&] { return server->subscriptions().size() == 5; }));
    const auto t0 = std::chrono::steady_clock::now();
    server->shutdown();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    for (auto &s : subs) {
        Item item;
        while (s.read(item)) {
        }
        EXPECT_EQ(s.finish().error_code(), grpc::StatusCode::UNAVAILABLE);
    }
    EXPECT_TRUE(topics->subscribers().empty());
}

TEST_F(Topics, UnknownCacheAndEmptyNamesAreRefusedBeforeAnyMessage)
{
    auto sub = subscribe(*pubsub, "t", 0, 0, "nope");
    Item item;
    EXPECT_FALSE(sub.read(item));
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::NOT_FOUND);
    auto empty = subscribe(*pubsub, "");
    EXPECT_FALSE(empty.read(item));
    EXPECT_EQ(empty.finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(publish("t", "x", "nope").error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(publish("", "x").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Topics, MessageOverFourKilobytesIsResourceExhausted)
{
    EXPECT_TRUE(publish("t", std::string(4096, 'x')).ok());
    _PublishRequest rq;
    rq.set_cache_name(kCacheName);
    rq.set_topic("t");
    rq.mutable_value()->set_text(std::string(4097, 'x'));
    common::_Empty rp;
    auto ctx = context("");
    EXPECT_EQ(pubsub->Publish(ctx.get(), rq, &rp).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_EQ(trailer(*ctx, "err"), "request_size_limit_exceeded");
    rq.clear_value();
    auto ctx2 = context("");
    EXPECT_EQ(pubsub->Publish(ctx2.get(), rq, &rp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Topics, SlowSubscriberIsEndedAndNeverBlocksPublishers)
{
    auto sub = subscribe(*pubsub, "t");
    Item item;
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(eventually([&] { return topics->subscribers().size() == 1; }));
    // The client reads nothing more: flow control stops the writes and the buffer (16) overflows.
    const std::string payload(4000, 'p');
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 3000; ++i)
        ASSERT_FALSE(topics->publish(kCacheName, "t", TopicValue::text(payload), "handler"));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
    EXPECT_EQ(server->stats().slowSubscribers, 1u);
    while (sub.read(item)) {
    }
    EXPECT_EQ(sub.finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_TRUE(eventually([&] { return topics->subscribers().empty(); }));
}

TEST_F(Topics, ClientVanishingMidStreamIsCleanedUp)
{
    const std::string port = std::to_string(server->port());
    char *argv[] = {g_self.data(), const_cast<char *>("--vanishing-subscriber"), const_cast<char *>(port.c_str()),
                    nullptr};
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, g_self.c_str(), nullptr, nullptr, argv, environ), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "the child could not subscribe";
    // The child subscribed, read its heartbeat and _exit()ed without cancelling.
    EXPECT_TRUE(eventually([&] { return server->subscriptions().empty() && topics->subscribers().empty(); }, 10000));
    EXPECT_EQ(server->stats().streamsEnded, 1u);
    EXPECT_TRUE(publish("vanish", "still fine").ok());
}

std::size_t openFds()
{
    std::size_t n = 0;
    if (DIR *d = opendir("/proc/self/fd")) {
        while (readdir(d))
            ++n;
        closedir(d);
    }
    return n;
}

TEST_F(Topics, AThousandIdleConnectionsLeakNothing)
{
    const std::size_t before = openFds();
    {
        std::vector<std::shared_ptr<grpc::Channel>> channels;
        for (int i = 0; i < 1000; ++i) {
            channels.push_back(makeChannel(true));
            channels.back()->GetState(true); // connect
        }
        std::size_t ready = 0;
        for (auto &c : channels)
            ready += c->WaitForConnected(deadline(10000)) ? 1 : 0;
        EXPECT_EQ(ready, 1000u);
        EXPECT_GE(openFds(), before + 1000);
        cache_client::_GetResponse rp;
        EXPECT_TRUE(get("k", rp).ok());
    }
    EXPECT_TRUE(eventually([&] { return openFds() <= before + 20; }, 15000))
        << openFds() << " fds, " << before << " before";
    cache_client::_GetResponse rp;
    EXPECT_TRUE(get("k", rp).ok());
}

/// The child of ClientVanishingMidStreamIsCleanedUp.
int vanishingSubscriber(const char *port)
{
    auto channel = grpc::CreateChannel(std::string("127.0.0.1:") + port, grpc::InsecureChannelCredentials());
    auto stub = Pubsub::NewStub(channel);
    auto sub = subscribe(*stub, "vanish");
    Item item;
    if (!sub.read(item) || !item.has_heartbeat())
        _exit(3);
    _exit(0);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::string(argv[1]) == "--vanishing-subscriber")
        return vanishingSubscriber(argv[2]);
    g_self = "/proc/self/exe";
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0)
        g_self.assign(buf, static_cast<std::size_t>(n));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
