#pragma once

#include "command.h"

#include <QString>

#include <memory>

namespace orderlab::aws {
class SecretStore;
}

namespace orderlab::app {

/// The Secrets Manager options of `serve` (docs/secrets-manager.md, "Secrets at start"): `--secret NAME=VALUE`
/// (repeatable) and `--max-secrets N`. Each also reads ORDERLAB_<NAME> (cli/option_parser.h).
void addSecretOptions(OptionParser &parser);

/**
 * Builds the store `serve` hands to the AWS port: `--max-secrets` secrets at most, and one secret
 * per `--secret` (a SecretString, created at `now`, ms since the epoch). Null with `error` naming the
 * option (never the value) when a value is bad: no `=`, a name Secrets Manager refuses, a name given
 * twice, a value over 65 536 bytes, more secrets than `--max-secrets`, or `--secret` without an AWS
 * port (`hasAwsPort` false).
 */
std::shared_ptr<aws::SecretStore> secretOptions(const OptionParser &parser, bool hasAwsPort, long long now,
                                                QString &error);

} // namespace orderlab::app
