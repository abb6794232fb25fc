#pragma once

#include "clock.h"
#include "stream/stream.h"

#include <string>
#include <vector>

namespace orderlab {

struct FailureRecordFields
{
    std::string condition; ///< RetryAttemptsExhausted or RecordAgeExceeded
    int invokeCount = 0;   ///< invocations that carried the discarded records
    bool functionError = false;
    std::string functionArn;
    std::string shardId;
    std::string streamArn;
    TimeMs now = 0;
    std::uint64_t requestNumber = 0; ///< makes the request id unique and repeatable
};

/// The invocation record an on-failure destination receives for a discard (`docs/stream-and-mapping.md`,
/// "Discarded records"); a RecordAgeExceeded record has no responseContext.
std::string failureRecordJson(const FailureRecordFields &fields, const std::vector<StreamRecordPtr> &records);

} // namespace orderlab
