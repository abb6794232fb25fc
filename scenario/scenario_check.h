#pragma once

#include "handler_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace orderlab::scenario {

/// One scenario file checked: loaded, run, its expectations and golden outcome compared.
struct CheckResult
{
    enum class Status {
        Passed,
        Failed, ///< an expectation failed, the outcome differs from the golden one, or the run stopped
        Broken, ///< the file could not be loaded (nothing was run, nothing written)
    };
    std::string path; ///< the scenario.yaml
    std::string name;
    Status status = Status::Broken;
    double seconds = 0;         ///< wall time of the check (for people and JUnit; never in an outcome)
    std::string message;        ///< one line: why it failed or broke
    std::string details;        ///< the failed expectations' reports and the golden diff
    bool goldenWritten = false; ///< --update-golden wrote a new or changed outcome
    bool goldenChanged = false; ///< the outcome differed from the golden one (or there was none)
};

/// How checkScenario runs handler processes (docs/scenarios.md, "Handler processes").
struct HandlerHosting
{
    ProcessHost host;                    ///< empty: a scenario whose world.handler is a process cannot run
    std::optional<HandlerSpec> override; ///< every scenario runs with this handler instead of its own
};

/**
 * Loads and runs the scenario at `path` on a fresh World (docs/scenarios.md, "Checking") and
 * compares its outcome with `<folder>/expected/outcome.json`, byte for byte. With `updateGolden`,
 * a scenario that loaded and ran to its end gets its golden outcome (re)written when it differs,
 * and passes unless an expectation failed; one that failed to load or stopped is never written.
 * `handlers` says how a handler process is hosted (the override replaces world.handler). Thread-safe: each call
 * builds its own world.
 */
CheckResult checkScenario(const std::string &path, bool updateGolden, const HandlerHosting &handlers = {});

} // namespace orderlab::scenario
