#pragma once

#include <stdexcept>
#include <string>

namespace orderlab::aws {

/**
 * An error answer of the AWS JSON 1.0 protocol (docs/dynamodb-api.md, "Errors"): HTTP status
 * (400 for the client's faults, 500 for orderlab's own), the exception's short name (e.g.
 * "ValidationException"), its message, and optional extra members appended to the body
 * (`extraJson`, e.g. `"CancellationReasons":[...]`, without braces). Thrown by the handlers and
 * turned into a body by errorBody().
 */
struct ApiError : std::runtime_error
{
    ApiError(int httpStatus, std::string errorType, const std::string &text, std::string extra = {})
        : std::runtime_error(text), status(httpStatus), type(std::move(errorType)), extraJson(std::move(extra))
    {
    }
    int status;
    std::string type;
    std::string extraJson;
};

inline ApiError validation(const std::string &message)
{
    return ApiError(400, "ValidationException", message);
}

} // namespace orderlab::aws
