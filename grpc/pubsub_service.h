#pragma once
// Internal to orderlab_grpc: `cache_client.pubsub.Pubsub`.

#include "cachepubsub.grpc.pb.h"
#include "call_context.h"

namespace orderlab::grpcserver {

/// Publish (unary, into the TopicHub) and Subscribe (a SubscriptionStream per call).
class PubsubService final : public cache_client::pubsub::Pubsub::CallbackService
{
  public:
    explicit PubsubService(ServerState &state) : m_state(state) {}

    grpc::ServerUnaryReactor *Publish(grpc::CallbackServerContext *ctx, const cache_client::pubsub::_PublishRequest *rq,
                                      common::_Empty *rp) override;
    grpc::ServerWriteReactor<cache_client::pubsub::_SubscriptionItem> *
    Subscribe(grpc::CallbackServerContext *ctx, const cache_client::pubsub::_SubscriptionRequest *rq) override;

  private:
    ServerState &m_state;
};

} // namespace orderlab::grpcserver
