#pragma once

#include "invoker/invoker.h"

#include <string>
#include <vector>

namespace orderlab {

/// How the mapping takes an invocation's result (`docs/stream-and-mapping.md`, "Outcome table").
struct InvocationOutcome
{
    enum class Kind { Success, PartialFailure, Failure };
    Kind kind = Kind::Success;
    std::size_t failedAt = 0;   ///< PartialFailure: index in the batch of the lowest failed record
    bool functionError = false; ///< Failure because the function threw, timed out or crashed
    std::string reason;         ///< why, for the UI and the failure list
    std::string warning;        ///< an undocumented case orderlab decides (shown to the user)
};

/**
 * Applies the outcome table to `result` for a batch whose records have these sequence
 * numbers, in order, with or without ReportBatchItemFailures.
 */
InvocationOutcome interpretInvocation(const InvocationResult &result, const std::vector<std::string> &sequenceNumbers,
                                      bool reportBatchItemFailures);

} // namespace orderlab
