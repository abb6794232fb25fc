#pragma once

#include "outcome_recorder.h"
#include "scenario.h"

namespace orderlab::scenario {

/**
 * Expectations made from what a world shows now ("Expect this" in the window, docs/scenarios.md
 * "In the window"): each is what checkExpectation would pass at this moment. They read the world
 * as checkExpectation does, so call them where the world's work runs (its emulator thread, or
 * the thread that drives a Virtual world). `recorder` follows the same world. Never throw.
 */
/// The key's value (equals, as JSON), or absent.
Expectation cacheKeyNow(World &world, const OutcomeRecorder &recorder, const std::string &cache,
                        const std::string &key);
/// The orders table's item (equals, plain JSON), or absent.
Expectation tableItemNow(World &world, const OutcomeRecorder &recorder, const std::string &pk);
/// The checker's verdict line of a fresh check.
Expectation verdictNow(World &world, const OutcomeRecorder &recorder);
/// Exactly the messages `subscriber` received so far, topic and message each.
Expectation notificationsNow(World &world, const OutcomeRecorder &recorder, const std::string &subscriber);
/// Every key of every cache (equals), sorted by cache and key.
std::vector<Expectation> wholeCacheNow(World &world, const OutcomeRecorder &recorder);

} // namespace orderlab::scenario
