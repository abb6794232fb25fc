#pragma once

#include "command.h"
#include "handler_options.h"

#include <QString>

namespace orderlab {
struct SimulationOptions;
}

namespace orderlab::app {

/// The secret `simulate` stores the Momento token in for a handler process: {"momento": TOKEN}.
inline constexpr char kMomentoSecretId[] = "orderlab/momento";

/**
 * What `simulate --handler-command` hosts so that an unmodified handler reaches orderlab the way
 * it reaches AWS and Momento in production (docs/lambda-runtime.md, "What simulate hosts for a
 * handler process"): Momento's gRPC protocol on ephemeral ports of 127.0.0.1 (plaintext, and
 * TLS with the server certificate of the local CA, `--ca-dir` or the default folder), the AWS
 * port (DynamoDB, DynamoDB Streams, Secrets Manager) on an ephemeral port, a Momento token whose
 * endpoints lead to the TLS port stored as the secret kMomentoSecretId, and the handler's
 * environment: the AWS endpoints, SECRET_ID, MOMENTO_API_KEY, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH and
 * NODE_EXTRA_CA_CERTS (the function's own --handler-env variables win).
 *
 * Fills `options.services` and `options.servicesStarted`. False with `error` naming the option or
 * the CA folder when the CA cannot be made or read. Does nothing without a handler process.
 */
bool hostForHandler(const OptionParser &parser, HandlerChoice &handler, SimulationOptions &options, QString &error);

} // namespace orderlab::app
