#pragma once

#include "scenario.h"
#include "step_reader.h"
#include "yaml_values.h"

namespace orderlab::scenario {

/// Reads the body of a `dynamodb:` step (docs/scenarios.md, "DynamoDB API steps"): `operation` (a
/// DynamoDB or DynamoDB Streams operation name) and `request` (the request body as the SDK sends it,
/// AttributeValue JSON). A CreateTable's TableName joins `names.tables`. Throws ScenarioError at the node.
void readApiStep(const YamlValues &y, const YAML::Node &body, Step &step, KnownNames &names);

} // namespace orderlab::scenario
