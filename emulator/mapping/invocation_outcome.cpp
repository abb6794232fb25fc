#include "invocation_outcome.h"

#include "js/json.h"
#include "stream/stream.h"

namespace orderlab {

namespace {
InvocationOutcome failure(std::string reason, std::string warning = {})
{
    InvocationOutcome o;
    o.kind = InvocationOutcome::Kind::Failure;
    o.reason = std::move(reason);
    o.warning = std::move(warning);
    return o;
}
} // namespace

InvocationOutcome interpretInvocation(const InvocationResult &result, const std::vector<std::string> &sequenceNumbers,
                                      bool reportBatchItemFailures)
{
    if (result.kind != InvocationResult::Kind::Returned) {
        auto o = failure(result.kind == InvocationResult::Kind::Threw ? "the function threw: " + result.error
                                                                      : "the function timed out: " + result.error);
        o.functionError = true;
        return o;
    }
    InvocationOutcome success;
    if (!reportBatchItemFailures)
        return success; // whatever came back, partial failures included, is ignored
    if (result.response.empty())
        return success;
    js::Value response;
    try {
        response = js::parseJson(result.response);
    } catch (const js::JsonParseError &) {
        return failure("the response is not JSON",
                       "the function returned something that is not JSON; orderlab fails the batch");
    }
    if (response.isNull())
        return success;
    if (response.isArray() && response.asArray()->items.empty())
        return success;
    if (!response.isObject())
        return failure("the response is neither null, {} nor a batchItemFailures object",
                       "undocumented response shape; orderlab fails the batch");
    const js::Value *list = response.asObject()->find("batchItemFailures");
    if (!list || list->isNull() || list->isUndefined())
        return success; // {} and {"batchItemFailures":null}
    if (!list->isArray())
        return failure("batchItemFailures is not a list", "undocumented response shape; orderlab fails the batch");
    if (list->asArray()->items.empty())
        return success;
    std::size_t lowest = sequenceNumbers.size();
    for (const auto &entry : list->asArray()->items) {
        const js::Value *id = entry.isObject() ? entry.asObject()->find("itemIdentifier") : nullptr;
        if (!id || !id->isString() || id->asString().empty())
            return failure(
                "a batchItemFailures entry has no usable itemIdentifier (empty, null, missing or not a string)");
        std::size_t index = sequenceNumbers.size();
        for (std::size_t i = 0; i < sequenceNumbers.size(); ++i) {
            if (Stream::compareSequenceNumbers(sequenceNumbers[i], id->asString()) == 0) {
                index = i;
                break;
            }
        }
        if (index == sequenceNumbers.size())
            return failure("itemIdentifier " + id->asString() + " names no record of this batch",
                           "undocumented; orderlab fails the batch");
        lowest = std::min(lowest, index);
    }
    InvocationOutcome partial;
    partial.kind = InvocationOutcome::Kind::PartialFailure;
    partial.failedAt = lowest;
    partial.reason = "partial failure at " + sequenceNumbers[lowest];
    return partial;
}

} // namespace orderlab
