#pragma once

#include "clock.h"
#include "local_ca.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orderlab {
struct SimulationOptions;
class World;
class WorldService;
} // namespace orderlab
namespace orderlab::lambda {
struct FunctionConfig;
class LateEnvironment;
} // namespace orderlab::lambda
namespace orderlab::aws {
class SecretStore;
}

namespace orderlab::app {

/// The secret `simulate` stores the Momento token in for a handler process: {"momento": TOKEN}.
inline constexpr char kMomentoSecretId[] = "orderlab/momento";

/**
 * What `simulate --handler-command` hosts so that an unmodified handler reaches orderlab the way
 * it reaches AWS and Momento in production (docs/lambda-runtime.md, "What simulate hosts for a
 * handler process"): Momento's gRPC protocol on ephemeral ports of 127.0.0.1 (plaintext, and
 * TLS with the server certificate of the local CA), the AWS
 * port (DynamoDB, DynamoDB Streams, Secrets Manager) on an ephemeral port, a Momento token whose
 * endpoints lead to the TLS port stored as the secret kMomentoSecretId, and the handler's
 * environment: the AWS endpoints, SECRET_ID, MOMENTO_API_KEY, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH and
 * NODE_EXTRA_CA_CERTS (the function's own --handler-env variables win).
 *
 * Fills `options.services` and `options.servicesStarted`, and `function.late` with the environment
 * they make. `ca` is the local CA (tls::ensureLocalCa) whose server certificate the TLS port serves.
 */
void hostForHandler(lambda::FunctionConfig &function, const tls::LocalCa &ca, SimulationOptions &options);

/// Where a handler process reaches orderlab, once its ports listen.
struct HandlerEndpoints
{
    int momentoTlsPort = 0;    ///< Momento's gRPC protocol over TLS on 127.0.0.1, with the local CA's certificate
    std::string awsAddress;    ///< "127.0.0.1:PORT" of the AWS port (DynamoDB, Streams, Secrets Manager)
    std::string caCertificate; ///< the local CA's certificate file, for the handler's TLS clients
};

/**
 * What serve, simulate and the window give a handler process once its ports listen: a Momento token whose
 * endpoints lead to the TLS port, stored in `secrets` as kMomentoSecretId (created at `now`), and `late` set to
 * the handler's environment (the AWS endpoints, SECRET_ID, MOMENTO_API_KEY, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH,
 * NODE_EXTRA_CA_CERTS). Returns "secretsmanager: ..." when the secret cannot be stored (a secret of that name
 * exists already), else empty. Thread-safe as SecretStore and LateEnvironment are.
 */
std::string provideForHandler(const HandlerEndpoints &endpoints, aws::SecretStore &secrets, TimeMs now,
                              lambda::LateEnvironment &late);

/// What hostForHandler hosts, for any world: the services to add before it starts, and what to run once they
/// have (it sets `function.late`; a non-empty return is the failure). `command` names the notice printed on
/// stderr then ("orderlab simulate: the handler reaches momento on ..."); null: no notice.
struct HandlerServices
{
    std::function<std::vector<std::unique_ptr<WorldService>>()> services;
    std::function<std::string(World &)> started;
};
HandlerServices handlerServices(lambda::FunctionConfig &function, const tls::LocalCa &ca, const char *command);

} // namespace orderlab::app
