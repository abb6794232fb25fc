#include "pubsub_service.h"

#include "subscription_stream.h"

namespace orderlab::grpcserver {

using namespace cache_client::pubsub;

grpc::Status pubsub::publish(ServerState &state, Call &call, const _PublishRequest &rq, common::_Empty &)
{
    call.seen.cache = rq.cache_name();
    call.seen.key = rq.topic();
    if (auto st = checkName(state, "topic name", rq.topic()); !st.ok())
        return st;
    if (state.options.rateLimits && !state.rates.admit("publish", rq.cache_name(), 10)) {
        call.trailers.emplace_back("err", "request_rate_limit_exceeded");
        return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "publish rate limit exceeded (10/s)");
    }
    TopicValue value;
    switch (rq.value().kind_case()) {
    case _TopicValue::kText:
        call.seen.value = rq.value().text();
        value = TopicValue::text(rq.value().text());
        break;
    case _TopicValue::kBinary:
        call.seen.value = rq.value().binary();
        value = TopicValue::binary(rq.value().binary());
        break;
    case _TopicValue::KIND_NOT_SET:
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the topic value must be text or binary");
    }
    call.seen.bytes = call.seen.value.size();
    if (auto e = state.topics.publish(rq.cache_name(), rq.topic(), std::move(value), "grpc " + call.peer))
        return toStatus(call, *e);
    return grpc::Status::OK;
}

grpc::ServerWriteReactor<grpc::ByteBuffer> *PubsubService::Subscribe(grpc::CallbackServerContext *ctx,
                                                                     const grpc::ByteBuffer *body)
{
    return new SubscriptionStream(m_state, ctx, body);
}

} // namespace orderlab::grpcserver
