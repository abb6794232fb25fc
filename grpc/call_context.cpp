#include "call_context.h"

#include <chrono>

namespace orderlab::grpcserver {

namespace {

bool hasFaultHeaders(const grpc::CallbackServerContext *ctx)
{
    static const char *const names[] = {"return-error", "delay-ms",   "stream-error",
                                        "error-rpcs",   "delay-rpcs", "stream-error-rpcs"};
    const auto &md = ctx->client_metadata();
    for (const char *n : names)
        if (md.find(n) != md.end())
            return true;
    return false;
}

} // namespace

bool RateLimits::admit(const std::string &kind, const std::string &cache, std::uint64_t limit)
{
    const std::int64_t second = RemoteClients::wallMs() / 1000;
    std::lock_guard lock(m_mutex);
    Window &w = m_windows[{kind, cache}];
    if (w.second != second) {
        w.second = second;
        w.count = 0;
    }
    return ++w.count <= limit;
}

grpc::StatusCode codeOf(momento::ErrorCode code)
{
    using momento::ErrorCode;
    switch (code) {
    case ErrorCode::InvalidArgument:
        return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::CacheNotFound:
        return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::AlreadyExists:
        return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::FailedPrecondition:
        return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::BadRequest:
        return grpc::StatusCode::OUT_OF_RANGE;
    case ErrorCode::PermissionDenied:
        return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorCode::Authentication:
        return grpc::StatusCode::UNAUTHENTICATED;
    case ErrorCode::LimitExceeded:
        return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorCode::Timeout:
        return grpc::StatusCode::DEADLINE_EXCEEDED;
    case ErrorCode::Cancelled:
        return grpc::StatusCode::CANCELLED;
    case ErrorCode::ServerUnavailable:
        return grpc::StatusCode::UNAVAILABLE;
    case ErrorCode::InternalServer:
        return grpc::StatusCode::INTERNAL;
    case ErrorCode::UnknownService:
        return grpc::StatusCode::UNKNOWN;
    }
    return grpc::StatusCode::UNKNOWN;
}

grpc::StatusCode codeFromName(const std::string &name)
{
    static const std::map<std::string, grpc::StatusCode> codes{
        {"unavailable", grpc::StatusCode::UNAVAILABLE},
        {"unknown", grpc::StatusCode::UNKNOWN},
        {"already-exists", grpc::StatusCode::ALREADY_EXISTS},
        {"not-found", grpc::StatusCode::NOT_FOUND},
        {"internal", grpc::StatusCode::INTERNAL},
        {"permission-denied", grpc::StatusCode::PERMISSION_DENIED},
        {"unauthenticated", grpc::StatusCode::UNAUTHENTICATED},
        {"cancelled", grpc::StatusCode::CANCELLED},
        {"resource-exhausted", grpc::StatusCode::RESOURCE_EXHAUSTED},
        {"invalid-argument", grpc::StatusCode::INVALID_ARGUMENT},
        {"deadline-exceeded", grpc::StatusCode::DEADLINE_EXCEEDED},
        {"failed-precondition", grpc::StatusCode::FAILED_PRECONDITION},
    };
    auto it = codes.find(name);
    return it == codes.end() ? grpc::StatusCode::UNKNOWN : it->second;
}

grpc::Status toStatus(grpc::CallbackServerContext *ctx, const momento::Error &error)
{
    const auto code = codeOf(error.code);
    if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        const auto colon = error.message.find(':');
        const std::string tag = error.message.substr(0, colon);
        if (tag.find(' ') == std::string::npos && !tag.empty() && colon != std::string::npos)
            ctx->AddTrailingMetadata("err", tag);
    }
    return grpc::Status(code, error.message);
}

grpc::Status admit(ServerState &state, grpc::CallbackServerContext *ctx, Plane plane, const char *rpc,
                   const char *operation, Call &call)
{
    call.peer = ctx->peer();
    const auto &md = ctx->client_metadata();
    auto agent = md.find("agent");
    if (agent != md.end()) {
        auto runtime = md.find("runtime-version");
        state.clients.recordCall(call.peer, std::string(agent->second.data(), agent->second.size()),
                                 runtime == md.end() ? std::string()
                                                     : std::string(runtime->second.data(), runtime->second.size()));
    } else {
        state.clients.recordCall(call.peer, {}, {});
    }
    if (state.shuttingDown.load())
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "orderlab is shutting down");
    if (!state.options.authToken.empty()) {
        auto auth = md.find("authorization");
        if (auth == md.end() || auth->second != state.options.authToken)
            return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "invalid auth token");
    }
    if (plane == Plane::Data) {
        auto cache = md.find("cache");
        if (cache == md.end())
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "missing metadata: cache");
        call.cache.assign(cache->second.data(), cache->second.size());
    }
    if (hasFaultHeaders(ctx)) {
        const auto headers = RequestFaults::parse([ctx](const std::string &name) -> std::optional<std::string> {
            const auto &m = ctx->client_metadata();
            auto it = m.find(name);
            if (it == m.end())
                return std::nullopt;
            return std::string(it->second.data(), it->second.size());
        });
        call.verdict = state.requestFaults.decide(headers, rpc);
        if (!call.verdict.invalidHeader.empty())
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "momento-local fault headers: " + call.verdict.invalidHeader);
        call.delayMs += call.verdict.delayMs;
        if (call.verdict.delayMs > 0 || !call.verdict.error.empty())
            ++state.injected;
        if (!call.verdict.error.empty())
            return grpc::Status(codeFromName(call.verdict.error),
                                "momento-local fault injection: " + call.verdict.error + " on " + rpc);
    }
    if (operation && state.faults) {
        const auto decision = state.faults->decide(operation);
        if (decision.latencyMs > 0)
            call.delayMs += static_cast<std::uint64_t>(decision.latencyMs);
        if (decision.fail) {
            ++state.injected;
            return grpc::Status(codeOf(decision.code), std::string("injected fault on ") + operation + ": " +
                                                           momento::errorCodeName(decision.code));
        }
    }
    if (state.options.rateLimits && plane == Plane::Data && !state.rates.admit("cache", call.cache, 100)) {
        ctx->AddTrailingMetadata("err", "request_rate_limit_exceeded");
        return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "request rate limit exceeded (100 cache operations/s)");
    }
    return grpc::Status::OK;
}

grpc::ServerUnaryReactor *finish(ServerState &state, grpc::CallbackServerContext *ctx, const Call &call,
                                 grpc::Status status)
{
    if (!status.ok())
        state.clients.recordFailure(call.peer);
    auto *reactor = ctx->DefaultReactor();
    if (call.delayMs == 0) {
        reactor->Finish(std::move(status));
    } else {
        state.timer.after(std::chrono::milliseconds(call.delayMs),
                          [reactor, s = std::move(status)]() mutable { reactor->Finish(std::move(s)); });
    }
    return reactor;
}

} // namespace orderlab::grpcserver
