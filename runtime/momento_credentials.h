#pragma once

#include <optional>
#include <string>

namespace orderlab::runtime {

/// Where and how orderlab-lambda reaches Momento (docs/orderlab-lambda.md, "Momento").
struct MomentoConnection
{
    std::string target;        ///< host:port as gRPC takes it
    std::string authorization; ///< the `authorization` metadata of every call
    bool tls = true;
};

/**
 * Reads a Momento API key the way the Node SDK 1.118.1 does (docs/momento-tls.md): base64 of
 * {"endpoint": E, "api_key": K} (a v1 key: target `cache.E:443`, authorization K), else a legacy JWT
 * whose claim `c` is the cache endpoint taken as it is (443 when it has no port) and which is
 * itself the authorization. `endpointOverride` (MOMENTO_ENDPOINT), when not empty, replaces the
 * target: `http://HOST:PORT` is plaintext, `https://HOST[:PORT]` or `HOST[:PORT]` TLS. Nothing, with
 * `error` saying what is wrong (never the key itself), when the key is neither form.
 */
std::optional<MomentoConnection> momentoConnection(const std::string &apiKey, const std::string &endpointOverride,
                                                   std::string &error);

/// The `momento` member of a secret's JSON text ({"momento": "KEY"}, the article's form), or the whole text when
/// it is not a JSON object; nothing, with `error`, for an object without a string `momento`.
std::optional<std::string> apiKeyFromSecret(const std::string &secretString, std::string &error);

} // namespace orderlab::runtime
