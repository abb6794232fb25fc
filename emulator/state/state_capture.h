#pragma once

#include "world_state.h"

namespace orderlab {
class World;
}

namespace orderlab::state {

/**
 * The state of `world` now (docs/state-files.md, "What is saved"): its configuration, every table, the
 * orders stream, the mapping's checkpoints, the caches and the subscribers of its apps.
 *
 * Threading: call where the world's scheduler is driven, between two of its events (the emulator thread
 * in Real mode, the driving thread in Virtual mode), so that the table, the stream, the mapping and the
 * cache are read at one instant of the emulator clock. Writers on other threads (network clients) may
 * still land between two parts; the docs say what that means.
 */
WorldState captureState(World &world);

} // namespace orderlab::state
