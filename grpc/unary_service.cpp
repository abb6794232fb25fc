#include "unary_service.h"

#include "unary_calls.h"

namespace orderlab::grpcserver {

namespace {

/// Reads the one request message, answers it (after the call's delay) and deletes itself.
class UnaryReactor final : public grpc::ServerGenericBidiReactor
{
  public:
    UnaryReactor(ServerState &state, grpc::GenericCallbackServerContext *ctx) : m_state(state), m_ctx(ctx)
    {
        if (!isUnaryMethod(ctx->method())) {
            Finish(
                grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "orderlab does not serve the method " + ctx->method()));
            return;
        }
        StartRead(&m_request);
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the call carried no request message"));
            return;
        }
        std::string body;
        grpc::Slice slice;
        if (m_request.DumpToSingleSlice(&slice).ok())
            body.assign(reinterpret_cast<const char *>(slice.begin()), slice.size());
        m_outcome = runUnary(m_state, m_ctx->method(), RequestMeta::of(*m_ctx), body);
        addTrailers(m_ctx, m_outcome.call);
        if (m_outcome.call.delayMs == 0) {
            respond();
        } else {
            m_state.timer.after(std::chrono::milliseconds(m_outcome.call.delayMs), [this] { respond(); });
        }
    }

    void OnDone() override { delete this; }

  private:
    void respond()
    {
        if (!m_outcome.status.ok()) {
            Finish(m_outcome.status);
            return;
        }
        grpc::Slice slice(m_outcome.body);
        m_response = grpc::ByteBuffer(&slice, 1);
        StartWriteAndFinish(&m_response, grpc::WriteOptions(), grpc::Status::OK);
    }

    ServerState &m_state;
    grpc::GenericCallbackServerContext *m_ctx;
    grpc::ByteBuffer m_request;
    grpc::ByteBuffer m_response;
    UnaryOutcome m_outcome;
};

} // namespace

grpc::ServerGenericBidiReactor *UnaryService::CreateReactor(grpc::GenericCallbackServerContext *ctx)
{
    return new UnaryReactor(m_state, ctx);
}

} // namespace orderlab::grpcserver
