#pragma once

#include "window_services.h" // ui's WindowServices

namespace orderlab::app {

/// What each world of the desktop window hosts: the Momento gRPC server on 127.0.0.1 at the
/// port from the settings, or a free port when that one is taken.
WindowServices desktopServices();

} // namespace orderlab::app
