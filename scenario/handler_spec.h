#pragma once

#include "clock.h"
#include "source_place.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace orderlab {
class Invoker;
struct InvokerContext;
class World;
class WorldService;
} // namespace orderlab

namespace orderlab::scenario {

/// Which handler a scenario's world invokes (docs/scenarios.md, "Handler processes"): `world.handler` in the
/// file, or `orderlab check --handler-command`, which overrides it.
struct HandlerSpec
{
    enum class Kind {
        Core,    ///< core's handler in process (the default)
        Process, ///< a process served the Lambda Runtime API, hosted as `simulate --handler-command` hosts it
    };
    Kind kind = Kind::Core;
    SourcePlace place;     ///< where the file names it; errors about it point there
    std::string command;   ///< Process: run as `sh -c COMMAND`
    std::string directory; ///< Process: its folder as given (relative: to the scenario's folder); empty: that folder
    std::string name = "index.handler";                           ///< Process: the _HANDLER value
    TimeMs timeoutMs = 3000;                                      ///< Process: the function's timeout, whole seconds
    int memoryMb = 128;                                           ///< Process: its memory size
    std::vector<std::pair<std::string, std::string>> environment; ///< Process: the function's own variables

    /// Equal as a scenario would write them (the place aside).
    bool sameAs(const HandlerSpec &other) const
    {
        return kind == other.kind && command == other.command && directory == other.directory && name == other.name &&
               timeoutMs == other.timeoutMs && memoryMb == other.memoryMb && environment == other.environment;
    }
};

/// What one world needs to run a handler process: made for each run by whoever can host one.
struct ProcessHosting
{
    /// The handler process's invoker (an InvokerFactory; the runner makes it hold the clock). Declared with
    /// forward types so that this header stays out of coroutine headers, which moc cannot read.
    std::function<std::unique_ptr<Invoker>(const InvokerContext &)> invoker;
    TimeMs initLimitMs = 10000; ///< the init phase's own limit, besides the function's timeout
    /// The network faces the process calls (World::addService before the world starts).
    std::function<std::vector<std::unique_ptr<WorldService>>()> services;
    /// Runs once the world and its services have started, before the first step; a non-empty return fails the run.
    std::function<std::string(World &)> started;
};

/// Makes the hosting of `handler` (its directory made absolute) for one world. Throws std::invalid_argument
/// naming what it cannot host (a reserved variable, a folder that does not exist, no CA). Thread-safe: runs
/// from several scenarios at once with --jobs.
using ProcessHost = std::function<ProcessHosting(const HandlerSpec &handler)>;

} // namespace orderlab::scenario
