#pragma once

#include "pipeline/order_feed.h"
#include "pipeline/pipeline.h"

#include <memory>

namespace orderlab {

namespace state {
struct WorldState;
}

/// Everything a world is built from (World's constructor), in one value.
struct WorldConfig
{
    enum class ClockMode {
        Virtual, ///< the caller drives the scheduler (simulate, tests, scenarios): a seed repeats a run
        Real,    ///< an emulator thread drives it in real time times `speed` (the window, serve)
    };

    PipelineConfig pipeline; ///< tables, stream and mapping settings, faults, handler, seed
    ClockMode clock = ClockMode::Virtual;
    double speed = 1;           ///< Real: emulator seconds per wall second; 0 = as fast as possible
    OrderFeed::Options feed;    ///< the order-lifecycle feed (its seed is the pipeline's)
    bool feedAtStart = false;   ///< start feeding orders at once
    bool startPaused = false;   ///< Real: the clock starts paused (a scenario run or recording in the window)
    bool apps = true;           ///< subscribe the Order app and the Admin app
    TimeMs checkEveryMs = 1000; ///< how often the checker's verdict is taken (VerdictChangedEvent); 0 = never
    /// When set, the world starts from this state's contents (docs/state-files.md, "Starting from a state"):
    /// build the rest of the configuration with state::applyStateConfig first; a state that does not fit the
    /// configuration (shards, lanes, caches) makes World's constructor throw.
    std::shared_ptr<const state::WorldState> state;
};

} // namespace orderlab
