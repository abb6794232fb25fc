// The TLS port of MomentoServer (docs/momento-tls.md): the same services and state as the plaintext port, the
// local CA's server certificate, and tokens from `orderlab token` accepted under --auth-token.
#include "grpc_fixture.h"

#include "local_ca.h"
#include "momento_token.h"

#include <QTemporaryDir>

#include <fstream>
#include <sstream>

namespace orderlab::test {
namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class GrpcTls : public GrpcFixture
{
  protected:
    void configure(MomentoServerOptions &o) override
    {
        std::string error;
        ca = tls::ensureLocalCa(dir.path().toStdString(), {}, error);
        ASSERT_TRUE(ca) << error;
        o.tlsPort = 0;
        o.tlsCertificateChainPem = ca->serverCertificatePem;
        o.tlsPrivateKeyPem = ca->serverKeyPem;
        o.authToken = authToken;
    }

    /// A TLS channel to 127.0.0.1:tlsPort that checks the server certificate for `serverName` and trusts `rootsPem`
    /// (the CA's by default). A name other than the address is checked through gRPC's target name override, so
    /// that no name is resolved (c-ares, which resolves them, leaks a few bytes that LeakSanitizer reports).
    std::shared_ptr<grpc::Channel> tlsChannel(const std::string &serverName = "127.0.0.1", std::string rootsPem = {})
    {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = rootsPem.empty() ? readFile(ca->paths.caCertificate) : rootsPem;
        grpc::ChannelArguments args;
        args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        if (serverName != "127.0.0.1")
            args.SetSslTargetNameOverride(serverName);
        return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server->tlsPort()), grpc::SslCredentials(ssl),
                                         args);
    }

    grpc::Status tlsSet(cache_client::Scs::Stub &stub, const std::string &key, const std::string &value,
                        Metadata md = {})
    {
        cache_client::_SetRequest rq;
        rq.set_cache_key(key);
        rq.set_cache_body(value);
        rq.set_ttl_milliseconds(60000);
        cache_client::_SetResponse rp;
        auto ctx = context(kCacheName, md);
        return stub.Set(ctx.get(), rq, &rp);
    }

    QTemporaryDir dir;
    std::optional<tls::LocalCa> ca;
    std::string authToken;
};

TEST_F(GrpcTls, BothPortsServeTheSameCache)
{
    ASSERT_GT(server->tlsPort(), 0);
    EXPECT_NE(server->tlsPort(), server->port());
    EXPECT_EQ(server->tlsAddress(), "127.0.0.1:" + std::to_string(server->tlsPort()));
    for (const std::string host : {"127.0.0.1", "localhost", "::1"}) {
        auto channel = tlsChannel(host);
        ASSERT_TRUE(channel->WaitForConnected(deadline(10000))) << host;
        auto stub = cache_client::Scs::NewStub(channel);
        ASSERT_TRUE(tlsSet(*stub, "k-" + host, "over TLS").ok()) << host;
        cache_client::_GetResponse rp;
        ASSERT_TRUE(get("k-" + host, rp).ok()); // read back on the plaintext port
        EXPECT_EQ(rp.result(), cache_client::Hit);
        EXPECT_EQ(rp.cache_body(), "over TLS");
    }
}

TEST_F(GrpcTls, SubscribeAndPublishOverTls)
{
    auto channel = tlsChannel();
    auto stub = cache_client::pubsub::Pubsub::NewStub(channel);
    auto sub = subscribe(*stub, "orders");
    Item item;
    ASSERT_TRUE(sub.read(item));
    EXPECT_TRUE(item.has_heartbeat());
    ASSERT_TRUE(publish("orders", "hello").ok()); // published on the plaintext port
    ASSERT_TRUE(sub.read(item));
    ASSERT_TRUE(item.has_item());
    EXPECT_EQ(item.item().value().text(), "hello");
    sub.ctx->TryCancel();
}

TEST_F(GrpcTls, AClientThatDoesNotTrustTheCaCannotConnect)
{
    QTemporaryDir other;
    std::string error;
    const auto otherCa = tls::ensureLocalCa(other.path().toStdString(), {}, error);
    ASSERT_TRUE(otherCa) << error;
    auto channel = tlsChannel("127.0.0.1", readFile(otherCa->paths.caCertificate));
    auto stub = cache_client::Scs::NewStub(channel);
    EXPECT_EQ(tlsSet(*stub, "k", "v").error_code(), grpc::StatusCode::UNAVAILABLE);
    // A name the certificate does not hold.
    auto wrongName = cache_client::Scs::NewStub(tlsChannel("cache.localhost"));
    EXPECT_EQ(tlsSet(*wrongName, "k", "v").error_code(), grpc::StatusCode::UNAVAILABLE);
    // A plaintext client on the TLS port gets nowhere either.
    auto plain = cache_client::Scs::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server->tlsPort()), grpc::InsecureChannelCredentials()));
    EXPECT_EQ(tlsSet(*plain, "k", "v").error_code(), grpc::StatusCode::UNAVAILABLE);
}

class GrpcTlsAuth : public GrpcTls
{
  protected:
    void configure(MomentoServerOptions &o) override
    {
        authToken = "secret";
        GrpcTls::configure(o);
    }
};

TEST_F(GrpcTlsAuth, TokensSignedWithTheAuthTokenAreAccepted)
{
    auto stub = cache_client::Scs::NewStub(tlsChannel());
    tls::MomentoTokenClaims claims;
    claims.cacheEndpoint = claims.controlEndpoint = tls::endpointFor("127.0.0.1", server->tlsPort());
    claims.issuedAt = nowSeconds();
    const std::string good = tls::mintMomentoToken(claims, "secret");
    EXPECT_TRUE(tlsSet(*stub, "k", "v", {{"authorization", good}}).ok());
    EXPECT_TRUE(tlsSet(*stub, "k", "v", {{"authorization", "secret"}}).ok()); // the token itself, as before
    EXPECT_EQ(tlsSet(*stub, "k", "v", {{"authorization", tls::mintMomentoToken(claims, "other")}}).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(tlsSet(*stub, "k", "v").error_code(), grpc::StatusCode::UNAUTHENTICATED);
    claims.expiresAt = nowSeconds() - 1;
    EXPECT_EQ(tlsSet(*stub, "k", "v", {{"authorization", tls::mintMomentoToken(claims, "secret")}}).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    claims.expiresAt = nowSeconds() + 3600;
    EXPECT_TRUE(tlsSet(*stub, "k", "v", {{"authorization", tls::mintMomentoToken(claims, "secret")}}).ok());
}

TEST(GrpcTlsStart, ATlsPortWithoutACertificateIsAnError)
{
    Scheduler clock;
    CacheStore cache{clock};
    TopicHub topics(clock, [](const std::string &) { return true; });
    MomentoServerOptions o;
    o.tlsPort = 0;
    MomentoServer server(cache, topics, nullptr, o);
    std::string error;
    EXPECT_FALSE(server.start(&error));
    EXPECT_EQ(error, "the TLS port needs a certificate and a private key");
    o.tlsPort = 70000;
    o.tlsCertificateChainPem = o.tlsPrivateKeyPem = "x";
    MomentoServer outOfRange(cache, topics, nullptr, o);
    EXPECT_FALSE(outOfRange.start(&error));
    EXPECT_EQ(error, "TLS port 70000 is out of range");
}

} // namespace
} // namespace orderlab::test
