#include "failure_record_json.h"

#include "js/json.h"
#include "stream/stream_time.h"

#include <cstdio>

namespace orderlab {

namespace {
/// `2024-11-24T12:05:00Z`: whole seconds, as DDBStreamBatchInfo writes arrival times.
std::string isoSeconds(TimeMs ms)
{
    std::string s = isoTimeMs(ms - ((ms % 1000) + 1000) % 1000);
    return s.substr(0, 19) + "Z";
}

std::string requestId(std::uint64_t n, TimeMs now)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%08llx-0000-4000-8000-%012llx", static_cast<unsigned long long>(n & 0xffffffffULL),
                  static_cast<unsigned long long>(now) & 0xffffffffffffULL);
    return buf;
}
} // namespace

std::string failureRecordJson(const FailureRecordFields &f, const std::vector<StreamRecordPtr> &records)
{
    std::string out =
        "{\"requestContext\":{\"requestId\":\"" + requestId(f.requestNumber, f.now) + "\",\"functionArn\":";
    js::appendQuoted(out, f.functionArn);
    out += ",\"condition\":\"" + f.condition + "\",\"approximateInvokeCount\":" + std::to_string(f.invokeCount) + "}";
    if (f.condition != "RecordAgeExceeded") {
        out += ",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":";
        out += f.functionError ? "\"Unhandled\"" : "null";
        out += "}";
    }
    out += ",\"version\":\"1.0\",\"timestamp\":\"" + isoTimeMs(f.now) + "\",\"DDBStreamBatchInfo\":{\"shardId\":";
    js::appendQuoted(out, f.shardId);
    out += ",\"startSequenceNumber\":\"" + records.front()->sequenceNumber + "\",\"endSequenceNumber\":\"" +
           records.back()->sequenceNumber + "\",\"approximateArrivalOfFirstRecord\":\"" +
           isoSeconds(records.front()->createdAt) + "\",\"approximateArrivalOfLastRecord\":\"" +
           isoSeconds(records.back()->createdAt) + "\",\"batchSize\":" + std::to_string(records.size()) +
           ",\"streamArn\":";
    js::appendQuoted(out, f.streamArn);
    out += "}}";
    return out;
}

} // namespace orderlab
