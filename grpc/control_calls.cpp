#include "control_calls.h"

namespace orderlab::grpcserver::control {

using namespace control_client;

grpc::Status createCache(ServerState &state, Call &call, const _CreateCacheRequest &rq, _CreateCacheResponse &)
{
    if (auto st = checkName(state, "cache name", rq.cache_name()); !st.ok())
        return st;
    if (auto e = state.cache.createCache(rq.cache_name(), state.options.maxCaches))
        return toStatus(call, *e);
    return grpc::Status::OK;
}

grpc::Status deleteCache(ServerState &state, Call &call, const _DeleteCacheRequest &rq, _DeleteCacheResponse &)
{
    if (auto e = state.cache.deleteCache(rq.cache_name()))
        return toStatus(call, *e);
    return grpc::Status::OK;
}

grpc::Status listCaches(ServerState &state, Call &, const _ListCachesRequest &, _ListCachesResponse &rp)
{
    const auto limits = state.cache.limits();
    for (const auto &name : state.cache.listCaches()) {
        auto *c = rp.add_cache();
        c->set_cache_name(name);
        auto *cl = c->mutable_cache_limits();
        cl->set_max_traffic_rate(100);
        cl->set_max_throughput_kbps(1024);
        cl->set_max_item_size_kb(static_cast<std::uint32_t>(limits.maxItemBytes / 1024));
        cl->set_max_ttl_seconds(limits.maxTtlMs / 1000);
        auto *tl = c->mutable_topic_limits();
        tl->set_max_publish_rate(10);
        tl->set_max_subscription_count(static_cast<std::uint32_t>(state.options.maxSubscriptions));
        tl->set_max_publish_message_size_kb(4);
    }
    return grpc::Status::OK;
}

grpc::Status flushCache(ServerState &state, Call &call, const _FlushCacheRequest &rq, _FlushCacheResponse &)
{
    if (auto e = state.cache.flushCache(rq.cache_name(), "grpc " + call.peer))
        return toStatus(call, *e);
    return grpc::Status::OK;
}

} // namespace orderlab::grpcserver::control
