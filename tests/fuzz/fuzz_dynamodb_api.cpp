// libFuzzer target over the DynamoDB API's request decoding and operations (aws/, docs/dynamodb-api.md):
// the input's first byte picks the X-Amz-Target (one of the operations served, or an unknown one), the
// rest is the JSON body, handed to DynamoDbApi::handle over one world's tables (kept between inputs,
// so that tables created by one input are read and written by the next; renewed every 2,000 inputs
// so memory stays bounded).
//
// A crash, a sanitizer report, an exception escaping handle(), an answer other than 200 or 400
// (500 is orderlab's own fault), or an answer body that is not JSON is a finding.

#include "dynamodb_api.h"
#include "js/json.h"
#include "json_protocol.h"
#include "pipeline/pipeline.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace {

using namespace orderlab;

constexpr std::array<const char *, 30> kTargets = {"DynamoDB_20120810.PutItem",
                                                   "DynamoDB_20120810.GetItem",
                                                   "DynamoDB_20120810.DeleteItem",
                                                   "DynamoDB_20120810.UpdateItem",
                                                   "DynamoDB_20120810.Query",
                                                   "DynamoDB_20120810.Scan",
                                                   "DynamoDB_20120810.BatchWriteItem",
                                                   "DynamoDB_20120810.BatchGetItem",
                                                   "DynamoDB_20120810.TransactWriteItems",
                                                   "DynamoDB_20120810.TransactGetItems",
                                                   "DynamoDB_20120810.CreateTable",
                                                   "DynamoDB_20120810.DescribeTable",
                                                   "DynamoDB_20120810.ListTables",
                                                   "DynamoDB_20120810.DeleteTable",
                                                   "DynamoDB_20120810.UpdateTable",
                                                   "DynamoDB_20120810.TagResource",
                                                   "DynamoDB_20120810.UntagResource",
                                                   "DynamoDB_20120810.ListTagsOfResource",
                                                   "DynamoDB_20120810.UpdateTimeToLive",
                                                   "DynamoDB_20120810.DescribeTimeToLive",
                                                   "DynamoDB_20120810.DescribeEndpoints",
                                                   "DynamoDB_20120810.DescribeLimits",
                                                   "DynamoDBStreams_20120810.ListStreams",
                                                   "DynamoDBStreams_20120810.DescribeStream",
                                                   "DynamoDBStreams_20120810.GetShardIterator",
                                                   "DynamoDBStreams_20120810.GetRecords",
                                                   "DynamoDB_20120810.Frobnicate",
                                                   "DynamoDB_20120810.",
                                                   "dynamodb.PutItem",
                                                   ""};

struct World
{
    Pipeline pipeline{PipelineConfig{}};
    aws::DynamoDbApi api{pipeline.tables(), pipeline.scheduler()};
};

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_dynamodb_api: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static std::unique_ptr<World> world;
    static unsigned runs = 0;
    if (!world || ++runs % 2000 == 0)
        world = std::make_unique<World>();
    if (size == 0)
        return 0;
    const std::string_view target = kTargets[data[0] % kTargets.size()];
    const std::string body(reinterpret_cast<const char *>(data + 1), size - 1);
    aws::HttpRequest request;
    request.target = target;
    request.body = body;
    request.contentType = (data[0] & 0x80) ? "application/json" : "application/x-amz-json-1.0";
    aws::HttpAnswer answer;
    try {
        answer = world->api.handle(request);
    } catch (const std::exception &e) {
        fail("handle() threw", e.what());
    }
    if (answer.status != 200 && answer.status != 400)
        fail("an answer other than 200 or 400", std::to_string(answer.status) + " " + answer.body);
    try {
        orderlab::js::checkJson(answer.body);
    } catch (const std::exception &e) {
        fail("an answer body that is not JSON", answer.body + "\n" + e.what());
    }
    return 0;
}
