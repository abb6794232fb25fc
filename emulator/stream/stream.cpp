#include "stream.h"

#include "random.h"
#include "record_format.h"
#include "stream_time.h"

#include <algorithm>
#include <cstdio>

namespace orderlab {

namespace {

/// FNV-1a: a stable hash of the partition key (std::hash differs between libraries).
std::uint64_t keyHash(const std::string &pk)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : pk) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    std::uint64_t state = h;
    return Random::splitmix64(state); // FNV alone spreads similar keys badly over few buckets
}

} // namespace

const char *StreamRecord::eventName() const
{
    return tableChangeName(kind);
}

Stream::Stream(const Clock &clock, Options options, EventBus *events)
    : m_clock(clock), m_options(std::move(options)), m_ids(m_options.seed), m_events(events)
{
    if (m_options.shards < 1)
        m_options.shards = 1;
    m_shards.resize(static_cast<std::size_t>(m_options.shards));
    m_trimmedThrough.assign(static_cast<std::size_t>(m_options.shards), 0);
    std::string label = isoTimeMs(m_clock.now());
    if (!label.empty() && label.back() == 'Z')
        label.pop_back();
    m_arn = "arn:aws:dynamodb:" + m_options.region + ":000000000000:table/orders/stream/" + label;
}

std::string Stream::shardId(int shard) const
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "shardId-%08d-%012d", shard, 1000 + shard);
    return buf;
}

int Stream::shardFor(const std::string &pk) const
{
    return static_cast<int>(keyHash(pk) % static_cast<std::uint64_t>(m_options.shards));
}

EventBus::Subscription Stream::follow(EventBus &bus)
{
    return bus.subscribe([this](const Event &e) {
        if (const auto *t = e.as<TableChangedEvent>(); t && t->change)
            append(*t->change);
    });
}

void Stream::append(const TableChange &change)
{
    auto record = std::make_shared<StreamRecord>();
    record->kind = change.kind;
    record->pk = change.pk;
    record->createdAt = change.time;
    record->traceId = change.traceId;
    record->byTtl = change.byTtl;
    record->shard = shardFor(change.pk);

    const auto [withNew, withOld] = imagesFor(record->eventName(), m_options.viewType);
    std::string newJson, oldJson;
    std::size_t size = 2 + change.pk.size(); // Keys: "pk" + the S value
    if (withNew && change.newImage) {
        newJson = dynamodb::itemJson(*change.newImage);
        size += dynamodb::sizeBytes(*change.newImage);
    }
    if (withOld && change.oldImage) {
        oldJson = dynamodb::itemJson(*change.oldImage);
        size += dynamodb::sizeBytes(*change.oldImage);
    }
    {
        std::lock_guard lock(m_mutex);
        RecordId id = m_ids.next();
        record->ordinal = id.ordinal;
        record->sequenceNumber = std::move(id.sequenceNumber);
        record->eventId = std::move(id.eventId);
        record->sizeBytes = size;
        RecordFields f;
        f.eventId = record->eventId;
        f.eventName = record->eventName();
        f.region = m_options.region;
        f.approximateCreationSeconds = approximateCreationSeconds(change.time);
        f.pk = change.pk;
        if (withNew && change.newImage)
            f.newImageJson = newJson;
        if (withOld && change.oldImage)
            f.oldImageJson = oldJson;
        f.sequenceNumber = record->sequenceNumber;
        f.sizeBytes = size;
        f.viewType = m_options.viewType;
        f.streamArn = m_arn;
        f.byTtl = change.byTtl;
        record->json = formatRecord(f);
        m_shards[static_cast<std::size_t>(record->shard)].push_back(record);
    }
    if (m_events)
        m_events->publish(RecordAppendedEvent{record}, record->traceId);
}

std::vector<StreamRecordPtr> Stream::read(int shard, std::uint64_t after, std::size_t max) const
{
    std::lock_guard lock(m_mutex);
    const auto &records = m_shards.at(static_cast<std::size_t>(shard));
    auto it = std::upper_bound(records.begin(), records.end(), after,
                               [](std::uint64_t a, const StreamRecordPtr &r) { return a < r->ordinal; });
    std::vector<StreamRecordPtr> out;
    for (; it != records.end() && out.size() < max; ++it)
        out.push_back(*it);
    return out;
}

std::uint64_t Stream::latest(int shard) const
{
    std::lock_guard lock(m_mutex);
    const auto &records = m_shards.at(static_cast<std::size_t>(shard));
    return records.empty() ? m_trimmedThrough[static_cast<std::size_t>(shard)] : records.back()->ordinal;
}

std::uint64_t Stream::oldest(int shard) const
{
    std::lock_guard lock(m_mutex);
    const auto &records = m_shards.at(static_cast<std::size_t>(shard));
    return records.empty() ? 0 : records.front()->ordinal;
}

bool Stream::trimmed(const StreamRecord &record) const
{
    std::lock_guard lock(m_mutex);
    return record.ordinal <= m_trimmedThrough[static_cast<std::size_t>(record.shard)];
}

std::size_t Stream::size() const
{
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto &s : m_shards)
        n += s.size();
    return n;
}

std::vector<StreamRecordPtr> Stream::trim()
{
    const TimeMs cutoff = m_clock.now() - m_options.retentionMs;
    std::vector<StreamRecordPtr> out;
    std::vector<std::size_t> perShard(m_shards.size(), 0);
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t s = 0; s < m_shards.size(); ++s) {
            auto &records = m_shards[s];
            while (!records.empty() && records.front()->createdAt < cutoff) {
                m_trimmedThrough[s] = records.front()->ordinal;
                out.push_back(std::move(records.front()));
                records.pop_front();
                ++perShard[s];
            }
        }
    }
    for (std::size_t s = 0; m_events && s < perShard.size(); ++s)
        if (perShard[s])
            m_events->publish(RecordsTrimmedEvent{static_cast<int>(s), perShard[s]});
    return out;
}

int Stream::compareSequenceNumbers(std::string_view a, std::string_view b)
{
    auto strip = [](std::string_view s) {
        std::size_t i = 0;
        while (i + 1 < s.size() && s[i] == '0')
            ++i;
        return s.substr(i);
    };
    a = strip(a);
    b = strip(b);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

} // namespace orderlab
