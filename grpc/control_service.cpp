#include "control_service.h"

namespace orderlab::grpcserver {

using namespace control_client;

grpc::ServerUnaryReactor *ControlService::CreateCache(grpc::CallbackServerContext *ctx, const _CreateCacheRequest *rq,
                                                      _CreateCacheResponse *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Control, "create-cache", nullptr, call);
    if (st.ok()) {
        if (auto e = m_state.cache.createCache(rq->cache_name()))
            st = toStatus(ctx, *e);
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ControlService::DeleteCache(grpc::CallbackServerContext *ctx, const _DeleteCacheRequest *rq,
                                                      _DeleteCacheResponse *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Control, "delete-cache", nullptr, call);
    if (st.ok()) {
        if (auto e = m_state.cache.deleteCache(rq->cache_name()))
            st = toStatus(ctx, *e);
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ControlService::ListCaches(grpc::CallbackServerContext *ctx, const _ListCachesRequest *,
                                                     _ListCachesResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Control, "list-caches", nullptr, call);
    if (st.ok()) {
        const auto limits = m_state.cache.limits();
        for (const auto &name : m_state.cache.listCaches()) {
            auto *c = rp->add_cache();
            c->set_cache_name(name);
            auto *cl = c->mutable_cache_limits();
            cl->set_max_traffic_rate(100);
            cl->set_max_throughput_kbps(1024);
            cl->set_max_item_size_kb(static_cast<std::uint32_t>(limits.maxItemBytes / 1024));
            cl->set_max_ttl_seconds(limits.maxTtlMs / 1000);
            auto *tl = c->mutable_topic_limits();
            tl->set_max_publish_rate(10);
            tl->set_max_subscription_count(static_cast<std::uint32_t>(m_state.options.maxSubscriptions));
            tl->set_max_publish_message_size_kb(4);
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ControlService::FlushCache(grpc::CallbackServerContext *ctx, const _FlushCacheRequest *rq,
                                                     _FlushCacheResponse *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Control, "flush-cache", nullptr, call);
    if (st.ok()) {
        if (auto e = m_state.cache.flushCache(rq->cache_name(), "grpc " + call.peer))
            st = toStatus(ctx, *e);
    }
    return finish(m_state, ctx, call, std::move(st));
}

} // namespace orderlab::grpcserver
