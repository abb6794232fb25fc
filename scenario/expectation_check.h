#pragma once

#include "outcome_recorder.h"
#include "scenario.h"

#include <QJsonValue>

#include <string>
#include <vector>

namespace orderlab::scenario {

/// One expectation, checked: what was expected, what there was, and where they differ.
struct ExpectationResult
{
    SourcePlace place;       ///< the expectation's place in the scenario file
    std::size_t step = 0;    ///< the index of its expect step
    std::string description; ///< Expectation::describe()
    bool passed = false;
    QJsonValue expected;
    QJsonValue actual;                  ///< null when the thing is absent
    std::vector<std::string> differing; ///< JSON paths that differ ($.items[0].price)
    std::string message;                ///< why it failed, in one line; empty when it passed

    /// The failure as people read it: place, description, message, differing paths, expected vs actual JSON.
    std::string report() const;
};

/// Checks `expectation` against `world` now (and the deliveries `recorder` saw). Never throws.
ExpectationResult checkExpectation(const Expectation &expectation, World &world, const OutcomeRecorder &recorder);

} // namespace orderlab::scenario
