#pragma once

#include <memory>
#include <optional>
#include <string>

namespace orderlab::runtime {

/// One invocation handed out by invocation/next.
struct NextInvocation
{
    std::string requestId;
    std::string event;
};

/**
 * The client side of the Lambda Runtime API (docs/lambda-runtime.md, "The Runtime API"), at
 * AWS_LAMBDA_RUNTIME_API (host:port). Every call blocks; next() waits as long as the API holds it.
 * Each returns false or nothing, with `error` saying what the API or the connection said, when it
 * fails. One thread at a time.
 */
class RuntimeApiClient
{
  public:
    explicit RuntimeApiClient(const std::string &hostPort);
    ~RuntimeApiClient();

    std::optional<NextInvocation> next(std::string &error);
    bool respond(const std::string &requestId, const std::string &body, std::string &error);
    /// invocation/<id>/error with {"errorMessage","errorType","stackTrace":[]} and Lambda-Runtime-Function-Error-Type.
    bool fail(const std::string &requestId, const std::string &type, const std::string &message, std::string &error);
    /// init/error, the same body.
    bool initError(const std::string &type, const std::string &message, std::string &error);

  private:
    bool post(const std::string &path, const std::string &body, const std::string &errorType, std::string &error);
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

/// {"errorMessage":MESSAGE,"errorType":TYPE,"stackTrace":[]}, as runtimes post errors.
std::string errorBody(const std::string &type, const std::string &message);

} // namespace orderlab::runtime
