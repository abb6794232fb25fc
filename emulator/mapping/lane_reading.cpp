// What a lane reads next from its shard: the next batch (size, 6 MB and window rules), what it does when the
// stream trimmed or aged out records it had not read (docs/stream-and-mapping.md, "Trimming" and "Polling and
// batching"), and what the lanes have left to read (drained(), pendingTraceIds()).
#include "event_source_mapping.h"
#include "js/json.h"
#include "mapping_lane.h"

#include <algorithm>

namespace orderlab {

namespace {
constexpr std::size_t kMaxBatchBytes = 6 * 1024 * 1024;
} // namespace

std::vector<StreamRecordPtr> EventSourceMapping::nextBatch(Lane &lane)
{
    const auto batchSize = static_cast<std::size_t>(m_config.batchSize);
    const std::size_t readMax = batchSize * static_cast<std::size_t>(m_config.parallelizationFactor) + 256;
    std::vector<StreamRecordPtr> records;
    try {
        records = m_stream.readFrom(lane.shard, lane.readCursor, readMax);
    } catch (const TrimmedDataAccessException &e) {
        skipTrimmed(lane, e);
        records = m_stream.read(lane.shard, lane.readCursor, readMax);
    }
    std::vector<StreamRecordPtr> batch;
    std::size_t bytes = 16;
    std::uint64_t scanned = lane.readCursor;
    std::uint64_t scannedPosition = lane.readPosition;
    std::uint64_t filteredOut = 0;
    bool full = false;
    for (const auto &r : records) {
        if (!ownsRecord(lane, *r)) {
            scanned = r->ordinal;
            scannedPosition = r->position;
            continue;
        }
        if (!m_filters.empty()) {
            bool pass = false;
            try {
                pass = passesFilters(m_filters, js::parseJson(r->json));
            } catch (const std::exception &) {
                pass = false;
            }
            if (!pass) {
                scanned = r->ordinal;
                scannedPosition = r->position;
                ++filteredOut;
                continue;
            }
        }
        if (batch.size() == batchSize || bytes + r->json.size() + 1 > kMaxBatchBytes) {
            full = true;
            break;
        }
        batch.push_back(r);
        bytes += r->json.size() + 1;
        scanned = r->ordinal;
        scannedPosition = r->position;
    }
    if (batch.size() == batchSize)
        full = true;
    const TimeMs window = static_cast<TimeMs>(m_config.maximumBatchingWindowSeconds) * 1000;
    const bool windowOpen = window > 0 && !full && m_scheduler.now() - lane.windowStart < window;
    std::lock_guard lock(m_mutex);
    if (batch.empty() || windowOpen) {
        // Nothing to deliver yet; records that no filter matched are passed over for good.
        if (batch.empty() && scanned > lane.readCursor) {
            lane.readCursor = scanned;
            lane.readPosition = scannedPosition;
            lane.checkpoint = std::max(lane.checkpoint, scanned);
            m_stats.recordsFilteredOut += filteredOut;
        }
        return {};
    }
    lane.readCursor = scanned;
    lane.readPosition = scannedPosition;
    m_stats.recordsFilteredOut += filteredOut;
    return batch;
}

void EventSourceMapping::skipTrimmed(Lane &lane, const TrimmedDataAccessException &e)
{
    // As Lambda does: the records past the iterator are lost, reading goes on at TRIM_HORIZON.
    // Each record of the shard is counted once, whichever lane meets the trim first.
    std::uint64_t lost = 0;
    {
        std::lock_guard lock(m_mutex);
        auto &counted = m_lostThrough[lane.shard];
        const std::uint64_t from = std::max(lane.readPosition, counted);
        lost = e.trimmedPosition > from ? e.trimmedPosition - from : 0;
        counted = std::max(counted, e.trimmedPosition);
        m_stats.recordsLost += lost;
        lane.readCursor = e.trimmedThrough;
        lane.readPosition = e.trimmedPosition;
        lane.checkpoint = std::max(lane.checkpoint, e.trimmedThrough);
    }
    if (lost)
        warn(std::to_string(lost) + " record(s) of " + m_stream.shardId(lane.shard) +
             " were trimmed from the stream (retention or size cap) before the mapping read them: lost "
             "(TrimmedDataAccessException; reading goes on at TRIM_HORIZON)");
}

void EventSourceMapping::dropTrimmed(Lane &lane)
{
    std::vector<StreamRecordPtr> lost;
    for (auto &batch : lane.pending) {
        auto it = std::stable_partition(batch.begin(), batch.end(),
                                        [&](const StreamRecordPtr &r) { return !m_stream.trimmed(*r); });
        lost.insert(lost.end(), it, batch.end());
        batch.erase(it, batch.end());
    }
    lane.pending.erase(
        std::remove_if(lane.pending.begin(), lane.pending.end(), [](const auto &b) { return b.empty(); }),
        lane.pending.end());
    if (lost.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stats.recordsLost += lost.size();
        lane.checkpoint = std::max(lane.checkpoint, lost.back()->ordinal);
        lane.retryCount = 0;
    }
    warn(std::to_string(lost.size()) + " record(s) of " + m_stream.shardId(lane.shard) +
         " were trimmed from the stream (retention or size cap) before they could be processed: lost, from " +
         lost.front()->sequenceNumber + " to " + lost.back()->sequenceNumber);
}

void EventSourceMapping::dropOld(Lane &lane)
{
    if (m_config.maximumRecordAgeSeconds < 0)
        return;
    const std::int64_t nowSeconds = m_scheduler.now() / 1000;
    while (!lane.pending.empty()) {
        auto &batch = lane.pending.front();
        std::vector<StreamRecordPtr> old;
        auto it = std::stable_partition(batch.begin(), batch.end(), [&](const StreamRecordPtr &r) {
            return nowSeconds - r->createdAt / 1000 <= m_config.maximumRecordAgeSeconds;
        });
        old.assign(it, batch.end());
        batch.erase(it, batch.end());
        if (!old.empty())
            discard(lane, old, "RecordAgeExceeded", false);
        if (!batch.empty())
            return;
        lane.pending.pop_front();
        std::lock_guard lock(m_mutex);
        lane.retryCount = 0;
    }
}

bool EventSourceMapping::drained() const
{
    std::lock_guard lock(m_mutex);
    for (const auto &lane : m_lanes) {
        if (lane->inFlight || !lane->pending.empty() || ownsUnreadRecord(*lane))
            return false;
    }
    return true;
}

bool EventSourceMapping::ownsUnreadRecord(Lane &lane) const
{
    const std::uint64_t latest = m_stream.latest(lane.shard);
    if (latest <= lane.readCursor)
        return false;
    if (lane.scannedCursor == lane.readCursor && lane.scannedLatest == latest)
        return lane.scannedOwnsUnread;
    // Records of other lanes do not count. Read in slices, so that a long backlog is not copied to find
    // its first record, and remember the answer until the cursor or the shard moves.
    constexpr std::size_t kSlice = 256;
    bool owns = false;
    std::uint64_t after = lane.readCursor;
    if (lane.scannedCursor == lane.readCursor && lane.scannedLatest > lane.readCursor && !lane.scannedOwnsUnread)
        after = lane.scannedLatest; // records up to there were others' already
    while (!owns && after < latest) {
        const auto slice = m_stream.read(lane.shard, after, kSlice);
        if (slice.empty())
            break;
        for (const auto &r : slice) {
            if (ownsRecord(lane, *r)) {
                owns = true;
                break;
            }
        }
        after = slice.back()->ordinal;
    }
    lane.scannedCursor = lane.readCursor;
    lane.scannedLatest = latest;
    lane.scannedOwnsUnread = owns;
    return owns;
}

std::vector<std::uint64_t> EventSourceMapping::pendingTraceIds() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::uint64_t> out;
    for (const auto &lane : m_lanes) {
        for (const auto &batch : lane->pending)
            for (const auto &r : batch)
                out.push_back(r->traceId);
        for (const auto &r : m_stream.read(lane->shard, lane->readCursor, SIZE_MAX)) {
            if (ownsRecord(*lane, *r))
                out.push_back(r->traceId);
        }
    }
    return out;
}

} // namespace orderlab
