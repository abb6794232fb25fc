#include "responses.h"

#include <array>
#include <utility>

namespace orderlab::momento {

namespace {
struct Names
{
    ErrorCode code;
    const char *sdk;
    const char *shortName;
};
constexpr std::array<Names, 13> kNames{{
    {ErrorCode::InvalidArgument, "INVALID_ARGUMENT_ERROR", "invalid-argument"},
    {ErrorCode::CacheNotFound, "NOT_FOUND_ERROR", "not-found"},
    {ErrorCode::AlreadyExists, "ALREADY_EXISTS_ERROR", "already-exists"},
    {ErrorCode::FailedPrecondition, "FAILED_PRECONDITION_ERROR", "failed-precondition"},
    {ErrorCode::BadRequest, "BAD_REQUEST_ERROR", "bad-request"},
    {ErrorCode::PermissionDenied, "PERMISSION_ERROR", "permission-denied"},
    {ErrorCode::Authentication, "AUTHENTICATION_ERROR", "unauthenticated"},
    {ErrorCode::LimitExceeded, "LIMIT_EXCEEDED_ERROR", "resource-exhausted"},
    {ErrorCode::Timeout, "TIMEOUT_ERROR", "deadline-exceeded"},
    {ErrorCode::Cancelled, "CANCELLED_ERROR", "cancelled"},
    {ErrorCode::ServerUnavailable, "SERVER_UNAVAILABLE", "unavailable"},
    {ErrorCode::InternalServer, "INTERNAL_SERVER_ERROR", "internal"},
    {ErrorCode::UnknownService, "UNKNOWN_SERVICE_ERROR", "unknown"},
}};
} // namespace

const char *errorCodeName(ErrorCode code)
{
    for (const auto &n : kNames) {
        if (n.code == code)
            return n.sdk;
    }
    return "UNKNOWN_SERVICE_ERROR";
}

namespace {
/// `TIMEOUT_ERROR` → `timeout`, `LIMIT_EXCEEDED_ERROR` → `limit-exceeded`.
std::string normalised(std::string s)
{
    for (auto &c : s)
        c = c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const std::string suffix = "-error";
    if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
        s.resize(s.size() - suffix.size());
    return s;
}
} // namespace

std::optional<ErrorCode> errorCodeFromName(const std::string &name)
{
    const std::string want = normalised(name);
    for (const auto &n : kNames) {
        if (want == normalised(n.sdk) || want == n.shortName)
            return n.code;
    }
    return std::nullopt;
}

std::string Error::toString() const
{
    return std::string(errorCodeName(code)) + ": " + message;
}

} // namespace orderlab::momento
