#pragma once

#include "handler_spec.h"
#include "yaml_values.h"

namespace orderlab::scenario {

/// `world.handler` (docs/scenarios.md, "Handler processes"): `core`, or a mapping with `command` (required),
/// `dir`, `name`, `timeout` (whole seconds, 1s..900s), `memory` (MB, 128..10240) and `env` (NAME: VALUE).
/// Throws ScenarioError at the node for anything else.
HandlerSpec readHandler(const YamlValues &y, const YAML::Node &node);

/// Writes `handler` as readHandler reads it: the command and the fields that differ from the defaults.
void writeHandler(YAML::Emitter &out, const HandlerSpec &handler);

} // namespace orderlab::scenario
