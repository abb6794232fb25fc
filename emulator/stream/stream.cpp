#include "stream.h"

#include "random.h"
#include "record_format.h"
#include "stream_time.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <iterator>
#include <stdexcept>

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
    const auto share = [&](std::size_t cap) {
        return cap == 0 ? 0 : std::max<std::size_t>(1, cap / static_cast<std::size_t>(m_options.shards));
    };
    m_shardMaxRecords = share(m_options.maxRecords);
    m_shardMaxBytes = share(m_options.maxBytes);
    std::string label = isoTimeMs(m_clock.now());
    if (!label.empty() && label.back() == 'Z')
        label.pop_back();
    m_arn = "arn:aws:dynamodb:" + m_options.region + ":000000000000:table/" + m_options.tableName + "/stream/" + label;
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
        if (const auto *t = e.as<TableChangedEvent>(); t && t->change && t->change->table == m_options.tableName)
            append(*t->change);
    });
}

void Stream::append(const TableChange &change)
{
    auto record = std::make_shared<StreamRecord>();
    std::size_t capTrimmed = 0;
    std::uint64_t trimmedThrough = 0;
    record->kind = change.kind;
    record->pk = change.pk;
    record->createdAt = change.time;
    record->traceId = change.traceId;
    record->byTtl = change.byTtl;
    record->shard = shardFor(change.pk);

    const auto [withNew, withOld] = imagesFor(record->eventName(), m_options.viewType);
    std::string newJson, oldJson;
    // Keys: "pk" + the S value for a change without key attributes (made by hand, in tests)
    const std::string keysJson = change.keys.empty() ? std::string() : dynamodb::itemJson(change.keys);
    std::size_t size = change.keys.empty() ? 2 + change.pk.size() : dynamodb::sizeBytes(change.keys);
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
        if (!change.keys.empty())
            f.keysJson = keysJson;
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
        auto &shard = m_shards[static_cast<std::size_t>(record->shard)];
        record->position = ++shard.appended;
        shard.bytes += record->json.size();
        shard.records.push_back(record);
        capTrimmed = trimToCap(shard);
        trimmedThrough = shard.trimmedPosition;
    }
    if (m_events) {
        m_events->publish(RecordAppendedEvent{record}, record->traceId);
        if (capTrimmed)
            m_events->publish(RecordsTrimmedEvent{record->shard, capTrimmed, trimmedThrough, false});
    }
}

Stream::Saved Stream::saved() const
{
    std::lock_guard lock(m_mutex);
    Saved out;
    out.arn = m_arn;
    out.ids = m_ids.state();
    for (const auto &shard : m_shards)
        out.shards.push_back({shard.trimmedThrough, shard.trimmedPosition, shard.appended,
                              std::vector<StreamRecordPtr>(shard.records.begin(), shard.records.end())});
    return out;
}

void Stream::restore(const Saved &saved)
{
    if (saved.shards.size() != m_shards.size())
        throw std::invalid_argument("the stream has " + std::to_string(m_shards.size()) + " shards, the state " +
                                    std::to_string(saved.shards.size()));
    std::vector<Shard> shards(m_shards.size());
    for (std::size_t s = 0; s < saved.shards.size(); ++s) {
        const auto &from = saved.shards[s];
        auto &to = shards[s];
        to.trimmedThrough = from.trimmedThrough;
        to.trimmedPosition = from.trimmedPosition;
        to.appended = from.appended;
        std::uint64_t ordinal = from.trimmedThrough, position = from.trimmedPosition;
        for (const auto &r : from.records) {
            const std::string where = "shard " + std::to_string(s) + " record " + r->sequenceNumber;
            if (r->shard != static_cast<int>(s))
                throw std::invalid_argument(where + " belongs to shard " + std::to_string(r->shard));
            if (r->ordinal <= ordinal || r->position != position + 1)
                throw std::invalid_argument(where + " is out of order (sequence numbers must increase, positions "
                                                    "follow the trimmed records one by one)");
            if (r->ordinal > saved.ids.ordinal)
                throw std::invalid_argument(where + " is past the last sequence number drawn");
            ordinal = r->ordinal;
            position = r->position;
            to.bytes += r->json.size();
            to.records.push_back(r);
        }
        if (position != from.appended)
            throw std::invalid_argument("shard " + std::to_string(s) + ": " + std::to_string(from.appended) +
                                        " records appended, but the last one kept is number " +
                                        std::to_string(position));
    }
    std::lock_guard lock(m_mutex);
    m_shards = std::move(shards);
    m_ids.setState(saved.ids);
    m_arn = saved.arn;
}

void Stream::popOldest(Shard &shard)
{
    const auto &oldest = shard.records.front();
    shard.trimmedThrough = oldest->ordinal;
    shard.trimmedPosition = oldest->position;
    shard.bytes -= oldest->json.size();
    shard.records.pop_front();
}

std::size_t Stream::trimToCap(Shard &shard)
{
    const auto over = [&](std::size_t records, std::size_t bytes) {
        return (m_shardMaxRecords && records > m_shardMaxRecords) || (m_shardMaxBytes && bytes > m_shardMaxBytes);
    };
    if (shard.records.size() <= 1 || !over(shard.records.size(), shard.bytes))
        return 0;
    // Down to 15/16 of the cap, so that a full stream trims (and publishes) once per 1/16 of it.
    const std::size_t keepRecords = m_shardMaxRecords ? m_shardMaxRecords - m_shardMaxRecords / 16 : SIZE_MAX;
    const std::size_t keepBytes = m_shardMaxBytes ? m_shardMaxBytes - m_shardMaxBytes / 16 : SIZE_MAX;
    std::size_t n = 0;
    while (shard.records.size() > 1 && (shard.records.size() > keepRecords || shard.bytes > keepBytes)) {
        popOldest(shard);
        ++n;
    }
    return n;
}

std::vector<StreamRecordPtr> Stream::read(int shard, std::uint64_t after, std::size_t max) const
{
    std::lock_guard lock(m_mutex);
    const auto &records = m_shards.at(static_cast<std::size_t>(shard)).records;
    auto it = std::upper_bound(records.begin(), records.end(), after,
                               [](std::uint64_t a, const StreamRecordPtr &r) { return a < r->ordinal; });
    std::vector<StreamRecordPtr> out;
    for (; it != records.end() && out.size() < max; ++it)
        out.push_back(*it);
    return out;
}

std::vector<StreamRecordPtr> Stream::readFrom(int shard, std::uint64_t after, std::size_t max) const
{
    {
        std::lock_guard lock(m_mutex);
        const auto &s = m_shards.at(static_cast<std::size_t>(shard));
        if (after < s.trimmedThrough)
            throw TrimmedDataAccessException(shardId(shard), shard, s.trimmedThrough, s.trimmedPosition);
    }
    return read(shard, after, max);
}

std::uint64_t Stream::trimHorizon(int shard) const
{
    std::lock_guard lock(m_mutex);
    return m_shards.at(static_cast<std::size_t>(shard)).trimmedThrough;
}

std::uint64_t Stream::appended(int shard) const
{
    std::lock_guard lock(m_mutex);
    return m_shards.at(static_cast<std::size_t>(shard)).appended;
}

std::uint64_t Stream::positionThrough(int shard, std::uint64_t ordinal) const
{
    std::lock_guard lock(m_mutex);
    const auto &s = m_shards.at(static_cast<std::size_t>(shard));
    auto it = std::upper_bound(s.records.begin(), s.records.end(), ordinal,
                               [](std::uint64_t a, const StreamRecordPtr &r) { return a < r->ordinal; });
    return it == s.records.begin() ? s.trimmedPosition : (*std::prev(it))->position;
}

std::uint64_t Stream::latest(int shard) const
{
    std::lock_guard lock(m_mutex);
    const auto &s = m_shards.at(static_cast<std::size_t>(shard));
    return s.records.empty() ? s.trimmedThrough : s.records.back()->ordinal;
}

std::uint64_t Stream::oldest(int shard) const
{
    std::lock_guard lock(m_mutex);
    const auto &records = m_shards.at(static_cast<std::size_t>(shard)).records;
    return records.empty() ? 0 : records.front()->ordinal;
}

bool Stream::trimmed(const StreamRecord &record) const
{
    std::lock_guard lock(m_mutex);
    return record.ordinal <= m_shards[static_cast<std::size_t>(record.shard)].trimmedThrough;
}

std::size_t Stream::size() const
{
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto &s : m_shards)
        n += s.records.size();
    return n;
}

std::size_t Stream::bytes() const
{
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto &s : m_shards)
        n += s.bytes;
    return n;
}

std::vector<StreamRecordPtr> Stream::trim()
{
    const TimeMs cutoff = m_clock.now() - m_options.retentionMs;
    std::vector<StreamRecordPtr> out;
    std::vector<std::size_t> perShard(m_shards.size(), 0);
    std::vector<std::uint64_t> through(m_shards.size(), 0);
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t s = 0; s < m_shards.size(); ++s) {
            auto &shard = m_shards[s];
            while (!shard.records.empty() && shard.records.front()->createdAt < cutoff) {
                out.push_back(shard.records.front());
                popOldest(shard);
                ++perShard[s];
            }
            through[s] = shard.trimmedPosition;
        }
    }
    for (std::size_t s = 0; m_events && s < perShard.size(); ++s)
        if (perShard[s])
            m_events->publish(RecordsTrimmedEvent{static_cast<int>(s), perShard[s], through[s], true});
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
