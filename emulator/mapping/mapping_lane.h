#pragma once
// EventSourceMapping's per-lane state. Private to emulator/mapping/; guarded by the mapping's own rules
// (every member is touched on the scheduler's thread only, see event_source_mapping.h).

#include "event_source_mapping.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace orderlab {

struct EventSourceMapping::Lane
{
    int shard = 0;
    int index = 0;
    std::uint64_t readCursor = 0;
    std::uint64_t readPosition = 0; ///< StreamRecord::position of the record at readCursor
    std::uint64_t checkpoint = 0;
    std::deque<std::vector<StreamRecordPtr>> pending;
    bool inFlight = false;
    int retryCount = 0;
    bool lastFailureWasFunctionError = false;
    TimeMs windowStart = 0;
    std::vector<StreamRecordPtr> lastSuccess;
    std::map<std::uint64_t, int> invokeCounts;
    std::string lastError;
    bool pollScheduled = false;
    TimeMs nextPollAt = -1; ///< when the scheduled poll runs; -1 when none is scheduled
    bool retired = false;   ///< replaced by a ParallelizationFactor change; its last poll does nothing
    /// After a factor change: the old lanes' checkpoints (by old lane index) and the old factor.
    /// A record at or below its old lane's checkpoint was finished before the change.
    std::vector<std::uint64_t> priorCheckpoints;
    int priorFactor = 0;
    PollSchedule polls;
    /// drained()'s memo, guarded by the mapping's mutex: whether records after `scannedCursor`, up to
    /// `scannedLatest`, hold one this lane owns. Lets drained() run after every scheduler event cheaply.
    std::uint64_t scannedCursor = 0;
    std::uint64_t scannedLatest = 0;
    bool scannedOwnsUnread = false;
};

} // namespace orderlab
