#include "raw_unary_service.h"

#include "unary_calls.h"

#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/support/byte_buffer.h>

#include <memory>

namespace orderlab::grpcserver {

RawUnaryService::RawUnaryService(ServerState &state) : m_state(state)
{
    int index = 0;
    for (const char *method : unaryMethodNames()) {
        AddMethod(new grpc::internal::RpcServiceMethod(method, grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
        MarkMethodRawCallback(
            index++, new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
                         [this, method](grpc::CallbackServerContext *ctx, const grpc::ByteBuffer *request,
                                        grpc::ByteBuffer *response) { return call(method, ctx, request, response); }));
    }
}

grpc::ServerUnaryReactor *RawUnaryService::call(const char *method, grpc::CallbackServerContext *ctx,
                                                const grpc::ByteBuffer *request, grpc::ByteBuffer *response)
{
    grpc::ServerUnaryReactor *reactor = ctx->DefaultReactor();
    std::string body;
    grpc::Slice slice;
    if (request->DumpToSingleSlice(&slice).ok())
        body.assign(reinterpret_cast<const char *>(slice.begin()), slice.size());
    auto outcome = std::make_shared<UnaryOutcome>(runUnary(m_state, method, RequestMeta::of(*ctx), body));
    addTrailers(ctx, outcome->call);
    auto respond = [reactor, response, outcome] {
        if (!outcome->status.ok()) {
            reactor->Finish(outcome->status);
            return;
        }
        grpc::Slice reply(std::move(outcome->body));
        *response = grpc::ByteBuffer(&reply, 1);
        reactor->Finish(grpc::Status::OK);
    };
    if (outcome->call.delayMs == 0)
        respond();
    else
        m_state.timer.after(std::chrono::milliseconds(outcome->call.delayMs), std::move(respond));
    return reactor;
}

} // namespace orderlab::grpcserver
