// ClientRequestToken: a transaction's idempotency, shared by TransactWriteItems and ExecuteTransaction
// (docs/dynamodb-api.md, "Transactions").
#include "client_tokens.h"

#include "js/json.h"

#include <mutex>

namespace orderlab::aws {

namespace {

constexpr TimeMs kTokenLifetimeMs = 10 * 60 * 1000;
constexpr std::size_t kMaxTokenLength = 36;

/// The request as a token remembers it: its JSON, members in the order sent.
std::string requestBody(const Params &params)
{
    std::string body;
    js::stringifyJson(params.value(), body);
    return body;
}

} // namespace

void checkClientRequestToken(const Params &params)
{
    const auto token = params.string("ClientRequestToken");
    if (token && (token->empty() || token->size() > kMaxTokenLength))
        throw validation("1 validation error detected: Value '" + *token +
                         "' at 'clientRequestToken' failed to satisfy constraint: Member must have length " +
                         (token->empty() ? "greater than or equal to 1" : "less than or equal to 36"));
}

std::optional<std::string> rememberedAnswer(Context &context, const Params &params)
{
    const auto token = params.string("ClientRequestToken");
    if (!token)
        return std::nullopt;
    const std::string body = requestBody(params);
    std::lock_guard lock(context.tokensMutex);
    const TimeMs now = context.clock.now();
    std::erase_if(context.tokens, [now](const auto &t) { return now - t.second.at > kTokenLifetimeMs; });
    const auto it = context.tokens.find(*token);
    if (it == context.tokens.end())
        return std::nullopt;
    if (it->second.request != body)
        throw ApiError(400, "IdempotentParameterMismatchException",
                       "The request uses the same client token as a previous, but non-identical request.");
    return it->second.answer;
}

void rememberAnswer(Context &context, const Params &params, const std::string &answer)
{
    const auto token = params.string("ClientRequestToken");
    if (!token)
        return;
    const std::string body = requestBody(params);
    std::lock_guard lock(context.tokensMutex);
    context.tokens[*token] = {body, answer, context.clock.now()};
}

} // namespace orderlab::aws
