#include "expression_gate.h"

namespace orderlab::aws {

void refuseExpressions(const Params &params)
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
        if (params.has(name))
            throw validation(std::string("orderlab does not support ") + name + " yet");
    }
}

} // namespace orderlab::aws
