#pragma once

#include "api_error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace orderlab::aws {

/// The largest request body accepted (DynamoDB's 16 MB).
inline constexpr std::size_t kMaxRequestBytes = 16 * 1024 * 1024;

/// Which API an X-Amz-Target names.
enum class Api { DynamoDB, DynamoDBStreams };

/// What the HTTP layer hands over of one request.
struct HttpRequest
{
    std::string_view method = "POST";
    std::string_view path = "/";
    std::string_view target;      ///< X-Amz-Target
    std::string_view contentType; ///< Content-Type
    std::string_view body;
};

/// A decoded request: the API, the operation ("PutItem") and the body.
struct DecodedRequest
{
    Api api = Api::DynamoDB;
    std::string operation;
    std::string_view body;
};

/// One answer: status, JSON body; the HTTP layer adds x-amzn-RequestId and x-amz-crc32.
struct HttpAnswer
{
    int status = 200;
    std::string body;
};

/**
 * Checks the envelope of an AWS JSON 1.0 request (docs/dynamodb-api.md, "Protocol"): POST to
 * `/`, a body of at most kMaxRequestBytes, Content-Type `application/x-amz-json-1.0` (a
 * `; charset=...` suffix and `application/json` are accepted, as the SDKs send them), and
 * X-Amz-Target `DynamoDB_20120810.<Op>` or `DynamoDBStreams_20120810.<Op>`.
 * @throws ApiError: UnknownOperationException for a missing or foreign target,
 *         SerializationException for a wrong content type or method,
 *         ValidationException (413-sized bodies: "Request size ... exceeded").
 * The body's JSON is not parsed here (parseBody does that).
 */
DecodedRequest decodeRequest(const HttpRequest &request);

/// The error answer's body: `{"__type":"com.amazonaws.dynamodb.v20120810#T","message":"..."}`,
/// with `Message` for the types DynamoDB spells so (SerializationException,
/// TransactionCanceledException) and no message for UnknownOperationException.
std::string errorBody(const ApiError &error);

/// CRC32 (IEEE 802.3, as zlib computes it) of `bytes`: the x-amz-crc32 header's value.
std::uint32_t crc32(std::string_view bytes);

/// A new request id: 52 upper-case letters and digits, as DynamoDB's look.
std::string newRequestId();

} // namespace orderlab::aws
