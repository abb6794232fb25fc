#include "secrets_client.h"

#include "js/json.h"

#include <httplib.h>

#include <cstdlib>
#include <ctime>

namespace orderlab::runtime {

namespace {

std::string variable(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

std::string amzDateNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

std::string jsonString(const std::string &s)
{
    std::string out;
    js::stringifyJson(js::Value(s), out);
    return out;
}

/// The host (and port) of scheme://host[:port][/...].
std::string hostOf(const std::string &url)
{
    const auto start = url.find("://");
    const std::string rest = start == std::string::npos ? url : url.substr(start + 3);
    return rest.substr(0, rest.find('/'));
}

} // namespace

SecretsEndpoint secretsEndpointFromEnvironment()
{
    SecretsEndpoint e;
    e.region = variable("AWS_REGION");
    if (e.region.empty())
        e.region = variable("AWS_DEFAULT_REGION");
    if (e.region.empty())
        e.region = "us-east-1";
    e.url = variable("AWS_ENDPOINT_URL_SECRETS_MANAGER");
    if (e.url.empty())
        e.url = variable("AWS_ENDPOINT_URL");
    if (e.url.empty())
        e.url = "https://secretsmanager." + e.region + ".amazonaws.com";
    while (!e.url.empty() && e.url.back() == '/')
        e.url.pop_back();
    e.credentials = {variable("AWS_ACCESS_KEY_ID"), variable("AWS_SECRET_ACCESS_KEY"), variable("AWS_SESSION_TOKEN")};
    return e;
}

std::optional<std::string> getSecretString(const SecretsEndpoint &endpoint, const std::string &secretId,
                                           std::string &error)
{
    const std::string body = "{\"SecretId\":" + jsonString(secretId) + "}";
    SigningRequest request;
    request.body = body;
    request.region = endpoint.region;
    request.service = "secretsmanager";
    request.amzDate = amzDateNow();
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"Host", hostOf(endpoint.url)},
                       {"X-Amz-Date", request.amzDate},
                       {"X-Amz-Target", "secretsmanager.GetSecretValue"}};
    if (!endpoint.credentials.sessionToken.empty())
        request.headers.emplace_back("X-Amz-Security-Token", endpoint.credentials.sessionToken);
    httplib::Headers headers;
    for (const auto &[name, value] : request.headers)
        if (name != "Content-Type" && name != "Host")
            headers.emplace(name, value);
    headers.emplace("Authorization", sigV4Authorization(request, endpoint.credentials));
    httplib::Client client(endpoint.url);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(10, 0);
    const auto answer = client.Post("/", headers, body, "application/x-amz-json-1.1");
    const std::string what = "GetSecretValue of '" + secretId + "' at " + endpoint.url;
    if (!answer) {
        error = what + ": " + httplib::to_string(answer.error());
        return std::nullopt;
    }
    js::Value json;
    try {
        json = js::parseJson(answer->body);
    } catch (const std::exception &) {
        error = what + ": HTTP " + std::to_string(answer->status) + " with a body that is not JSON";
        return std::nullopt;
    }
    auto text = [&](const char *name) {
        const js::Value *v = json.isObject() ? json.asObject()->find(name) : nullptr;
        return v && v->isString() ? v->asString() : std::string();
    };
    if (answer->status != 200) {
        std::string type = text("__type");
        if (const auto hash = type.rfind('#'); hash != std::string::npos)
            type = type.substr(hash + 1);
        const std::string message = text("message").empty() ? text("Message") : text("message");
        error = what + ": " + (type.empty() ? "HTTP " + std::to_string(answer->status) : type) +
                (message.empty() ? "" : ": " + message);
        return std::nullopt;
    }
    if (!json.isObject() || !json.asObject()->find("SecretString")) {
        error = what + ": the secret has no SecretString";
        return std::nullopt;
    }
    return text("SecretString");
}

} // namespace orderlab::runtime
