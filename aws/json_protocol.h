#pragma once

#include "api_error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace orderlab::aws {

/// `s` as a JSON string literal, quotes included.
std::string quoted(std::string_view s);
/// A time in ms since the epoch as the JSON protocols' dates: epoch seconds with milliseconds ("1.5").
std::string seconds(std::int64_t ms);

/// The largest request body accepted (DynamoDB's 16 MB).
inline constexpr std::size_t kMaxRequestBytes = 16 * 1024 * 1024;

/// Which API an X-Amz-Target names.
enum class Api { DynamoDB, DynamoDBStreams, SecretsManager };

/// The API whose prefix `target` carries (`secretsmanager.` -> SecretsManager); DynamoDB for
/// anything else. Tells which error shape an answer takes even when the request is refused.
Api apiOfTarget(std::string_view target);

/// What the HTTP layer hands over of one request.
struct HttpRequest
{
    std::string_view method = "POST";
    std::string_view path = "/";
    std::string_view target;      ///< X-Amz-Target
    std::string_view contentType; ///< Content-Type
    std::string_view body;
    /// Non-zero: the body was longer than the HTTP layer reads (kMaxRequestBytes), this long as far as it knows
    /// (its Content-Length, or what had arrived of a chunked one), and `body` is empty.
    std::size_t oversizedBodyBytes = 0;
};

/// A decoded request: the API, the operation ("PutItem") and the body.
struct DecodedRequest
{
    Api api = Api::DynamoDB;
    std::string operation;
    std::string_view body;
};

/// One answer: status, JSON body and its content type (JSON 1.0 for DynamoDB, 1.1 for Secrets
/// Manager); the HTTP layer adds x-amzn-RequestId and x-amz-crc32 to `headers`.
struct HttpAnswer
{
    int status = 200;
    std::string body;
    std::string contentType = "application/x-amz-json-1.0";
    std::string headers; ///< more header lines, each ending in CRLF
};

/**
 * Checks the envelope of an AWS JSON request (docs/dynamodb-api.md, "Protocol";
 * docs/secrets-manager.md, "Protocol"): POST to `/`, a body of at most kMaxRequestBytes,
 * X-Amz-Target `DynamoDB_20120810.<Op>`, `DynamoDBStreams_20120810.<Op>` (Content-Type
 * `application/x-amz-json-1.0`) or `secretsmanager.<Op>` (`application/x-amz-json-1.1`); a
 * `; charset=...` suffix and `application/json` are accepted, as the SDKs send them.
 * @throws ApiError: UnknownOperationException for a missing or foreign target,
 *         SerializationException for a wrong content type or method,
 *         ValidationException (413-sized bodies: "Request size ... exceeded").
 * The body's JSON is not parsed here (parseBody does that).
 */
DecodedRequest decodeRequest(const HttpRequest &request);

/// The error answer's body. DynamoDB's: `{"__type":"com.amazonaws.dynamodb.v20120810#T","message":"..."}`,
/// with `Message` for the types DynamoDB spells so (SerializationException,
/// TransactionCanceledException). Secrets Manager's: `{"__type":"T","Message":"..."}`. No message
/// for UnknownOperationException in either.
std::string errorBody(const ApiError &error, Api api = Api::DynamoDB);

/// The content type of an answer of `api`.
const char *answerContentType(Api api);

/// CRC32 (IEEE 802.3, as zlib computes it) of `bytes`: the x-amz-crc32 header's value.
std::uint32_t crc32(std::string_view bytes);

/// A new request id: 52 upper-case letters and digits, as DynamoDB's look.
std::string newRequestId();

} // namespace orderlab::aws
