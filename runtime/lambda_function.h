#pragma once

#include "momento_credentials.h"

#include <optional>
#include <string>

namespace orderlab {
class StreamHandler;
}

namespace orderlab::runtime {

/**
 * The Momento connection orderlab-lambda's environment asks for (docs/orderlab-lambda.md,
 * "Configuration"): the API key from MOMENTO_API_KEY, else from the Secrets Manager secret
 * SECRET_ID ({"momento": KEY}, the article's form, or the key itself), read with the function's
 * credentials; MOMENTO_ENDPOINT, when set, overrides the key's endpoint. Nothing, with `error`
 * saying what is missing or wrong (never the key), when neither variable gives a usable key.
 */
std::optional<MomentoConnection> momentoFromEnvironment(std::string &error);

/// What one invocation gives back to the Runtime API.
struct InvocationAnswer
{
    bool ok = true;
    std::string body;         ///< ok: the response (the partial-batch response)
    std::string errorType;    ///< not ok: the error's type, e.g. `Error`
    std::string errorMessage; ///< not ok
    std::string log;          ///< one line for the function's log
};

/// Runs core's handler over one event (the Runtime API's body). Never throws: an event that is not JSON, or
/// a batch the handler threw on, is an error answer with the handler's own text.
InvocationAnswer answerInvocation(StreamHandler &handler, const std::string &event);

} // namespace orderlab::runtime
