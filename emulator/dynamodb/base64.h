#pragma once

#include <optional>
#include <string>
#include <string_view>

/// Standard base64 (RFC 4648 alphabet `A–Z a–z 0–9 + /`, `=` padding), as DynamoDB's JSON API
/// carries `B` and `BS` values.
namespace orderlab::dynamodb {

/// Appends the padded base64 text of `bytes` to `out`.
void appendBase64(std::string &out, std::string_view bytes);

/// The padded base64 text of `bytes`.
std::string base64Encode(std::string_view bytes);

/**
 * Strict decode: the length must be a multiple of 4, only alphabet characters may appear,
 * `=` only as the last one or two characters, and the bits a final partial group leaves unused
 * must be zero (so that decoding then encoding gives the text back). No whitespace, no URL-safe
 * alphabet. On failure returns nullopt and, when `error` is given, stores DynamoDB's reason, e.g.
 * "Base64 encoded length is expected a multiple of 4 bytes but found: 5".
 * Thread-safe (pure function).
 */
std::optional<std::string> base64Decode(std::string_view text, std::string *error = nullptr);

} // namespace orderlab::dynamodb
