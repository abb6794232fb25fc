#pragma once
// Internal to orderlab_grpc: the answer to every method orderlab does not serve.

#include <grpcpp/generic/async_generic_service.h>

namespace orderlab::grpcserver {

/**
 * gRPC's generic callback service receives every call that no registered service claims: the
 * methods orderlab does not serve. It answers UNIMPLEMENTED naming the method, where gRPC alone
 * would answer UNIMPLEMENTED with an empty message (docs/momento-wire.md, "Errors"). The methods
 * orderlab serves are registered by RawUnaryService and PubsubService.
 *
 * One reactor per call, deleting itself in OnDone. Threading: reactions run on gRPC's threads.
 */
class UnknownMethodService final : public grpc::CallbackGenericService
{
  public:
    grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *ctx) override;
};

} // namespace orderlab::grpcserver
