#pragma once
// Internal to orderlab_grpc: the work of `control_client.ScsControl`.

#include "call_context.h"
#include "controlclient.pb.h"

namespace orderlab::grpcserver::control {

// CreateCache, DeleteCache, ListCaches, FlushCache over the CacheStore (the cache name is in the
// body), for a call admit() let through. Same contract as scs_calls.h.

grpc::Status createCache(ServerState &state, Call &call, const control_client::_CreateCacheRequest &rq,
                         control_client::_CreateCacheResponse &rp);
grpc::Status deleteCache(ServerState &state, Call &call, const control_client::_DeleteCacheRequest &rq,
                         control_client::_DeleteCacheResponse &rp);
grpc::Status listCaches(ServerState &state, Call &call, const control_client::_ListCachesRequest &rq,
                        control_client::_ListCachesResponse &rp);
grpc::Status flushCache(ServerState &state, Call &call, const control_client::_FlushCacheRequest &rq,
                        control_client::_FlushCacheResponse &rp);

} // namespace orderlab::grpcserver::control
