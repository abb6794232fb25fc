#include "mapping_config.h"

#include "filter_pattern.h"

namespace orderlab {

namespace {
void range(std::vector<std::string> &errors, const char *name, long long v, long long lo, long long hi)
{
    if (v < lo || v > hi)
        errors.push_back(std::string(name) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                         ", got " + std::to_string(v));
}
} // namespace

const char *MappingConfig::startingPositionName(StartingPosition p)
{
    return p == StartingPosition::Latest ? "LATEST" : "TRIM_HORIZON";
}

std::vector<std::string> MappingConfig::validate() const
{
    std::vector<std::string> errors;
    range(errors, "BatchSize", batchSize, 1, 10000);
    range(errors, "MaximumBatchingWindowInSeconds", maximumBatchingWindowSeconds, 0, 300);
    if (maximumRetryAttempts != -1)
        range(errors, "MaximumRetryAttempts", maximumRetryAttempts, 0, 10000);
    if (maximumRecordAgeSeconds != -1 && (maximumRecordAgeSeconds < 60 || maximumRecordAgeSeconds > 604800))
        errors.push_back("MaximumRecordAgeInSeconds must be -1 or between 60 and 604800, got " +
                         std::to_string(maximumRecordAgeSeconds));
    range(errors, "ParallelizationFactor", parallelizationFactor, 1, 10);
    if (filters.size() > 5)
        errors.push_back("FilterCriteria holds at most 5 filters, got " + std::to_string(filters.size()));
    for (std::size_t i = 0; i < filters.size(); ++i) {
        try {
            FilterPattern::parse(filters[i]);
        } catch (const std::exception &e) {
            errors.push_back("FilterCriteria filter " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    if (tumblingWindowSeconds < 0 || tumblingWindowSeconds > 900)
        range(errors, "TumblingWindowInSeconds", tumblingWindowSeconds, 0, 900);
    else if (tumblingWindowSeconds > 0)
        errors.push_back("TumblingWindowInSeconds > 0 is refused: Lambda then treats any response without a "
                         "`state` property as a failed invocation, and the order handler returns none, so every batch "
                         "would fail");
    if (functionTimeoutMs < 1 || functionTimeoutMs > 900000)
        range(errors, "function timeout (ms)", functionTimeoutMs, 1, 900000);
    return errors;
}

std::vector<std::string> MappingConfig::warnings(StreamViewType viewType, int mappingsOnStream) const
{
    std::vector<std::string> w;
    if (!reportBatchItemFailures)
        w.push_back("FunctionResponseTypes lacks ReportBatchItemFailures: the handler answers with batchItemFailures, "
                    "which Lambda then ignores, so a failed record is treated as processed and lost");
    if (viewType != StreamViewType::NewAndOldImages)
        w.push_back(std::string("the stream view type is ") + std::string(viewTypeName(viewType)) +
                    ", not NEW_AND_OLD_IMAGES: the handler unmarshalls an image the record does not carry "
                    "(Error: No value defined: {}) or cannot tell a status change from an edit");
    if (maximumRetryAttempts == -1 && maximumRecordAgeSeconds == -1)
        w.push_back("MaximumRetryAttempts and MaximumRecordAgeInSeconds are both -1: a bad record blocks its shard "
                    "until it leaves the stream, up to 24 hours, and the records behind it are then lost");
    if (mappingsOnStream > 2)
        w.push_back("more than two mappings read this stream: DynamoDB Streams serves at most two readers per "
                    "shard and may throttle the rest");
    if (startingPosition == StartingPosition::Latest)
        w.push_back("StartingPosition LATEST: the real mapping needs minutes to start polling and misses writes "
                    "made meanwhile; TRIM_HORIZON does not");
    return w;
}

} // namespace orderlab
