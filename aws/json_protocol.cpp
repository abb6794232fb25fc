#include "json_protocol.h"

#include "js/wtf8.h"

#include "js/json.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>

#include <zlib.h>

namespace orderlab::aws {

std::string quoted(std::string_view s)
{
    std::string out;
    js::appendQuoted(out, s);
    return out;
}

std::string seconds(std::int64_t ms)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms) / 1000.0);
    return buf;
}

namespace {

constexpr std::string_view kDynamoDbPrefix = "DynamoDB_20120810.";
constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810.";
constexpr std::string_view kSecretsManagerPrefix = "secretsmanager.";

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool validOperationName(std::string_view op)
{
    if (op.empty() || op.size() > 64)
        return false;
    for (const char c : op) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

} // namespace

Api apiOfTarget(std::string_view target)
{
    target = trim(target);
    if (startsWith(target, kSecretsManagerPrefix))
        return Api::SecretsManager;
    if (startsWith(target, kStreamsPrefix))
        return Api::DynamoDBStreams;
    return Api::DynamoDB;
}

const char *answerContentType(Api api)
{
    return api == Api::SecretsManager ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
}

DecodedRequest decodeRequest(const HttpRequest &request)
{
    const std::size_t size = request.oversizedBodyBytes ? request.oversizedBodyBytes : request.body.size();
    if (size > kMaxRequestBytes)
        throw ApiError(413, "RequestEntityTooLarge",
                       "Request size " + std::to_string(size) + " exceeded " + std::to_string(kMaxRequestBytes) +
                           " bytes");
    DecodedRequest decoded;
    const std::string_view target = trim(request.target);
    std::string_view op;
    if (startsWith(target, kDynamoDbPrefix)) {
        decoded.api = Api::DynamoDB;
        op = target.substr(kDynamoDbPrefix.size());
    } else if (startsWith(target, kStreamsPrefix)) {
        decoded.api = Api::DynamoDBStreams;
        op = target.substr(kStreamsPrefix.size());
    } else if (startsWith(target, kSecretsManagerPrefix)) {
        decoded.api = Api::SecretsManager;
        op = target.substr(kSecretsManagerPrefix.size());
    } else {
        throw ApiError(400, "UnknownOperationException", "");
    }
    if (!validOperationName(op))
        throw ApiError(400, "UnknownOperationException", "");
    if (request.method != "POST" || request.path != "/")
        throw ApiError(400, "SerializationException",
                       "orderlab serves only POST / (got " + std::string(request.method) + " " +
                           std::string(request.path.substr(0, 200)) + ")");
    std::string_view type = trim(request.contentType.substr(0, request.contentType.find(';')));
    const std::string_view wanted = answerContentType(decoded.api);
    if (type != wanted && type != "application/json")
        throw ApiError(400, "SerializationException",
                       "Content-Type must be " + std::string(wanted) + " (got '" + std::string(type.substr(0, 200)) +
                           "')");
    decoded.operation = std::string(op);
    decoded.body = request.body;
    return decoded;
}

std::string errorBody(const ApiError &error, Api api)
{
    const bool secrets = api == Api::SecretsManager;
    std::string out = secrets ? "{\"__type\":\"" : "{\"__type\":\"com.amazonaws.dynamodb.v20120810#";
    out += error.type;
    out += '"';
    if (error.type != "UnknownOperationException") {
        const bool capital =
            secrets || error.type == "SerializationException" || error.type == "TransactionCanceledException";
        out += capital ? ",\"Message\":" : ",\"message\":";
        // A message may quote request bytes that are not UTF-8: the body stays JSON (U+FFFD for each bad part).
        js::appendQuoted(out, js::wtf8::fromUtf8Lossy(error.what()));
    }
    if (!error.extraJson.empty()) {
        out += ',';
        out += error.extraJson;
    }
    out += '}';
    return out;
}

std::uint32_t crc32(std::string_view bytes)
{
    // zlib's CRC-32 (the one the header's value is defined by), fed in pieces its uInt length can hold.
    uLong crc = ::crc32(0L, Z_NULL, 0);
    for (std::size_t at = 0; at < bytes.size();) {
        const auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size() - at, 1u << 30));
        crc = ::crc32(crc, reinterpret_cast<const Bytef *>(bytes.data() + at), n);
        at += n;
    }
    return static_cast<std::uint32_t>(crc);
}

std::string newRequestId()
{
    static std::atomic<std::uint64_t> counter{
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
    std::uint64_t state = counter.fetch_add(0x9E3779B97F4A7C15ULL) + 0x9E3779B97F4A7C15ULL;
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string id(52, 'A');
    for (auto &c : id) {
        state ^= state >> 33;
        state *= 0xff51afd7ed558ccdULL;
        state ^= state >> 29;
        c = kAlphabet[state % 36];
    }
    return id;
}

} // namespace orderlab::aws
