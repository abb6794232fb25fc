#include "call_context.h"

#include "momento_token.h"

#include <algorithm>
#include <chrono>

namespace orderlab::grpcserver {

namespace {

bool hasFaultHeaders(const RequestMeta &meta)
{
    static const char *const names[] = {"return-error", "delay-ms",   "stream-error",
                                        "error-rpcs",   "delay-rpcs", "stream-error-rpcs"};
    for (const char *n : names)
        if (meta.metadata.count(n))
            return true;
    return false;
}

void addDelay(Call &call, std::uint64_t ms)
{
    call.delayMs = std::min(RequestFaults::kMaxDelayMs, call.delayMs + std::min(ms, RequestFaults::kMaxDelayMs));
}

} // namespace

std::optional<std::string> RequestMeta::header(const std::string &name) const
{
    auto it = metadata.find(name);
    if (it == metadata.end())
        return std::nullopt;
    return it->second;
}

RequestMeta RequestMeta::of(const grpc::ServerContextBase &ctx)
{
    RequestMeta meta;
    meta.peer = ctx.peer();
    for (const auto &[k, v] : ctx.client_metadata())
        meta.metadata.emplace(std::string(k.data(), k.size()), std::string(v.data(), v.size()));
    return meta;
}

grpc::Status checkName(const ServerState &state, const char *what, const std::string &name)
{
    if (name.size() <= state.options.maxNameBytes)
        return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(what) + " is " + std::to_string(name.size()) +
                                                                " bytes long, the limit is " +
                                                                std::to_string(state.options.maxNameBytes));
}

void addTrailers(grpc::CallbackServerContext *ctx, const Call &call)
{
    for (const auto &[k, v] : call.trailers)
        ctx->AddTrailingMetadata(k, v);
}

bool RateLimits::admit(const std::string &kind, const std::string &cache, std::uint64_t limit)
{
    const std::int64_t second = RemoteClients::wallMs() / 1000;
    std::lock_guard lock(m_mutex);
    if (m_windows.size() >= kMaxWindows) // cache names are the client's: forget past seconds
        std::erase_if(m_windows, [second](const auto &entry) { return entry.second.second != second; });
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

std::string sdkResultName(grpc::StatusCode code)
{
    using momento::ErrorCode;
    if (code == grpc::StatusCode::OK)
        return "ok";
    for (ErrorCode e :
         {ErrorCode::InvalidArgument, ErrorCode::CacheNotFound, ErrorCode::AlreadyExists, ErrorCode::FailedPrecondition,
          ErrorCode::BadRequest, ErrorCode::PermissionDenied, ErrorCode::Authentication, ErrorCode::LimitExceeded,
          ErrorCode::Timeout, ErrorCode::Cancelled, ErrorCode::ServerUnavailable, ErrorCode::InternalServer})
        if (codeOf(e) == code)
            return momento::errorCodeName(e);
    return momento::errorCodeName(ErrorCode::UnknownService);
}

grpc::Status toStatus(Call &call, const momento::Error &error)
{
    const auto code = codeOf(error.code);
    if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        const auto colon = error.message.find(':');
        const std::string tag = error.message.substr(0, colon);
        if (tag.find(' ') == std::string::npos && !tag.empty() && colon != std::string::npos)
            call.trailers.emplace_back("err", tag);
    }
    return grpc::Status(code, error.message);
}

namespace {
bool acceptsSignedToken(const std::string &key, const std::string &token)
{
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return tls::verifyMomentoToken(token, key, now);
}
} // namespace

grpc::Status admit(ServerState &state, const RequestMeta &meta, Plane plane, const char *rpc, const char *operation,
                   Call &call)
{
    call.peer = meta.peer;
    const auto agent = meta.header("agent");
    state.clients.recordCall(call.peer, agent.value_or(std::string()),
                             agent ? meta.header("runtime-version").value_or(std::string()) : std::string());
    if (state.shuttingDown.load())
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "orderlab is shutting down");
    if (!state.options.authToken.empty()) {
        const auto auth = meta.header("authorization");
        // The token itself, or one `orderlab token --auth-token` signed with it (docs/momento-tls.md, "Tokens").
        if (!auth || (*auth != state.options.authToken && !acceptsSignedToken(state.options.authToken, *auth)))
            return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "invalid auth token");
    }
    if (plane == Plane::Data) {
        auto cache = meta.header("cache");
        if (!cache)
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "missing metadata: cache");
        call.cache = std::move(*cache);
    }
    if (hasFaultHeaders(meta)) {
        const auto headers = RequestFaults::parse([&meta](const std::string &name) { return meta.header(name); });
        call.verdict = state.requestFaults.decide(headers, rpc);
        if (!call.verdict.invalidHeader.empty())
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "momento-local fault headers: " + call.verdict.invalidHeader);
        addDelay(call, call.verdict.delayMs);
        if (call.verdict.delayMs > 0 || !call.verdict.error.empty())
            ++state.injected;
        if (!call.verdict.error.empty())
            return grpc::Status(codeFromName(call.verdict.error),
                                "momento-local fault injection: " + call.verdict.error + " on " + rpc);
    }
    if (operation && state.faults) {
        const auto decision = state.faults->decide(operation);
        if (decision.latencyMs > 0)
            addDelay(call, static_cast<std::uint64_t>(decision.latencyMs));
        if (decision.fail) {
            ++state.injected;
            return grpc::Status(codeOf(decision.code), std::string("injected fault on ") + operation + ": " +
                                                           momento::errorCodeName(decision.code));
        }
    }
    if (state.options.rateLimits && plane == Plane::Data && !state.rates.admit("cache", call.cache, 100)) {
        call.trailers.emplace_back("err", "request_rate_limit_exceeded");
        return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "request rate limit exceeded (100 cache operations/s)");
    }
    return grpc::Status::OK;
}

} // namespace orderlab::grpcserver
