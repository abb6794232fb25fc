// The DynamoDB Streams API (docs/dynamodb-api.md, "Streams"): ListStreams, DescribeStream,
// GetShardIterator, GetRecords over the registry's streams.
#include "api_context.h"
#include "dynamodb/base64.h"
#include "js/json.h"
#include "stream/stream_time.h"
#include "stream/trimmed_data_access.h"

#include <charconv>

namespace orderlab::aws {

namespace {

constexpr TimeMs kIteratorLifetimeMs = 15 * 60 * 1000;

/// The decimal sequence number of an ordinal (10^20 + ordinal).
std::string sequenceNumber(std::uint64_t ordinal)
{
    std::string digits = std::to_string(ordinal);
    return "1" + std::string(20 - std::min<std::size_t>(20, digits.size()), '0') + digits;
}

std::optional<std::uint64_t> ordinalOf(const std::string &sequence)
{
    if (sequence.size() != 21 || sequence[0] != '1')
        return std::nullopt;
    std::uint64_t ordinal = 0;
    const auto [end, ec] = std::from_chars(sequence.data() + 1, sequence.data() + sequence.size(), ordinal);
    if (ec != std::errc() || end != sequence.data() + sequence.size())
        return std::nullopt;
    return ordinal;
}

TableRegistry::Entry streamEntry(Context &context, const std::string &arn)
{
    for (auto &entry : context.tables.streams()) {
        if (entry.stream->arn() == arn)
            return entry;
    }
    throw ApiError(400, "ResourceNotFoundException", "Requested resource not found: Stream: " + arn + " not found");
}

int shardOf(const Stream &stream, const std::string &shardId)
{
    for (int i = 0; i < stream.shardCount(); ++i) {
        if (stream.shardId(i) == shardId)
            return i;
    }
    throw ApiError(400, "ResourceNotFoundException",
                   "Requested resource not found: Shard does not exist: " + shardId.substr(0, 200));
}

std::string label(const Stream &stream)
{
    return stream.arn().substr(stream.arn().rfind('/') + 1);
}

/// An iterator: base64 of "<issued ms>|<shard>|<after ordinal>|<stream arn>".
std::string iterator(TimeMs issued, int shard, std::uint64_t after, const std::string &arn)
{
    return dynamodb::base64Encode(std::to_string(issued) + "|" + std::to_string(shard) + "|" + std::to_string(after) +
                                  "|" + arn);
}

struct Iterator
{
    TimeMs issued = 0;
    int shard = 0;
    std::uint64_t after = 0;
    std::string arn;
};

Iterator parseIterator(const std::string &text)
{
    const auto invalid = [] { return validation("Invalid ShardIterator"); };
    const auto raw = dynamodb::base64Decode(text);
    if (!raw)
        throw invalid();
    Iterator it;
    std::size_t a = raw->find('|'), b = raw->find('|', a + 1), c = raw->find('|', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos)
        throw invalid();
    try {
        it.issued = std::stoll(raw->substr(0, a));
        it.shard = std::stoi(raw->substr(a + 1, b - a - 1));
        it.after = std::stoull(raw->substr(b + 1, c - b - 1));
    } catch (const std::exception &) {
        throw invalid();
    }
    it.arn = raw->substr(c + 1);
    return it;
}

std::string listStreams(Context &context, const Params &params)
{
    const auto table = params.string("TableName");
    const auto start = params.string("ExclusiveStartStreamArn");
    const auto limit = params.integer("Limit", 1, 100).value_or(100);
    std::string out = "{\"Streams\":[";
    long long n = 0;
    bool started = !start, more = false;
    std::string last;
    for (const auto &entry : context.tables.streams()) {
        if (table && entry.table->name() != *table)
            continue;
        if (!started) {
            started = entry.stream->arn() == *start;
            continue;
        }
        if (n == limit) {
            more = true;
            break;
        }
        out += (n++ ? "," : "") + std::string("{\"StreamArn\":") + quoted(entry.stream->arn()) +
               ",\"TableName\":" + quoted(entry.table->name()) + ",\"StreamLabel\":" + quoted(label(*entry.stream)) +
               "}";
        last = entry.stream->arn();
    }
    out += "]";
    if (more)
        out += ",\"LastEvaluatedStreamArn\":" + quoted(last);
    return out + "}";
}

std::string describeStream(Context &context, const Params &params)
{
    const auto entry = streamEntry(context, params.requiredString("StreamArn"));
    const Stream &stream = *entry.stream;
    const auto &schema = entry.table->keySchema();
    const bool current = entry.table->streamSpecification().enabled;
    std::string out = "{\"StreamDescription\":{\"StreamArn\":" + quoted(stream.arn()) +
                      ",\"StreamLabel\":" + quoted(label(stream)) + ",\"StreamStatus\":\"" +
                      (current ? "ENABLED" : "DISABLED") + "\",\"StreamViewType\":\"" +
                      std::string(viewTypeName(stream.viewType())) + "\",\"TableName\":" + quoted(entry.table->name()) +
                      ",\"KeySchema\":[{\"AttributeName\":" + quoted(schema.hash.name) + ",\"KeyType\":\"HASH\"}";
    if (schema.range)
        out += ",{\"AttributeName\":" + quoted(schema.range->name) + ",\"KeyType\":\"RANGE\"}";
    out += "],\"Shards\":[";
    for (int i = 0; i < stream.shardCount(); ++i) {
        const std::uint64_t first = stream.oldest(i) ? stream.oldest(i) : stream.trimHorizon(i) + 1;
        out += (i ? "," : "") + std::string("{\"ShardId\":") + quoted(stream.shardId(i)) +
               ",\"SequenceNumberRange\":{\"StartingSequenceNumber\":\"" + sequenceNumber(first) + "\"";
        if (!current && stream.latest(i))
            out += ",\"EndingSequenceNumber\":\"" + sequenceNumber(stream.latest(i)) + "\"";
        out += "}}";
    }
    return out + "]}}";
}

std::string getShardIterator(Context &context, const Params &params)
{
    const std::string arn = params.requiredString("StreamArn");
    const std::string shardId = params.requiredString("ShardId");
    const std::string type = params.requiredString("ShardIteratorType");
    const auto entry = streamEntry(context, arn);
    const int shard = shardOf(*entry.stream, shardId);
    std::uint64_t after = 0;
    if (type == "TRIM_HORIZON") {
        after = entry.stream->trimHorizon(shard);
    } else if (type == "LATEST") {
        after = entry.stream->latest(shard);
    } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
        const auto sequence = params.string("SequenceNumber");
        if (!sequence)
            throw validation("Must specify a sequence number when ShardIteratorType is " + type);
        const auto ordinal = ordinalOf(*sequence);
        if (!ordinal)
            throw validation("Invalid SequenceNumber: " + sequence->substr(0, 100));
        if (*ordinal <= entry.stream->trimHorizon(shard))
            throw ApiError(400, "TrimmedDataAccessException",
                           "Requested sequence number " + *sequence + " has been trimmed from the stream");
        after = type == "AT_SEQUENCE_NUMBER" ? *ordinal - 1 : *ordinal;
    } else {
        throw validation("1 validation error detected: Value '" + type.substr(0, 100) +
                         "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: "
                         "[AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST]");
    }
    return "{\"ShardIterator\":" + quoted(iterator(context.clock.now(), shard, after, arn)) + "}";
}

/// The Lambda record JSON as the Streams API's record: without its eventSourceARN, and with a TTL delete's
/// userIdentity under the member names of the Streams API's model (PrincipalId, Type; Lambda's event writes
/// principalId, type). docs/dynamodb-api.md, "Streams".
std::string streamsRecord(const std::string &lambdaJson)
{
    std::string out = lambdaJson;
    const std::string key = ",\"eventSourceARN\":";
    if (const auto at = out.find(key); at != std::string::npos) {
        const auto end = out.find('"', at + key.size() + 1); // the ARN holds no quote
        out.erase(at, end + 1 - at);
    }
    // Unescaped, this text can only be the record's own member (item strings escape their quotes).
    static const std::string lambdaIdentity =
        R"("userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"})";
    static const std::string streamsIdentity =
        R"("userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"})";
    if (const auto at = out.rfind(lambdaIdentity); at != std::string::npos)
        out.replace(at, lambdaIdentity.size(), streamsIdentity);
    return out;
}

std::string getRecords(Context &context, const Params &params)
{
    const Iterator it = parseIterator(params.requiredString("ShardIterator"));
    const auto limit = params.integer("Limit", 1, 1000).value_or(1000);
    const TimeMs now = context.clock.now();
    if (now - it.issued > kIteratorLifetimeMs)
        throw ApiError(400, "ExpiredIteratorException",
                       "Iterator expired. The iterator was created at time " + isoTimeMs(it.issued) +
                           " while right now it is " + isoTimeMs(now) +
                           " which is further in the future than the tolerated delay of 900000 milliseconds.");
    const auto entry = streamEntry(context, it.arn);
    if (it.shard < 0 || it.shard >= entry.stream->shardCount())
        throw validation("Invalid ShardIterator");
    std::vector<StreamRecordPtr> records;
    try {
        records = entry.stream->readFrom(it.shard, it.after, static_cast<std::size_t>(limit));
    } catch (const TrimmedDataAccessException &) {
        throw ApiError(400, "TrimmedDataAccessException",
                       "The operation attempted to read past the oldest stream record in a shard.");
    }
    std::string out = "{\"Records\":[";
    std::uint64_t next = it.after;
    for (std::size_t i = 0; i < records.size(); ++i) {
        out += (i ? "," : "") + streamsRecord(records[i]->json);
        next = records[i]->ordinal;
    }
    out += "],\"NextShardIterator\":" + quoted(iterator(now, it.shard, next, it.arn));
    return out + "}";
}

} // namespace

std::string streamsOperation(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "ListStreams")
        return listStreams(context, params);
    if (operation == "DescribeStream")
        return describeStream(context, params);
    if (operation == "GetShardIterator")
        return getShardIterator(context, params);
    if (operation == "GetRecords")
        return getRecords(context, params);
    *handled = false;
    return {};
}

} // namespace orderlab::aws
