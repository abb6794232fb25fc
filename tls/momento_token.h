#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace orderlab::tls {

/**
 * The claims of a Momento token in the legacy JWT form, the one form whose endpoints the Node SDK
 * (@gomomento/sdk 1.118.1) takes as they are, port included (docs/momento-tls.md, "What the SDK needs").
 * `c` is the cache (and topics, and token) endpoint, `cp` the control endpoint, each `host:port`.
 */
struct MomentoTokenClaims
{
    std::string cacheEndpoint;             ///< claim `c`
    std::string controlEndpoint;           ///< claim `cp`
    std::int64_t issuedAt = 0;             ///< claim `iat`, seconds since the epoch
    std::optional<std::int64_t> expiresAt; ///< claim `exp`; absent: never expires
};

/// `host:port` as the token carries it: an IPv6 address in brackets (`[::1]:9443`).
std::string endpointFor(const std::string &host, int port);

/// A JWT (`header.payload.signature`, base64url without padding) with the claims and `sub` "orderlab", signed with
/// HS256 under `key` (serve's `--auth-token`; may be empty).
std::string mintMomentoToken(const MomentoTokenClaims &claims, const std::string &key);

/// The claims of a token minted by mintMomentoToken(), read the way the SDK reads them (no signature check).
/// Nothing, with `error` saying what is wrong (its parts, base64url, JSON, a missing or non-string `c`/`cp`).
std::optional<MomentoTokenClaims> parseMomentoToken(const std::string &token, std::string &error);

/// True when `token` is a JWT signed with HS256 under `key` whose `exp`, if any, is after `nowSeconds`.
/// Otherwise false and `why` (if given) says which check failed. Thread-safe.
bool verifyMomentoToken(const std::string &token, const std::string &key, std::int64_t nowSeconds,
                        std::string *why = nullptr);

} // namespace orderlab::tls
