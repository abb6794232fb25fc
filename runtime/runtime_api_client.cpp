#include "runtime_api_client.h"

#include "js/json.h"

#include <httplib.h>

namespace orderlab::runtime {

namespace {
const std::string kBase = "/2018-06-01/runtime";

std::string jsonString(const std::string &s)
{
    std::string out;
    js::stringifyJson(js::Value(s), out);
    return out;
}
} // namespace

std::string errorBody(const std::string &type, const std::string &message)
{
    return "{\"errorMessage\":" + jsonString(message) + ",\"errorType\":" + jsonString(type) + ",\"stackTrace\":[]}";
}

class RuntimeApiClient::Impl
{
  public:
    explicit Impl(const std::string &hostPort) : client("http://" + hostPort)
    {
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);          // else each small POST waits out the peer's delayed ACK (about 40 ms)
        client.set_read_timeout(24 * 3600, 0); // next() waits for as long as no invocation comes
    }
    httplib::Client client;
};

RuntimeApiClient::RuntimeApiClient(const std::string &hostPort) : m_impl(std::make_unique<Impl>(hostPort)) {}

RuntimeApiClient::~RuntimeApiClient() = default;

std::optional<NextInvocation> RuntimeApiClient::next(std::string &error)
{
    const auto answer = m_impl->client.Get(kBase + "/invocation/next");
    if (!answer) {
        error = "invocation/next: " + httplib::to_string(answer.error());
        return std::nullopt;
    }
    if (answer->status != 200) {
        error = "invocation/next: HTTP " + std::to_string(answer->status) + " " + answer->body;
        return std::nullopt;
    }
    NextInvocation n{answer->get_header_value("Lambda-Runtime-Aws-Request-Id"), answer->body};
    if (n.requestId.empty()) {
        error = "invocation/next: no Lambda-Runtime-Aws-Request-Id header";
        return std::nullopt;
    }
    return n;
}

bool RuntimeApiClient::post(const std::string &path, const std::string &body, const std::string &errorType,
                            std::string &error)
{
    httplib::Headers headers;
    if (!errorType.empty())
        headers.emplace("Lambda-Runtime-Function-Error-Type", errorType);
    const auto answer = m_impl->client.Post(path, headers, body, "application/json");
    if (!answer) {
        error = path + ": " + httplib::to_string(answer.error());
        return false;
    }
    if (answer->status != 202) {
        error = path + ": HTTP " + std::to_string(answer->status) + " " + answer->body;
        return false;
    }
    return true;
}

bool RuntimeApiClient::respond(const std::string &requestId, const std::string &body, std::string &error)
{
    return post(kBase + "/invocation/" + requestId + "/response", body, {}, error);
}

bool RuntimeApiClient::fail(const std::string &requestId, const std::string &type, const std::string &message,
                            std::string &error)
{
    return post(kBase + "/invocation/" + requestId + "/error", errorBody(type, message), type, error);
}

bool RuntimeApiClient::initError(const std::string &type, const std::string &message, std::string &error)
{
    return post(kBase + "/init/error", errorBody(type, message), type, error);
}

} // namespace orderlab::runtime
