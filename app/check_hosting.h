#pragma once

#include "handler_spec.h"

#include <string>

namespace orderlab::app {

/**
 * How `orderlab check` hosts a scenario's handler process (docs/scenarios.md, "Handler processes"): for each
 * world, a lambda::ProcessInvoker running the handler and the services `simulate --handler-command` hosts
 * (handlerServices: Momento plaintext and TLS, the AWS port with the Momento secret, the handler's environment).
 * The local CA in `caDirectory` is made (or reused) at the first scenario that needs it; with `printLogs` every
 * log line of the handler goes to stderr as it comes.
 *
 * The host refuses (std::invalid_argument, naming it) a folder that does not exist, variables Lambda would
 * refuse (lambda::checkFunctionEnvironment's texts) and a CA that cannot be made. Thread-safe.
 */
scenario::ProcessHost checkProcessHost(std::string caDirectory, bool printLogs);

} // namespace orderlab::app
