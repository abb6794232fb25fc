#pragma once
// Internal to orderlab_grpc: the byte-level service that answers every unary call.

#include "call_context.h"

#include <grpcpp/generic/async_generic_service.h>

namespace orderlab::grpcserver {

/**
 * gRPC's generic (byte-level) callback service: it receives every call no registered service
 * claims, which is every unary call of Scs, ScsControl, Ping and Pubsub/Publish, and decodes the
 * body itself (runUnary, unary_calls.h). So a body that is not the request message is answered
 * INVALID_ARGUMENT naming the body, where gRPC's typed callback API would answer UNIMPLEMENTED
 * with no message before any handler runs (docs/momento-wire.md, "Errors").
 *
 * One reactor per call, deleting itself in OnDone; an injected delay waits on the timer thread,
 * never in a reaction. Threading: reactions run on gRPC's threads; `state` must outlive the server.
 */
class UnaryService final : public grpc::CallbackGenericService
{
  public:
    explicit UnaryService(ServerState &state) : m_state(state) {}
    grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *ctx) override;

  private:
    ServerState &m_state;
};

} // namespace orderlab::grpcserver
