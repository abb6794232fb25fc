#pragma once

#include "scenario.h"

#include <optional>
#include <string>

namespace orderlab::scenario {

/// What snapshotScenario made: the state file's text, or why there is none.
struct ScenarioSnapshot
{
    std::string state; ///< the state file's text (docs/state-files.md); empty when `error` is set
    std::string error; ///< "file:line:col: ..." naming the step that stopped the run
    TimeMs atMs = 0;   ///< emulator ms since the run's start when the state was taken
};

/**
 * Runs `scenario` headless on its virtual clock (as ScenarioRunner does) and takes the world's state
 * (`orderlab snapshot`, docs/command-line.md, "orderlab snapshot"):
 * - without `atMs`: after the last step, once the run settled (the stream drained);
 * - with `atMs` (emulator ms since the run's start): after every step due by then, the clock run to
 *   exactly `atMs`. A step due later is not run; a `wait` that would end past `atMs` is not run (the
 *   clock still goes to `atMs`); a `wait: {until: drained}` that ends past it is an error.
 * Failing expectations do not matter here; a step that stops the run does (error). Thread: the caller's.
 */
ScenarioSnapshot snapshotScenario(const Scenario &scenario, std::optional<TimeMs> atMs);

} // namespace orderlab::scenario
