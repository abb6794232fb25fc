#pragma once

#include "scenario.h"
#include "step_reader.h"
#include "yaml_values.h"

namespace orderlab::scenario {

/// The counters an `expect: counts:` block may name, as EventSourceMapping::Stats has them.
const std::vector<std::string> &countNames();

/// Reads the body of an `expect:` step (docs/scenarios.md, "Expectations"). An expectation on a
/// cache, subscriber or counter the scenario does not have is an error at its node.
std::vector<Expectation> readExpectations(const YamlValues &y, const YAML::Node &body, const KnownNames &names);

} // namespace orderlab::scenario
