#pragma once

#include "scenario.h"

#include <string>

namespace orderlab::scenario {

/**
 * A Scenario as scenario.yaml text in the documented format (docs/scenarios.md, "Writing"):
 * `name` (unless it is the name of the scenario's folder), `description`, the `world` fields that differ from the
 * defaults, seed items (an export's stay in their file: `seed.export` is written again), faults and subscribers, then
 * one step per entry with its `at:` / `after:` time. Loading the text (parseScenario) gives back the same scenario:
 * every step, command and expectation, with expectations of one kind in one step written together, in the order their
 * kind first appears.
 *
 * Throws std::invalid_argument naming the step for what the format cannot say: an item (seed,
 * put-item, update-item's set) whose attributes do not round-trip through plain JSON (sets,
 * binary), or two verdict or two failure-list expectations in one step. Never anything else.
 */
std::string writeScenario(const Scenario &scenario);

/// A duration as scenario files write it: "1500ms", "2s" (whole seconds), "0ms".
std::string durationText(TimeMs ms);

} // namespace orderlab::scenario
