#pragma once
// Internal to orderlab_grpc: `cache_client.pubsub.Pubsub`.

#include "cachepubsub.grpc.pb.h"
#include "call_context.h"

namespace orderlab::grpcserver {

/// Subscribe (a SubscriptionStream per call), raw: the stream decodes its request itself, so that a
/// malformed body gets INVALID_ARGUMENT naming it, like the unary calls. Publish is marked generic: it
/// reaches the RawUnaryService (raw_unary_service.h) as bytes, like every unary call, and its work is publish().
class PubsubService final
    : public cache_client::pubsub::Pubsub::WithRawCallbackMethod_Subscribe<
          cache_client::pubsub::Pubsub::WithGenericMethod_Publish<cache_client::pubsub::Pubsub::CallbackService>>
{
  public:
    explicit PubsubService(ServerState &state) : m_state(state) {}

    grpc::ServerWriteReactor<grpc::ByteBuffer> *Subscribe(grpc::CallbackServerContext *ctx,
                                                          const grpc::ByteBuffer *body) override;

  private:
    ServerState &m_state;
};

namespace pubsub {
/// Publish into the TopicHub, for a call admit() let through; same contract as scs_calls.h.
grpc::Status publish(ServerState &state, Call &call, const cache_client::pubsub::_PublishRequest &rq,
                     common::_Empty &rp);
} // namespace pubsub

} // namespace orderlab::grpcserver
