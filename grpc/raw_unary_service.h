#pragma once
// Internal to orderlab_grpc: the registered, byte-level service that answers every unary call orderlab serves.

#include "call_context.h"

#include <grpcpp/impl/service_type.h>

namespace orderlab::grpcserver {

/**
 * Registers every unary method orderlab serves (`/cache_client.Scs/Get`, ...) by its full name as a
 * raw callback method: gRPC hands over the request bytes untouched and runUnary (unary_calls.h)
 * decodes them, so a body that is not the request message is answered INVALID_ARGUMENT naming the
 * body (docs/momento-wire.md, "Errors"). Being registered, these calls take gRPC's unary fast path;
 * the generic UnknownMethodService only answers the methods orderlab does not serve.
 *
 * An injected delay waits on the timer thread, never in gRPC's thread. Threading: calls run on
 * gRPC's threads; `state` must outlive the server.
 */
class RawUnaryService final : public grpc::Service
{
  public:
    explicit RawUnaryService(ServerState &state);

  private:
    grpc::ServerUnaryReactor *call(const char *method, grpc::CallbackServerContext *ctx,
                                   const grpc::ByteBuffer *request, grpc::ByteBuffer *response);

    ServerState &m_state;
};

} // namespace orderlab::grpcserver
