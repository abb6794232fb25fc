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

/// Forgets the oldest tokens: those past their lifetime, then any beyond the bounds. With the tokens lock held.
void forgetTokens(Context &context, TimeMs now)
{
    while (!context.tokenOrder.empty()) {
        const auto &[at, token] = context.tokenOrder.front();
        const bool expired = now - at > kTokenLifetimeMs;
        if (!expired && context.tokens.size() <= kMaxClientTokens && context.tokenBytes <= kMaxClientTokenBytes)
            return;
        const auto it = context.tokens.find(token);
        if (it != context.tokens.end() && it->second.at == at) { // not remembered again since
            context.tokenBytes -= it->second.request.size() + it->second.answer.size();
            context.tokens.erase(it);
        }
        context.tokenOrder.pop_front();
    }
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
    forgetTokens(context, context.clock.now());
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
    const TimeMs now = context.clock.now();
    auto &use = context.tokens[*token];
    context.tokenBytes -= use.request.size() + use.answer.size();
    use = {body, answer, now};
    context.tokenBytes += body.size() + answer.size();
    context.tokenOrder.emplace_back(now, *token);
    forgetTokens(context, now);
}

} // namespace orderlab::aws
