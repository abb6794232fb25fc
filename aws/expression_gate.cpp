#include "expression_gate.h"

#include <algorithm>
#include <string>

namespace orderlab::aws {

namespace {

/// DynamoDB refuses a request that mixes the legacy parameters with expressions, naming both groups.
void refuseMixedParameters(const Params &params)
{
    static constexpr const char *kLegacy[] = {"AttributesToGet", "Expected",   "AttributeUpdates",   "KeyConditions",
                                              "QueryFilter",     "ScanFilter", "ConditionalOperator"};
    static constexpr const char *kExpressions[] = {"ProjectionExpression", "ConditionExpression", "UpdateExpression",
                                                   "KeyConditionExpression", "FilterExpression"};
    const auto present = [&params](const auto &names) {
        std::string out;
        for (const char *name : names)
            if (params.has(name))
                out += (out.empty() ? "" : ", ") + std::string(name);
        return out;
    };
    const std::string legacy = present(kLegacy);
    const std::string expressions = present(kExpressions);
    if (!legacy.empty() && !expressions.empty())
        throw validation("Can not use both expression and non-expression parameters in the same request: "
                         "Non-expression parameters: {" +
                         legacy + "} Expression parameters: {" + expressions + "}");
}

} // namespace

void refuseExpressions(const Params &params, std::initializer_list<std::string_view> served)
{
    refuseMixedParameters(params);
    static constexpr const char *kNotYet[] = {"ConditionExpression",
                                              "UpdateExpression",
                                              "ProjectionExpression",
                                              "KeyConditionExpression",
                                              "FilterExpression",
                                              "ExpressionAttributeNames",
                                              "ExpressionAttributeValues",
                                              "Expected",
                                              "AttributeUpdates",
                                              "KeyConditions",
                                              "QueryFilter",
                                              "ScanFilter",
                                              "ConditionalOperator"};
    for (const char *name : kNotYet) {
        if (std::find(served.begin(), served.end(), std::string_view(name)) != served.end())
            continue;
        if (params.has(name))
            throw validation(std::string("orderlab does not support ") + name + " yet");
    }
}

} // namespace orderlab::aws
