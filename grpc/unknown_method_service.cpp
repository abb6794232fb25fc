#include "unknown_method_service.h"

namespace orderlab::grpcserver {

namespace {

class UnknownMethodReactor final : public grpc::ServerGenericBidiReactor
{
  public:
    explicit UnknownMethodReactor(const std::string &method)
    {
        Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "orderlab does not serve the method " + method));
    }

    void OnDone() override { delete this; }
};

} // namespace

grpc::ServerGenericBidiReactor *UnknownMethodService::CreateReactor(grpc::GenericCallbackServerContext *ctx)
{
    return new UnknownMethodReactor(ctx->method());
}

} // namespace orderlab::grpcserver
