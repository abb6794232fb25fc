#include "pubsub_service.h"

#include "subscription_stream.h"

namespace orderlab::grpcserver {

using namespace cache_client::pubsub;

grpc::ServerUnaryReactor *PubsubService::Publish(grpc::CallbackServerContext *ctx, const _PublishRequest *rq,
                                                 common::_Empty *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Topics, "topic-publish", "topic.publish", call);
    if (st.ok() && m_state.options.rateLimits && !m_state.rates.admit("publish", rq->cache_name(), 10)) {
        ctx->AddTrailingMetadata("err", "request_rate_limit_exceeded");
        st = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "publish rate limit exceeded (10/s)");
    }
    if (st.ok()) {
        TopicValue value;
        switch (rq->value().kind_case()) {
        case _TopicValue::kText:
            value = TopicValue::text(rq->value().text());
            break;
        case _TopicValue::kBinary:
            value = TopicValue::binary(rq->value().binary());
            break;
        case _TopicValue::KIND_NOT_SET:
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the topic value must be text or binary");
            break;
        }
        if (st.ok()) {
            if (auto e = m_state.topics.publish(rq->cache_name(), rq->topic(), std::move(value), "grpc " + call.peer))
                st = toStatus(ctx, *e);
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerWriteReactor<_SubscriptionItem> *PubsubService::Subscribe(grpc::CallbackServerContext *ctx,
                                                                      const _SubscriptionRequest *rq)
{
    return new SubscriptionStream(m_state, ctx, rq);
}

} // namespace orderlab::grpcserver
