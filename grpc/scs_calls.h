#pragma once
// Internal to orderlab_grpc: the work of `cache_client.Scs` (the scalar data plane) and `cache_client.Ping`.

#include "cacheclient.pb.h"
#include "cacheping.pb.h"
#include "call_context.h"

namespace orderlab::grpcserver::scs {

// Get, Set, Delete, SetIf, KeysExist, Increment, ItemGetTtl, UpdateTtl over the CacheStore, for a
// call that admit() let through (`call.cache` is the `cache` header). Each fills `rp` and returns OK,
// or returns the error (trailers in `call`), per docs/momento-wire.md, "Services and messages".
// Called on a gRPC thread (or a fuzz target's); none blocks.

grpc::Status get(ServerState &state, Call &call, const cache_client::_GetRequest &rq, cache_client::_GetResponse &rp);
grpc::Status set(ServerState &state, Call &call, const cache_client::_SetRequest &rq, cache_client::_SetResponse &rp);
grpc::Status remove(ServerState &state, Call &call, const cache_client::_DeleteRequest &rq,
                    cache_client::_DeleteResponse &rp);
grpc::Status setIf(ServerState &state, Call &call, const cache_client::_SetIfRequest &rq,
                   cache_client::_SetIfResponse &rp);
grpc::Status keysExist(ServerState &state, Call &call, const cache_client::_KeysExistRequest &rq,
                       cache_client::_KeysExistResponse &rp);
grpc::Status increment(ServerState &state, Call &call, const cache_client::_IncrementRequest &rq,
                       cache_client::_IncrementResponse &rp);
grpc::Status itemGetTtl(ServerState &state, Call &call, const cache_client::_ItemGetTtlRequest &rq,
                        cache_client::_ItemGetTtlResponse &rp);
grpc::Status updateTtl(ServerState &state, Call &call, const cache_client::_UpdateTtlRequest &rq,
                       cache_client::_UpdateTtlResponse &rp);
/// `cache_client.Ping`: OK (auth and shutdown are admit()'s).
grpc::Status ping(ServerState &state, Call &call, const cache_client::_PingRequest &rq,
                  cache_client::_PingResponse &rp);

} // namespace orderlab::grpcserver::scs
