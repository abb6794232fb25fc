#pragma once

#include <functional>
#include <memory>
#include <vector>

namespace orderlab {

class WorldService;

/// Makes the services each world of the window hosts, given the Momento port from the settings
/// (0 = any). `app` supplies it (the gRPC server); the window links no network face.
using WindowServices = std::function<std::vector<std::unique_ptr<WorldService>>(int momentoPort)>;

} // namespace orderlab
