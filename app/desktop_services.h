#pragma once

#include "window_services.h" // ui's WindowServices

namespace orderlab::app {

/**
 * What each world of the desktop window hosts (docs/lambda-runtime.md, "In the window"): the Momento
 * gRPC server and the AWS port (DynamoDB, DynamoDB Streams, Secrets Manager) on 127.0.0.1 at the ports
 * asked for, or free ports when those are taken. With a handler process: Momento over TLS too (the
 * local CA in its default folder, made if missing), the process invoker, and, once the ports listen,
 * the handler's token as a secret and its environment (provideForHandler). The hosting's error names
 * what failed when the CA cannot be used.
 */
WindowServices desktopServices();

} // namespace orderlab::app
