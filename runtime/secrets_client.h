#pragma once

#include "sigv4.h"

#include <optional>
#include <string>

namespace orderlab::runtime {

/// Where Secrets Manager is and who asks (docs/orderlab-lambda.md, "Secrets Manager").
struct SecretsEndpoint
{
    std::string url; ///< scheme://host[:port], no path
    std::string region;
    AwsCredentials credentials;
};

/// AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else https://secretsmanager.REGION.amazonaws.com, with
/// AWS_REGION (else AWS_DEFAULT_REGION, else us-east-1) and the credentials of the function's environment.
SecretsEndpoint secretsEndpointFromEnvironment();

/**
 * GetSecretValue (JSON 1.1, signed with SigV4) of `secretId`: its SecretString. Nothing, with
 * `error` naming the secret and what Secrets Manager or the connection said, when it fails.
 * Blocking; thread-safe.
 */
std::optional<std::string> getSecretString(const SecretsEndpoint &endpoint, const std::string &secretId,
                                           std::string &error);

} // namespace orderlab::runtime
