#include "scenario_snapshot.h"

#include "scenario_loader.h"
#include "scenario_runner.h"
#include "state/state_capture.h"
#include "state/state_writer.h"

namespace orderlab::scenario {

ScenarioSnapshot snapshotScenario(const Scenario &scenario, std::optional<TimeMs> atMs)
{
    ScenarioSnapshot out;
    std::unique_ptr<ScenarioRunner> runner;
    try {
        runner = std::make_unique<ScenarioRunner>(scenario);
    } catch (const ScenarioError &e) {
        out.error = e.what();
        return out;
    }
    if (!runner->error().empty()) {
        out.error = runner->error();
        return out;
    }
    if (!atMs) {
        if (!runner->run()) {
            out.error = runner->error();
            return out;
        }
    } else {
        if (*atMs > scenario.maxTimeMs) {
            out.error = scenario.file + ": --at is past world.max-time (" + std::to_string(scenario.maxTimeMs) + " ms)";
            return out;
        }
        const auto &steps = runner->scenario().steps;
        while (!runner->atEnd()) {
            const Step &s = steps[runner->nextStep()];
            const TimeMs now = runner->elapsedMs();
            const TimeMs due = s.timing == Step::Timing::At ? s.timeMs : now + s.timeMs;
            if (due > *atMs || (s.kind == Step::Kind::Wait && due + s.waitMs > *atMs))
                break;
            if (!runner->step()) {
                out.error = runner->error();
                return out;
            }
            if (runner->elapsedMs() > *atMs) {
                out.error =
                    s.place.text() + ": the clock passed --at (" + std::to_string(*atMs) + " ms) while this step ran";
                return out;
            }
        }
        World &world = runner->world();
        world.pipeline().scheduler().runUntil(world.pipeline().scheduler().now() + (*atMs - runner->elapsedMs()));
    }
    out.atMs = runner->elapsedMs();
    out.state = state::writeState(state::captureState(runner->world()));
    return out;
}

} // namespace orderlab::scenario
