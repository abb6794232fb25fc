#include "expression_gate.h"

#include <algorithm>

namespace orderlab::aws {

void refuseExpressions(const Params &params, std::initializer_list<std::string_view> served)
{
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
