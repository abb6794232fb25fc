#pragma once

#include "window_services.h"

namespace orderlab {

/// True when `orderlab` was started without a subcommand (or with --screenshot) and can show
/// a window: ORDERLAB_UI is built, and DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM is set
/// (--screenshot or ORDERLAB_SCREENSHOT falls back to the offscreen platform). --help and --version stay textual.
bool desktopRequested(int argc, char **argv);

/**
 * Runs the desktop app: QApplication, the main window with its settings, the event loop.
 * Options: `--screenshot FILE [--after SECONDS]` renders the running window to a PNG after
 * SECONDS (0..86400, default 3; a second before, the newest order is selected) and exits; `--settings FILE` keeps
 * settings in an INI file (default: the user's orderlab settings); `--fresh` starts from default settings in a
 * temporary file; `--present` opens the Flow view in presentation mode (full screen, or at `--size`), and a
 * screenshot is then of it, an order followed (docs/flow-view.md). Each option can also come from
 * ORDERLAB_<NAME> (cli::OptionParser); the command line wins. Returns the exit status (2 for a bad command line).
 *
 * `services` makes what each world of the window hosts (see WindowServices).
 */
int runDesktop(int &argc, char **argv, WindowServices services = {});

} // namespace orderlab
