#pragma once

#include "stream/view_type.h"

#include <string>
#include <vector>

namespace orderlab {

/// The Lambda event source mapping's parameters (`docs/stream-and-mapping.md`, "Event source mapping").
struct MappingConfig
{
    enum class StartingPosition { TrimHorizon, Latest };

    int batchSize = 100;                  ///< 1..10000
    int maximumBatchingWindowSeconds = 0; ///< 0..300
    StartingPosition startingPosition = StartingPosition::TrimHorizon;
    bool reportBatchItemFailures = true; ///< FunctionResponseTypes: ["ReportBatchItemFailures"]
    int maximumRetryAttempts = -1;       ///< -1 (until the records leave the stream) or 0..10000
    int maximumRecordAgeSeconds = -1;    ///< -1 or 60..604800
    bool bisectBatchOnFunctionError = false;
    int parallelizationFactor = 1;    ///< 1..10
    std::vector<std::string> filters; ///< FilterCriteria patterns (JSON), at most 5
    int tumblingWindowSeconds = 0;    ///< refused when > 0 (core returns no `state`)
    bool enabled = true;
    std::int64_t functionTimeoutMs = 3000; ///< the function's timeout, for injected time-outs

    /// Every parameter outside its valid range, as AWS would refuse it; empty when valid.
    std::vector<std::string> validate() const;

    /// What the emulator warns about for this configuration on a stream of `viewType`
    /// with `mappingsOnStream` mappings (`docs/stream-and-mapping.md`, "What the emulator warns about").
    std::vector<std::string> warnings(StreamViewType viewType, int mappingsOnStream = 1) const;

    static const char *startingPositionName(StartingPosition p);
};

} // namespace orderlab
