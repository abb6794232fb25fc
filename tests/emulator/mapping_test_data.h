#pragma once
// Responses and patterns for tst_event_source_mapping (kept out of the test file: moc misreads raw strings).

namespace {
const char *const kEmptyFailures = R"({"batchItemFailures":[]})";
const char *const kNullFailures = R"({"batchItemFailures":null})";
const char *const kFailSecondAndThird =
    R"({"batchItemFailures":[{"itemIdentifier":"100000000000000000200"},{"itemIdentifier":"100000000000000000017"}]})";
const char *const kFailLeadingZeros = R"({"batchItemFailures":[{"itemIdentifier":"00100000000000000000200"}]})";
const char *const kEmptyId = R"({"batchItemFailures":[{"itemIdentifier":""}]})";
const char *const kNullId = R"({"batchItemFailures":[{"itemIdentifier":null}]})";
const char *const kMissingId = R"({"batchItemFailures":[{"id":"100000000000000000005"}]})";
const char *const kNumberId = R"({"batchItemFailures":[{"itemIdentifier":100000000000000000005}]})";
const char *const kUnknownId = R"({"batchItemFailures":[{"itemIdentifier":"100000000000000000006"}]})";
const char *const kFailuresString = R"({"batchItemFailures":"100000000000000000005"})";
const char *const kBakingFilter = R"({"dynamodb":{"NewImage":{"status":{"S":["BAKING"]}}}})";
} // namespace
