#pragma once
// A MomentoServer over a CacheStore and TopicHub on a virtual clock, and C++ clients talking
// to it through a real channel on an ephemeral 127.0.0.1 port.

#include "cache_store.h"
#include "cacheclient.grpc.pb.h"
#include "cacheping.grpc.pb.h"
#include "cachepubsub.grpc.pb.h"
#include "controlclient.grpc.pb.h"
#include "fault_injector.h"
#include "handler/order_domain.h"
#include "momento_server.h"
#include "scheduler.h"
#include "topic_hub.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace orderlab::test {

using Metadata = std::initializer_list<std::pair<std::string, std::string>>;
using Item = cache_client::pubsub::_SubscriptionItem;

class GrpcFixture : public ::testing::Test
{
  protected:
    /// Override to change the server's options before SetUp starts it.
    virtual void configure(MomentoServerOptions &) {}

    void SetUp() override
    {
        TopicHub::Options hubOptions;
        hubOptions.keep = 5;
        topics = std::make_unique<TopicHub>(
            clock, [this](const std::string &c) { return cache.hasCache(c); }, hubOptions);
        MomentoServerOptions options;
        configure(options);
        server = std::make_unique<MomentoServer>(cache, *topics, &faults, options);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        ASSERT_GT(server->port(), 0);
        channel = makeChannel();
        ASSERT_TRUE(channel->WaitForConnected(deadline(5000)));
        scs = cache_client::Scs::NewStub(channel);
        control = control_client::ScsControl::NewStub(channel);
        pubsub = cache_client::pubsub::Pubsub::NewStub(channel);
        ping = cache_client::Ping::NewStub(channel);
    }

    void TearDown() override
    {
        if (server)
            server->shutdown();
        server.reset();
    }

    std::shared_ptr<grpc::Channel> makeChannel(bool privatePool = false) const
    {
        grpc::ChannelArguments args;
        args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
        args.SetMaxSendMessageSize(64 * 1024 * 1024);
        if (privatePool)
            args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server->port()),
                                         grpc::InsecureChannelCredentials(), args);
    }

    static std::chrono::system_clock::time_point deadline(int ms)
    {
        return std::chrono::system_clock::now() + std::chrono::milliseconds(ms);
    }

    /// A context with `cache: <cache>` (unless empty), `md`, and a 10 s deadline.
    static std::unique_ptr<grpc::ClientContext> context(const std::string &cacheName = kCacheName, Metadata md = {})
    {
        auto ctx = std::make_unique<grpc::ClientContext>();
        if (!cacheName.empty())
            ctx->AddMetadata("cache", cacheName);
        for (const auto &[k, v] : md)
            ctx->AddMetadata(k, v);
        ctx->set_deadline(deadline(10000));
        return ctx;
    }

    grpc::Status set(const std::string &key, const std::string &value, std::uint64_t ttlMs = 60000,
                     const std::string &cacheName = kCacheName)
    {
        cache_client::_SetRequest rq;
        rq.set_cache_key(key);
        rq.set_cache_body(value);
        rq.set_ttl_milliseconds(ttlMs);
        cache_client::_SetResponse rp;
        auto ctx = context(cacheName);
        return scs->Set(ctx.get(), rq, &rp);
    }

    grpc::Status get(const std::string &key, cache_client::_GetResponse &rp, const std::string &cacheName = kCacheName,
                     Metadata md = {})
    {
        cache_client::_GetRequest rq;
        rq.set_cache_key(key);
        auto ctx = context(cacheName, md);
        return scs->Get(ctx.get(), rq, &rp);
    }

    grpc::Status publish(const std::string &topic, const std::string &text, const std::string &cacheName = kCacheName,
                         Metadata md = {})
    {
        cache_client::pubsub::_PublishRequest rq;
        rq.set_cache_name(cacheName);
        rq.set_topic(topic);
        rq.mutable_value()->set_text(text);
        common::_Empty rp;
        auto ctx = context("", md);
        return pubsub->Publish(ctx.get(), rq, &rp);
    }

    /// A raw unary call: `body` sent as is to `method`.
    grpc::Status rawCall(const std::string &method, const std::string &body, std::string *reply = nullptr)
    {
        grpc::GenericStub stub(channel);
        auto ctx = context();
        grpc::Slice slice(body);
        grpc::ByteBuffer request(&slice, 1), response;
        std::promise<grpc::Status> done;
        stub.UnaryCall(ctx.get(), method, grpc::StubOptions(), &request, &response,
                       [&done](grpc::Status s) { done.set_value(std::move(s)); });
        grpc::Status st = done.get_future().get();
        if (reply && st.ok()) {
            std::vector<grpc::Slice> slices;
            (void)response.Dump(&slices);
            reply->clear();
            for (const auto &s : slices)
                reply->append(reinterpret_cast<const char *>(s.begin()), s.size());
        }
        return st;
    }

    /// Polls `pred` for up to `ms`.
    template <typename Pred> static bool eventually(Pred pred, int ms = 5000)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < end) {
            if (pred())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return pred();
    }

    Scheduler clock; // virtual: advanced only by the tests
    CacheStore cache{clock};
    std::unique_ptr<TopicHub> topics;
    FaultInjector faults;
    std::unique_ptr<MomentoServer> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<cache_client::Scs::Stub> scs;
    std::unique_ptr<control_client::ScsControl::Stub> control;
    std::unique_ptr<cache_client::pubsub::Pubsub::Stub> pubsub;
    std::unique_ptr<cache_client::Ping::Stub> ping;
};

/// A subscription read on the calling thread.
struct Subscription
{
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<grpc::ClientReader<Item>> reader;

    bool read(Item &item) { return reader->Read(&item); }
    grpc::Status finish() { return reader->Finish(); }
};

inline Subscription subscribe(cache_client::pubsub::Pubsub::Stub &stub, const std::string &topic,
                              std::uint64_t resumeAt = 0, std::uint64_t page = 0,
                              const std::string &cacheName = kCacheName, Metadata md = {}, int deadlineMs = 20000)
{
    Subscription s;
    s.ctx = std::make_unique<grpc::ClientContext>();
    for (const auto &[k, v] : md)
        s.ctx->AddMetadata(k, v);
    s.ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
    cache_client::pubsub::_SubscriptionRequest rq;
    rq.set_cache_name(cacheName);
    rq.set_topic(topic);
    rq.set_resume_at_topic_sequence_number(resumeAt);
    rq.set_sequence_page(page);
    s.reader = stub.Subscribe(s.ctx.get(), rq);
    return s;
}

inline std::string trailer(const grpc::ClientContext &ctx, const std::string &name)
{
    const auto &md = ctx.GetServerTrailingMetadata();
    auto it = md.find(name);
    return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

} // namespace orderlab::test
