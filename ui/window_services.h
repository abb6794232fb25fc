#pragma once

#include "handler_spec.h"
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

/// What the window can host; `app` supplies it, so that the window links no network face.
struct WindowServices
{
    /// Makes what a world of the window hosts (the gRPC server, the AWS port, a handler process and
    /// what it needs). GUI thread. Empty: the worlds host nothing and run core's handler only.
    std::function<WorldHosting(const WindowHostingRequest &request)> hosting;
    /// How Run all hosts a scenario that names a handler process, as `orderlab check` does (a world of its own on
    /// ephemeral ports). Thread-safe. Empty: such a scenario fails there, saying so.
    scenario::ProcessHost scenarioHost;
};

} // namespace orderlab
