#pragma once

#include "order_feed.h"
#include "pipeline.h"
#include "world/world_config.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orderlab {

class World;
class WorldService;

/// How far a run has got: what SimulationOptions::progress is told.
struct SimulationProgress
{
    TimeMs virtualMs = 0;     ///< emulator time since the run started
    std::uint64_t writes = 0; ///< table writes so far
    double wallSeconds = 0;   ///< wall time since the run started
};

struct SimulationOptions
{
    PipelineConfig pipeline;
    int orders = 100;         ///< lifecycles to start (new orders)
    int writesPerSecond = 20; ///< table writes per second of emulator time
    int creators = 20;
    std::size_t maxLiveOrders = OrderFeed::kDefaultMaxLiveOrders; ///< the feed's bound on live orders (0: none)
    /// Run on the real clock (speed 1) instead of the virtual one: a handler process needs it
    /// (docs/lambda-runtime.md, "Timeouts"). The run then takes as long as the feed's writes do.
    bool realClock = false;
    /// Called every `progressEveryMs` of wall time while the run goes on, from a reporting thread of its own (never
    /// the emulator thread), until the run ends. It reads only atomics (the clock and the feed's count), so the
    /// run's result does not depend on whether it is set. Empty: no reports.
    std::function<void(const SimulationProgress &)> progress;
    int progressEveryMs = 10000;
    /// Real clock only: the network faces the handler process calls (the Momento server, the AWS port), made
    /// for the run's world before it starts (World::addService). Empty: none.
    std::function<std::vector<std::unique_ptr<WorldService>>()> services;
    /// Real clock only: runs once the world and its services have started, before the feed's first write (the
    /// handler's environment learns the bound ports here). A non-empty return is the run's error.
    std::function<std::string(World &)> servicesStarted;
    /// Where to write what the handler did (SimulationEffects); empty: nowhere.
    std::string effectsPath;
    /// When set, the run starts from this state's contents (WorldConfig::state); `pipeline` must have been built
    /// with state::applyStateConfig. The feed then writes its orders on top of what the state holds.
    std::shared_ptr<const state::WorldState> state;
};

/// What `orderlab simulate` reports.
struct SimulationResult
{
    std::uint64_t recordsWritten = 0;
    std::string timing; ///< the timing profile's name (docs/timing-model.md)
    EventSourceMapping::Stats mapping;
    CheckReport check;
    std::vector<std::string> warnings;
    bool drained = false;
    bool realClock = false; ///< the run was on the real clock (summary and json say so)
    TimeMs virtualMs = 0;
    double wallSeconds = 0; ///< how long the run took; in neither json() nor summary()
    /// Why the run could not be made or reported (a service that could not start, an effects file that could not
    /// be written); the run is then not clean. In neither json() nor summary().
    std::string error;

    /// Nothing lost or wrong: no record discarded or lost, no cache mismatch, lost update,
    /// stale entry or missing notification.
    bool clean() const;
    /// Why not clean, e.g. "3 records discarded, 2 lost updates"; empty when clean.
    std::string problems() const;
    /// One JSON object and a text summary. Both are functions of the options alone: a run with the same
    /// options (seed included) gives the same bytes, so wall-clock figures stay out of them.
    std::string json() const;
    std::string summary() const;
};

/// Runs the pipeline headless on the virtual clock, as fast as possible, until the mapping
/// has processed every record (or a poison record has blocked a shard past the stream's
/// 24 h retention), then runs the consistency checker. With `realClock`, the same on the real
/// clock, waiting at most kRealClockDrainMs of wall time after the feed's last write; the emulator clock then
/// starts at the same instant as on the virtual clock (pipeline.startTime), so the feed writes the same items.
SimulationResult runSimulation(const SimulationOptions &options);
inline constexpr TimeMs kRealClockDrainMs = 120000;

} // namespace orderlab
