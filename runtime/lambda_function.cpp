#include "lambda_function.h"

#include "secrets_client.h"

#include "handler/stream_handler.h"
#include "js/json.h"

#include <cstdlib>

namespace orderlab::runtime {

namespace {
std::string variable(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}
} // namespace

std::optional<MomentoConnection> momentoFromEnvironment(std::string &error)
{
    std::string key = variable("MOMENTO_API_KEY");
    if (key.empty()) {
        const std::string secretId = variable("SECRET_ID");
        if (secretId.empty()) {
            error = "no Momento API key: set MOMENTO_API_KEY, or SECRET_ID to a Secrets Manager secret holding "
                    "{\"momento\": KEY}";
            return std::nullopt;
        }
        const auto secret = getSecretString(secretsEndpointFromEnvironment(), secretId, error);
        if (!secret)
            return std::nullopt;
        const auto fromSecret = apiKeyFromSecret(*secret, error);
        if (!fromSecret) {
            error = "secret '" + secretId + "': " + error;
            return std::nullopt;
        }
        key = *fromSecret;
    }
    return momentoConnection(key, variable("MOMENTO_ENDPOINT"), error);
}

InvocationAnswer answerInvocation(StreamHandler &handler, const std::string &event)
{
    InvocationAnswer a;
    js::Value parsed;
    try {
        parsed = js::parseJson(event);
    } catch (const std::exception &e) {
        a.ok = false;
        a.errorType = "SyntaxError";
        a.errorMessage = e.what();
        a.log = "the event is not JSON: " + a.errorMessage;
        return a;
    }
    HandlerResult result;
    try {
        result = runSync(handler.handle(std::move(parsed)));
    } catch (const std::exception &e) {
        a.ok = false;
        a.errorType = "Error";
        a.errorMessage = e.what();
        a.log = "the handler failed: " + a.errorMessage;
        return a;
    }
    if (result.thrown) {
        a.ok = false;
        a.errorType = "Error";
        a.errorMessage = *result.thrown;
        a.log = "the batch failed: " + *result.thrown;
        return a;
    }
    a.body = result.responseJson();
    a.log = std::to_string(result.recordsProcessed) + " record(s) processed, " +
            std::to_string(result.failures.size()) + " reported failed";
    for (const auto &f : result.failures)
        if (f.processed)
            a.log += "; " + f.itemIdentifier + ": " + f.error;
    for (const auto &w : result.warnings)
        a.log += "; warning: " + w;
    return a;
}

} // namespace orderlab::runtime
