#pragma once

#include <string>

namespace orderlab {
class Clock;
}

namespace orderlab::aws {

class Params;
class SecretStore;

/**
 * Secrets Manager's JSON 1.1 operations over a SecretStore (docs/secrets-manager.md):
 * CreateSecret, PutSecretValue, GetSecretValue, DescribeSecret, ListSecrets, DeleteSecret and
 * RestoreSecret. Reads and checks the request's members, asks the store, writes the answer's
 * JSON body. No sockets: DynamoDbApi::handle routes `secretsmanager.<Op>` targets here.
 *
 * Errors: ApiError with Secrets Manager's exception types and texts (HTTP 400); an unknown
 * operation is UnknownOperationException.
 * Thread-safe: the store is; `store` and `clock` are borrowed and must outlive the API.
 */
class SecretsManagerApi
{
  public:
    SecretsManagerApi(SecretStore &store, const Clock &clock) : m_store(store), m_clock(clock) {}

    /// One decoded operation's answer body. @throws ApiError.
    std::string call(const std::string &operation, const Params &params);

  private:
    std::string createSecret(const Params &params);
    std::string putSecretValue(const Params &params);
    std::string getSecretValue(const Params &params);
    std::string describeSecret(const Params &params);
    std::string listSecrets(const Params &params);
    std::string deleteSecret(const Params &params);
    std::string restoreSecret(const Params &params);

    SecretStore &m_store;
    const Clock &m_clock;
};

} // namespace orderlab::aws
