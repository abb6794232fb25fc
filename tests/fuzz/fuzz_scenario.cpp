// libFuzzer target over the scenario file format (scenario/, docs/scenarios.md): the input is one
// scenario.yaml text. Loading must either give a Scenario or throw ScenarioError naming a place in
// the file; nothing else. A scenario that loads, with few steps, is also run on its virtual-clock
// world (emulator time capped at 30 s so that an input cannot ask for hours): the run may stop with
// an error or fail expectations, but must not throw, crash or trip a sanitizer.
//
// A crash, a sanitizer report, another exception, or a broken invariant (abort()) is a finding.

#include "scenario_loader.h"
#include "scenario_runner.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_scenario: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

constexpr std::size_t kMaxStepsRun = 8;
constexpr orderlab::TimeMs kMaxEmulatorMs = 30000;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace orderlab::scenario;
    const std::string text(reinterpret_cast<const char *>(data), size);
    Scenario scenario;
    try {
        // A folder that does not exist: an `export:` naming a file is refused, never read from disk.
        scenario = parseScenario(text, "fuzz/scenario.yaml", "/nonexistent/fuzz");
    } catch (const ScenarioError &e) {
        if (e.place().file != "fuzz/scenario.yaml" || e.place().line < 1 || e.place().column < 1)
            fail("a refusal names no place in the file", e.what());
        return 0;
    } catch (const std::exception &e) {
        fail("loading threw something other than ScenarioError", e.what());
    }
    if (scenario.steps.size() > kMaxStepsRun)
        return 0;
    scenario.maxTimeMs = std::min(scenario.maxTimeMs, kMaxEmulatorMs);
    try {
        ScenarioRunner runner(scenario);
        runner.run();
        if (runner.error().empty() && runner.outcome().empty())
            fail("a run that ended without an error has no outcome", text);
    } catch (const ScenarioError &) {
        // the world cannot be built from this setup: refused with a place, as loading would
    } catch (const std::exception &e) {
        fail("running threw", e.what());
    }
    return 0;
}
