#pragma once

#include "scenario.h"

#include <string>

namespace orderlab::scenario {

/**
 * Loads `<name>/scenario.yaml` (or a path to such a file, or to its folder), as docs/scenarios.md
 * describes. Throws ScenarioError naming the file, line and column and what was wrong: a YAML
 * syntax error, an unknown field or step, a wrong type, a missing field, an expectation on
 * something the scenario does not have, an unreadable seed export. Never anything else.
 */
Scenario loadScenario(const std::string &path);

/// The same from text (`file` names it in errors; `directory` is where relative paths point).
Scenario parseScenario(const std::string &text, const std::string &file, const std::string &directory);

/// Every scenario under `paths`: a scenario.yaml file, a scenario folder, or a folder searched
/// recursively for `*/scenario.yaml`. Sorted by path, each once. A path that does not exist is
/// returned in `missing`.
std::vector<std::string> findScenarios(const std::vector<std::string> &paths, std::vector<std::string> *missing);

} // namespace orderlab::scenario
