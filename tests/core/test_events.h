#pragma once
// Hand-written stream events for tests. Kept out of the test files: moc misreads raw strings.

#include <string>
#include <vector>

namespace orderlab::testing {

inline std::string image(const std::string &pk, const std::string &status, const std::string &creator = "alice")
{
    return R"({"pk":{"S":")" + pk + R"("},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"status":{"S":")" + status +
           R"("},"numItems":{"N":"1"},"items":{"L":[{"M":{"name":{"S":"margherita"},"price":{"N":"12.5"}}}]},"creator":{"S":")" +
           creator + R"("}})";
}

/// A 21-digit sequence number, as DynamoDB Streams writes them.
inline std::string seq(int n)
{
    std::string digits = std::to_string(n);
    return "100000000000000" + std::string(6 - digits.size(), '0') + digits;
}

inline std::string record(const std::string &name, int n, const std::string &newImage, const std::string &oldImage = {})
{
    std::string r = R"({"eventID":"e)" + std::to_string(n) + R"(","eventName":")" + name + R"(","dynamodb":{)";
    bool first = true;
    if (!newImage.empty()) {
        r += R"("NewImage":)" + newImage;
        first = false;
    }
    if (!oldImage.empty())
        r += std::string(first ? "" : ",") + R"("OldImage":)" + oldImage, first = false;
    r += std::string(first ? "" : ",") + R"("SequenceNumber":")" + seq(n) + R"("}})";
    return r;
}

inline std::string makeEvent(const std::vector<std::string> &records)
{
    std::string e = R"({"Records":[)";
    for (std::size_t i = 0; i < records.size(); ++i)
        e += (i ? "," : "") + records[i];
    return e + "]}";
}

/// One INSERT event with a minimal image.
inline std::string insertEvent(const std::string &pk, const std::string &creator, int n)
{
    return makeEvent(
        {record("INSERT", n,
                R"({"pk":{"S":")" + pk + R"("},"status":{"S":"SUBMITTED"},"creator":{"S":")" + creator + R"("}})")});
}

} // namespace orderlab::testing
