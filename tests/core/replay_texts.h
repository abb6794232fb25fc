#pragma once
// Texts for tst_replay, in a header: moc misreads raw strings in the files it scans.

#include <string>

namespace {
const std::string kEmptyOutput = R"({"cache":{},"published":[],"failures":[]})";
const std::string kNoFailures = R"("failures":[])";
const std::string kNewOrderB = R"({"topic":"new-order","value":"{\"id\":\"b\"}"})";
const std::string kBadBatch =
    R"({"Records":[{"eventName":"INSERT","dynamodb":{"SequenceNumber":"5","NewImage":{"pk":{"Q":"1"}}}},)"
    R"({"eventName":"INSERT","dynamodb":{"SequenceNumber":"6"}}]})";
const std::string kBadBatchFailures =
    R"("failures":[{"itemIdentifier":"5","error":"Error: Unsupported type passed: Q"},)"
    R"({"itemIdentifier":"6","error":"not processed: record 5 before it in the batch failed"},)"
    R"({"itemIdentifier":"","error":"TypeError: event.Records is not iterable"}]})";
} // namespace
