#include "baseline_server.h"

#include "cacheclient.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace orderlab {

namespace {

class EmptyScs final : public cache_client::Scs::CallbackService
{
  public:
    grpc::ServerUnaryReactor *Get(grpc::CallbackServerContext *ctx, const cache_client::_GetRequest *,
                                  cache_client::_GetResponse *rp) override
    {
        rp->set_result(cache_client::Miss);
        auto *r = ctx->DefaultReactor();
        r->Finish(grpc::Status::OK);
        return r;
    }
    grpc::ServerUnaryReactor *Set(grpc::CallbackServerContext *ctx, const cache_client::_SetRequest *,
                                  cache_client::_SetResponse *rp) override
    {
        rp->set_result(cache_client::Ok);
        auto *r = ctx->DefaultReactor();
        r->Finish(grpc::Status::OK);
        return r;
    }
};

} // namespace

class BaselineServer::Impl
{
  public:
    EmptyScs service;
    std::unique_ptr<grpc::Server> server;
    int port = 0;
};

BaselineServer::BaselineServer() : m_impl(std::make_unique<Impl>()) {}

BaselineServer::~BaselineServer()
{
    shutdown();
}

bool BaselineServer::start(const std::string &bindAddress)
{
    grpc::ServerBuilder builder;
    builder.AddListeningPort(bindAddress + ":0", grpc::InsecureServerCredentials(), &m_impl->port);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0); // a port in use is an error, not a shared port
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 1000);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
    builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
    builder.RegisterService(&m_impl->service);
    m_impl->server = builder.BuildAndStart();
    return m_impl->server && m_impl->port > 0;
}

int BaselineServer::port() const
{
    return m_impl->port;
}

void BaselineServer::shutdown()
{
    if (m_impl->server) {
        m_impl->server->Shutdown();
        m_impl->server->Wait();
        m_impl->server.reset();
    }
}

} // namespace orderlab
