#pragma once
// Internal to orderlab_grpc: `cache_client.Scs` (the scalar data plane) and `cache_client.Ping`.

#include "cacheclient.grpc.pb.h"
#include "cacheping.grpc.pb.h"
#include "call_context.h"

namespace orderlab::grpcserver {

/// Get, Set, Delete, SetIf, KeysExist, Increment, ItemGetTtl, UpdateTtl over the CacheStore.
/// Every method runs on a gRPC thread, does not block (delays go to the timer thread) and
/// answers per docs/momento-wire.md, "Services and messages"; the rest of Scs is UNIMPLEMENTED.
class ScsService final : public cache_client::Scs::CallbackService
{
  public:
    explicit ScsService(ServerState &state) : m_state(state) {}

    grpc::ServerUnaryReactor *Get(grpc::CallbackServerContext *ctx, const cache_client::_GetRequest *rq,
                                  cache_client::_GetResponse *rp) override;
    grpc::ServerUnaryReactor *Set(grpc::CallbackServerContext *ctx, const cache_client::_SetRequest *rq,
                                  cache_client::_SetResponse *rp) override;
    grpc::ServerUnaryReactor *Delete(grpc::CallbackServerContext *ctx, const cache_client::_DeleteRequest *rq,
                                     cache_client::_DeleteResponse *rp) override;
    grpc::ServerUnaryReactor *SetIf(grpc::CallbackServerContext *ctx, const cache_client::_SetIfRequest *rq,
                                    cache_client::_SetIfResponse *rp) override;
    grpc::ServerUnaryReactor *KeysExist(grpc::CallbackServerContext *ctx, const cache_client::_KeysExistRequest *rq,
                                        cache_client::_KeysExistResponse *rp) override;
    grpc::ServerUnaryReactor *Increment(grpc::CallbackServerContext *ctx, const cache_client::_IncrementRequest *rq,
                                        cache_client::_IncrementResponse *rp) override;
    grpc::ServerUnaryReactor *ItemGetTtl(grpc::CallbackServerContext *ctx, const cache_client::_ItemGetTtlRequest *rq,
                                         cache_client::_ItemGetTtlResponse *rp) override;
    grpc::ServerUnaryReactor *UpdateTtl(grpc::CallbackServerContext *ctx, const cache_client::_UpdateTtlRequest *rq,
                                        cache_client::_UpdateTtlResponse *rp) override;

  private:
    std::string writer(const Call &call) const { return "grpc " + call.peer; }

    ServerState &m_state;
};

/// `cache_client.Ping`: OK (auth and shutdown checked).
class PingService final : public cache_client::Ping::CallbackService
{
  public:
    explicit PingService(ServerState &state) : m_state(state) {}
    grpc::ServerUnaryReactor *Ping(grpc::CallbackServerContext *ctx, const cache_client::_PingRequest *rq,
                                   cache_client::_PingResponse *rp) override;

  private:
    ServerState &m_state;
};

} // namespace orderlab::grpcserver
