#pragma once

#include "scenario.h"
#include "yaml_values.h"

#include <set>

namespace orderlab::scenario {

/// What a scenario has declared so far, for checking that an expectation names something that exists.
struct KnownNames
{
    std::set<std::string> caches;
    std::set<std::string> subscribers; ///< the apps', the setup's and those of earlier add-subscriber steps
    bool apps = true;
    std::set<std::string> tables{"orders"}; ///< orders and those an earlier `dynamodb:` CreateTable makes
};

/// Reads one entry of `steps:` (docs/scenarios.md, "Steps"): `at:` or `after:`, and exactly one of
/// the Command kinds, `wait` or `expect`. `mapping` is the world's (update-mapping overlays it).
/// Throws ScenarioError at the offending node.
Step readStep(const YamlValues &y, const YAML::Node &node, std::size_t index, const MappingConfig &mapping,
              KnownNames &names);

/// EventSourceMapping fields (AWS's names) in `body` over `base`; `what` names the block in errors.
MappingConfig overlaidMapping(const YamlValues &y, const YAML::Node &body, const MappingConfig &base,
                              const std::string &what);

/// The plain JSON of a YAML mapping as an item's AttributeValue JSON (strings S, numbers N, ...).
std::string marshalledItem(const YamlValues &y, const YAML::Node &node, const std::string &what);

} // namespace orderlab::scenario
