#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab {

class Invoker;
class World;
class WorldService;
struct InvokerContext;

/// A handler process the window runs instead of core's handler in process: what the mapping settings'
/// Handler group holds, the same as the --handler-* options of serve and simulate (docs/lambda-runtime.md).
struct HandlerProcessChoice
{
    std::string command;                                          ///< run with `sh -c` in `directory`
    std::string directory;                                        ///< the working folder and LAMBDA_TASK_ROOT
    std::string handler = "index.handler";                        ///< _HANDLER
    int memoryMb = 128;                                           ///< AWS_LAMBDA_FUNCTION_MEMORY_SIZE, 128..10240
    std::vector<std::pair<std::string, std::string>> environment; ///< the function's own variables (Lambda's rules)
    /// A scenario's run (ScenarioPlayer): the emulator clock waits for each invocation, as `orderlab check` makes
    /// it wait (docs/scenarios.md, "Handler processes"), instead of the real clock at 1x running on meanwhile.
    bool holdClock = false;
    bool operator==(const HandlerProcessChoice &) const = default;
};

/// What one world of the window hosts beside its pipeline (WorldHostingFactory makes it at each start).
struct WorldHosting
{
    /// Started in order by World::start; the first failure is the start's error.
    std::vector<std::unique_ptr<WorldService>> services;
    /// The mapping's function (PipelineConfig::invoker, an InvokerFactory); empty: core in process.
    /// (Spelt out so that this header, which the window's moc reads, needs no coroutine header.)
    std::function<std::unique_ptr<Invoker>(const InvokerContext &context)> invoker;
    /// Runs once every service listens and before the feed starts (a handler process learns its
    /// endpoints and token here); returns an error to show, or empty.
    std::function<std::string(World &)> started;
    /// Set when nothing could be hosted (no local CA for the handler's TLS port, ...): the world does not start.
    std::string error;
};

/// Makes a world's hosting for the handler chosen (none: core in process). Called on the GUI thread at every
/// start or restart of LiveEmulator; `app` supplies it, so that the window links no network face.
using WorldHostingFactory = std::function<WorldHosting(const std::optional<HandlerProcessChoice> &handler)>;

} // namespace orderlab
