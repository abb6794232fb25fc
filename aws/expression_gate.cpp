#include "expression_gate.h"

#include <algorithm>
#include <string>
#include <vector>

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
    std::string legacy = present(kLegacy);
    const std::string expressions = present(kExpressions);
    // DynamoDB does not count KeyConditions as legacy unless KeyConditionExpression is given too.
    if (params.has("KeyConditions") && !params.has("KeyConditionExpression")) {
        static constexpr const char *kWithoutKeyConditions[] = {"AttributesToGet", "Expected",   "AttributeUpdates",
                                                                "QueryFilter",     "ScanFilter", "ConditionalOperator"};
        legacy = present(kWithoutKeyConditions);
    }
    if (!legacy.empty() && !expressions.empty())
        throw validation("Can not use both expression and non-expression parameters in the same request: "
                         "Non-expression parameters: {" +
                         legacy + "} Expression parameters: {" + expressions + "}");
}

/// DynamoDB's refusal of the placeholder maps in a request without the expressions that use them.
/// `served` names the expressions the operation takes.
void refuseUselessPlaceholders(const Params &params, std::initializer_list<std::string_view> served)
{
    static constexpr const char *kExpressions[] = {"ProjectionExpression", "UpdateExpression", "ConditionExpression",
                                                   "FilterExpression", "KeyConditionExpression"};
    const auto serves = [&served](std::string_view name) {
        return std::find(served.begin(), served.end(), name) != served.end();
    };
    for (const char *name : kExpressions)
        if (params.has(name))
            return;
    std::vector<std::string> valueTakers; // the operation's expressions that read ExpressionAttributeValues
    for (const char *name : kExpressions)
        if (serves(name) && std::string_view(name) != "ProjectionExpression")
            valueTakers.emplace_back(name);
    if (params.has("ExpressionAttributeNames"))
        throw validation("ExpressionAttributeNames can only be specified when using expressions");
    if (params.has("ExpressionAttributeValues") && !valueTakers.empty()) {
        std::string list;
        for (const auto &name : valueTakers)
            list += (list.empty() ? "" : " and ") + name;
        throw validation("ExpressionAttributeValues can only be specified when using expressions: " + list +
                         (valueTakers.size() > 1 ? " are null" : " is null"));
    }
}

/// The parameters only an operation that serves them may carry: the expressions, their placeholder maps, and the
/// legacy parameters (all of which refuseMixedParameters and refuseUselessPlaceholders look at, with AttributesToGet).
constexpr const char *kNotYet[] = {"ConditionExpression",
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

/// True when the request names none of the parameters this gate looks at (kNotYet and AttributesToGet): the common
/// case, decided in one pass over the request's members (the checks below make some 30 lookups).
bool namesNoExpressionParameter(const Params &params)
{
    bool none = true;
    params.value().asObject()->forEach([&none](std::string_view name, const js::Value &) {
        if (none &&
            (name == "AttributesToGet" || std::find(std::begin(kNotYet), std::end(kNotYet), name) != std::end(kNotYet)))
            none = false;
    });
    return none;
}

} // namespace

void refuseExpressions(const Params &params, std::initializer_list<std::string_view> served)
{
    if (namesNoExpressionParameter(params))
        return;
    refuseMixedParameters(params);
    refuseUselessPlaceholders(params, served);
    for (const char *name : kNotYet) {
        if (std::find(served.begin(), served.end(), std::string_view(name)) != served.end())
            continue;
        if (params.has(name))
            throw validation(std::string("orderlab does not support ") + name + " yet");
    }
}

} // namespace orderlab::aws
