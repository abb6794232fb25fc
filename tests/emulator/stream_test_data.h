#pragma once
// The MODIFY example (docs/stream-and-mapping.md, "Example record") and expected fragments, for tst_stream.

namespace {
const char *const kSpecOldImage =
    R"({"status":{"S":"PREPARING"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"numItems":{"N":"1"},"items":{"L":[{"M":{"size":{"S":"L"},"price":{"N":"12.5"},"toppings":{"L":[{"S":"basil"}]}}}]}})";
const char *const kSpecNewImage =
    R"({"status":{"S":"BAKING"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"numItems":{"N":"1"},"lastUpdated":{"S":"2024-11-24T12:05:00.000Z"},"items":{"L":[{"M":{"size":{"S":"L"},"price":{"N":"12.5"},"toppings":{"L":[{"S":"basil"}]}}}]}})";
const char *const kSpecKeys = R"({"pk":{"S":"ord-1"}})";
const char *const kRecordPrefix = R"({"eventID":")";
const char *const kUserIdentity = R"("userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"})";
} // namespace
