#pragma once
// Internal to orderlab_grpc: `control_client.ScsControl`.

#include "call_context.h"
#include "controlclient.grpc.pb.h"

namespace orderlab::grpcserver {

/// CreateCache, DeleteCache, ListCaches, FlushCache over the CacheStore (cache name in the body).
class ControlService final : public control_client::ScsControl::CallbackService
{
  public:
    explicit ControlService(ServerState &state) : m_state(state) {}

    grpc::ServerUnaryReactor *CreateCache(grpc::CallbackServerContext *ctx,
                                          const control_client::_CreateCacheRequest *rq,
                                          control_client::_CreateCacheResponse *rp) override;
    grpc::ServerUnaryReactor *DeleteCache(grpc::CallbackServerContext *ctx,
                                          const control_client::_DeleteCacheRequest *rq,
                                          control_client::_DeleteCacheResponse *rp) override;
    grpc::ServerUnaryReactor *ListCaches(grpc::CallbackServerContext *ctx, const control_client::_ListCachesRequest *rq,
                                         control_client::_ListCachesResponse *rp) override;
    grpc::ServerUnaryReactor *FlushCache(grpc::CallbackServerContext *ctx, const control_client::_FlushCacheRequest *rq,
                                         control_client::_FlushCacheResponse *rp) override;

  private:
    ServerState &m_state;
};

} // namespace orderlab::grpcserver
