#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>

/// What the Momento SDK hands back: responses are returned, not thrown (Hit / Miss / Error).
namespace orderlab::momento {

/// Cache values are immutable and shared: a get hands out the stored buffer, never a copy.
using CacheValue = std::shared_ptr<const std::string>;

inline CacheValue makeValue(std::string s)
{
    return std::make_shared<const std::string>(std::move(s));
}

/// The SDK's MomentoErrorCode values.
enum class ErrorCode {
    InvalidArgument,
    CacheNotFound,
    AlreadyExists,
    FailedPrecondition,
    BadRequest,
    PermissionDenied,
    Authentication,
    LimitExceeded,
    Timeout,
    Cancelled,
    ServerUnavailable,
    InternalServer,
    UnknownService,
};

/// The SDK's name of the code, e.g. `SERVER_UNAVAILABLE`, `LIMIT_EXCEEDED_ERROR`.
const char *errorCodeName(ErrorCode code);
/// Parses a name as errorCodeName prints it, in any case, without `_ERROR`, or as a gRPC status (`unavailable`,
/// `deadline-exceeded`, ...).
std::optional<ErrorCode> errorCodeFromName(const std::string &name);

struct Error
{
    ErrorCode code = ErrorCode::UnknownService;
    std::string message;
    /// `CODE: message`
    std::string toString() const;
};

struct Hit
{
    CacheValue value;
};
struct Miss
{
};

using GetResponse = std::variant<Hit, Miss, Error>;

/// Set, delete and publish answer Success or Error; an empty optional is Success.
using Status = std::optional<Error>;

} // namespace orderlab::momento
