#pragma once

#include "scenario.h"
#include "scenario_check.h"

#include <string>

namespace orderlab::scenario {

/**
 * Saves `scenario` as `<folder>/scenario.yaml` (writeScenario; the folder is made) and runs it
 * headless once, as `orderlab check --update-golden` would, so that `<folder>/expected/outcome.json`
 * holds its golden outcome. Returns that check's result: Passed when the file loads back, runs to
 * its end and every expectation holds. A folder that cannot be written, or a scenario the format
 * cannot say, gives a Broken result whose message says why (nothing run). Thread-safe.
 */
CheckResult saveScenario(const Scenario &scenario, const std::string &folder);

} // namespace orderlab::scenario
