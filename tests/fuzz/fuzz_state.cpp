// libFuzzer target over the state file format (emulator/state/, docs/state-files.md): the input is one state
// file's text. Reading must either give a WorldState or throw StateError naming the file; nothing else. A state
// that reads is written again, and what is written must read back to the same text (the writer's output is the
// reader's fixed point), and must build a world (the reader checks what the world's restore would refuse).
//
// A crash, a sanitizer report, another exception, or a broken invariant (abort()) is a finding.

#include "state/state_reader.h"
#include "state/state_restore.h"
#include "state/state_writer.h"
#include "world/world.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_state: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace orderlab;
    const std::string text(reinterpret_cast<const char *>(data), size);
    state::WorldState s;
    try {
        s = state::readState(text, "fuzz.json");
    } catch (const state::StateError &e) {
        if (std::string(e.what()).rfind("fuzz.json", 0) != 0)
            fail("a refusal does not name the file", e.what());
        return 0;
    } catch (const std::exception &e) {
        fail("reading threw something other than StateError", e.what());
    }
    const std::string written = state::writeState(s);
    try {
        const std::string again = state::writeState(state::readState(written, "fuzz.json"));
        if (again != written)
            fail("what the writer wrote does not read back to the same text", written + "\n---\n" + again);
    } catch (const std::exception &e) {
        fail("what the writer wrote is refused", std::string(e.what()) + "\n" + written);
    }
    try {
        auto shared = std::make_shared<state::WorldState>(std::move(s));
        WorldConfig config;
        state::applyStateConfig(*shared, config);
        config.state = shared;
        config.checkEveryMs = 0;
        World world(config);
    } catch (const std::exception &e) {
        fail("a state that reads builds no world", e.what());
    }
    return 0;
}
