#include "event.h"

#include "stream/stream.h"

namespace orderlab {

namespace {
bool sameImage(const std::optional<dynamodb::AttributeMap> &a, const std::optional<dynamodb::AttributeMap> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || dynamodb::itemJson(*a) == dynamodb::itemJson(*b);
}

template <class... Ts> struct Names : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Names(Ts...) -> Names<Ts...>;
} // namespace

bool TableChangedEvent::operator==(const TableChangedEvent &other) const
{
    if (!change || !other.change)
        return change == other.change;
    const TableChange &a = *change, &b = *other.change;
    return a.kind == b.kind && a.pk == b.pk && a.time == b.time && a.byTtl == b.byTtl && a.traceId == b.traceId &&
           sameImage(a.oldImage, b.oldImage) && sameImage(a.newImage, b.newImage);
}

std::vector<std::string> InvocationFinishedEvent::logExcerpt(const std::vector<std::string> &log)
{
    std::vector<std::string> kept;
    std::size_t bytes = 0, shown = 0;
    for (; shown < log.size(); ++shown) {
        bytes += log[shown].size();
        if (kept.size() == kMaxLogLines || bytes > kMaxLogBytes)
            break;
        kept.push_back(log[shown]);
    }
    if (shown < log.size())
        kept.push_back("... " + std::to_string(log.size() - shown) + " more line(s) of this invocation's log not kept");
    return kept;
}

bool RecordAppendedEvent::operator==(const RecordAppendedEvent &other) const
{
    if (!record || !other.record)
        return record == other.record;
    const StreamRecord &a = *record, &b = *other.record;
    return a.shard == b.shard && a.sequenceNumber == b.sequenceNumber && a.eventId == b.eventId && a.kind == b.kind &&
           a.pk == b.pk && a.createdAt == b.createdAt && a.traceId == b.traceId && a.sizeBytes == b.sizeBytes &&
           a.byTtl == b.byTtl && a.json == b.json;
}

bool CacheChangedEvent::operator==(const CacheChangedEvent &other) const
{
    const CacheEvent &a = change, &b = other.change;
    return a.kind == b.kind && a.cache == b.cache && a.key == b.key && a.size == b.size && a.writer == b.writer &&
           a.timeMs == b.timeMs && a.expiresAtMs == b.expiresAtMs && a.sequence == b.sequence;
}

bool TopicChangedEvent::operator==(const TopicChangedEvent &other) const
{
    const TopicEvent &a = change, &b = other.change;
    return a.kind == b.kind && a.cache == b.cache && a.topic == b.topic && a.sequenceNumber == b.sequenceNumber &&
           a.size == b.size && a.who == b.who && a.delivered == b.delivered && a.timeMs == b.timeMs;
}

const char *Event::kindName() const
{
    return std::visit(Names{
                          [](const TableChangedEvent &) { return "table-changed"; },
                          [](const RecordAppendedEvent &) { return "record-appended"; },
                          [](const RecordsTrimmedEvent &) { return "records-trimmed"; },
                          [](const PolledEvent &) { return "polled"; },
                          [](const InvocationStartedEvent &) { return "invocation-started"; },
                          [](const InvocationFinishedEvent &) { return "invocation-finished"; },
                          [](const RecordsDiscardedEvent &) { return "records-discarded"; },
                          [](const HandlerCallEvent &) { return "handler-call"; },
                          [](const CacheChangedEvent &) { return "cache-changed"; },
                          [](const TopicChangedEvent &) { return "topic-changed"; },
                          [](const DeliveredEvent &) { return "delivered"; },
                          [](const FaultFiredEvent &) { return "fault-fired"; },
                          [](const WarningEvent &) { return "warning"; },
                          [](const VerdictChangedEvent &) { return "verdict-changed"; },
                          [](const ClockChangedEvent &) { return "clock-changed"; },
                          [](const CommandAppliedEvent &) { return "command-applied"; },
                      },
                      payload);
}

} // namespace orderlab
