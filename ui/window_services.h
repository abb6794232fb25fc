#pragma once

#include "live/world_hosting.h"

#include <functional>
#include <optional>

namespace orderlab {

/// What the window asks each of its worlds to host: the ports it listened on last (0 = any free
/// port; a port that is taken now falls back to a free one), and the handler process chosen in the
/// mapping settings (none: core in process).
struct WindowHostingRequest
{
    int momentoPort = 0;
    int dynamodbPort = 0;
    std::optional<HandlerProcessChoice> handler;
};

/// Makes what a world of the window hosts (the gRPC server, the AWS port, a handler process and
/// what it needs). `app` supplies it; the window links no network face. GUI thread.
using WindowServices = std::function<WorldHosting(const WindowHostingRequest &request)>;

} // namespace orderlab
