#pragma once

#include "api_context.h"

#include <optional>
#include <string>

namespace orderlab::aws {

inline constexpr std::size_t kMaxClientTokens = 10000;
inline constexpr std::size_t kMaxClientTokenBytes = 64 * 1024 * 1024;

/**
 * ClientRequestToken, the idempotency of TransactWriteItems and ExecuteTransaction (docs/dynamodb-api.md,
 * "Transactions"). A token names the first successful request that carried it, for 10 minutes of the emulator
 * clock: the same token with the same request body answers that request's answer again without running anything;
 * with another body it is IdempotentParameterMismatchException "The request uses the same client token as a
 * previous, but non-identical request." A request that fails leaves no token behind. Thread-safe (the context's
 * tokens lock).
 *
 * Memory (docs/memory-bounds.md): at most kMaxClientTokens tokens, whose requests and answers hold at most
 * kMaxClientTokenBytes; past either the oldest is forgotten first (a retry with it then runs again, as after its
 * 10 minutes).
 */

/// The API model's constraint on ClientRequestToken, checked before anything else of the request: 1 to 36
/// characters. @throws ApiError "1 validation error detected: Value 'x...' at 'clientRequestToken' failed to satisfy
/// constraint: Member must have length less than or equal to 36".
void checkClientRequestToken(const Params &params);

/// The answer remembered for the request's ClientRequestToken; nullopt without a token or when the token is new
/// (or expired). @throws ApiError IdempotentParameterMismatchException.
std::optional<std::string> rememberedAnswer(Context &context, const Params &params);

/// Remembers `answer` as the answer of the request's ClientRequestToken (nothing without a token).
void rememberAnswer(Context &context, const Params &params, const std::string &answer);

} // namespace orderlab::aws
