#pragma once

#include "expectation_check.h"
#include "outcome_recorder.h"
#include "scenario.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orderlab::scenario {

class ApiCaller;

/// Judges a command or `dynamodb:` step that did `what` and got `error` (empty: it succeeded) against the step's
/// `error:` (docs/scenarios.md, "Steps"): empty when that is as it should be, else why not ("PutItem failed: ...",
/// "... was to fail with 'X', it succeeded"), without the step's place.
std::string stepFailure(const Step &step, const std::string &what, const std::string &error);

/**
 * Runs one scenario on a fresh World on the virtual clock (docs/scenarios.md, "Running"), one
 * step at a time, so that a window can show each step and each expectation as it goes, or all
 * at once with run().
 *
 * Construction builds and starts the world, writes the seed items and adds the setup's
 * subscribers at time 0. step() runs the clock to the next step's time and applies it; an
 * `expect` step reports each result to the expectation callback. finish() settles the run (the
 * clock runs until the stream is drained) and captures the outcome. A step that cannot be done
 * (a command that fails without `error:` saying so, a time that has passed, a run that does
 * not drain within world.max-time of emulator time) stops the run: error() names the step's
 * file, line and column and what happened. Expectations that fail do not stop it.
 *
 * Threading: one thread at a time; the world runs on the calling thread. Owns its world.
 */
class ScenarioRunner
{
  public:
    using ExpectationCallback = std::function<void(const ExpectationResult &)>;
    using StepCallback = std::function<void(std::size_t index, const Step &step)>;

    /// `scenario` is copied. A scenario whose handler is a process runs it through `host`, its invocations
    /// holding the clock (ClockHoldingInvoker; docs/scenarios.md, "Handler processes"). Throws ScenarioError
    /// when the world cannot be built from it, or its handler is a process and `host` is empty or refuses it.
    explicit ScenarioRunner(const Scenario &scenario, const ProcessHost &host = {});
    ~ScenarioRunner();
    ScenarioRunner(const ScenarioRunner &) = delete;
    ScenarioRunner &operator=(const ScenarioRunner &) = delete;

    /// Called before each step runs.
    void onStep(StepCallback callback) { m_onStep = std::move(callback); }
    /// Called with each expectation's result as its step runs.
    void onExpectation(ExpectationCallback callback) { m_onExpectation = std::move(callback); }

    const Scenario &scenario() const { return m_scenario; }
    std::size_t nextStep() const { return m_next; }
    bool atEnd() const { return m_next >= m_scenario.steps.size() || !m_error.empty(); }
    /// Runs the next step. False when there was none or the run stopped (see error()).
    bool step();
    /// Runs every remaining step, then finish(). False when the run stopped.
    bool run();
    /// Settles the run and captures the outcome (once). False when it did not settle.
    bool finish();

    /// Why the run stopped ("file:line:col: ..."); empty while it goes well.
    const std::string &error() const { return m_error; }
    const std::vector<ExpectationResult> &results() const { return m_results; }
    bool expectationsPassed() const;
    /// The golden outcome; empty before finish() succeeded.
    const std::string &outcome() const { return m_outcome; }
    /// Emulator milliseconds since the run's start.
    TimeMs elapsedMs() const;
    World &world() { return *m_world; }

  private:
    bool fail(const Step &step, const std::string &message);
    bool runClockTo(const Step &step, TimeMs target);
    bool callApi(const Step &step);

    Scenario m_scenario;
    std::unique_ptr<World> m_world;
    std::unique_ptr<OutcomeRecorder> m_recorder;
    std::unique_ptr<ApiCaller> m_api; ///< made at the first `dynamodb:` step
    TimeMs m_start = 0;
    std::size_t m_next = 0;
    bool m_finished = false;
    std::string m_error;
    std::string m_outcome;
    std::vector<ExpectationResult> m_results;
    StepCallback m_onStep;
    ExpectationCallback m_onExpectation;
};

} // namespace orderlab::scenario
