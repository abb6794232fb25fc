#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::lambda {

/// NAME=VALUE pairs in the order given.
using EnvironmentVariables = std::vector<std::pair<std::string, std::string>>;

/**
 * Checks a function's own environment variables the way Lambda's CreateFunction does
 * (docs/lambda-runtime.md, "The function's variables"): names match [a-zA-Z]([a-zA-Z0-9_])+, no
 * reserved key (AWS_REGION, _HANDLER, the credentials, ...), no name twice, and at most 4 KB
 * together. Returns Lambda's message for the first rule broken, or nothing when all hold.
 */
std::optional<std::string> checkFunctionEnvironment(const EnvironmentVariables &variables);

/**
 * The AWS_ENDPOINT_URL_<SERVICE> variables that lead an AWS SDK in a handler process to the AWS
 * services orderlab serves (DynamoDB, DynamoDB Streams, Secrets Manager), for `baseUrl` such as
 * "http://127.0.0.1:8000".
 */
EnvironmentVariables serviceEndpointVariables(const std::string &baseUrl);

/**
 * Variables known only once orderlab's ports are bound (the endpoints above), shared by the
 * execution environments of one function. Thread-safe: set() by whoever binds the ports, get() by
 * each environment as it starts; an environment started before set() gets none.
 */
class LateEnvironment
{
  public:
    void set(EnvironmentVariables variables)
    {
        std::lock_guard lock(m_mutex);
        m_variables = std::move(variables);
    }
    EnvironmentVariables get() const
    {
        std::lock_guard lock(m_mutex);
        return m_variables;
    }

  private:
    mutable std::mutex m_mutex;
    EnvironmentVariables m_variables;
};

} // namespace orderlab::lambda
