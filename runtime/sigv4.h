#pragma once

#include <string>
#include <utility>
#include <vector>

namespace orderlab::runtime {

/// AWS credentials as a Lambda function gets them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
struct AwsCredentials
{
    std::string accessKeyId;
    std::string secretAccessKey;
    std::string sessionToken; ///< empty: none
};

/// One request to sign: `headers` are the ones sent (names in any case); `host` must be among them.
struct SigningRequest
{
    std::string method = "POST";
    std::string path = "/";
    std::string query; ///< already in canonical form (sorted, encoded); empty: none
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string region;
    std::string service;
    std::string amzDate; ///< YYYYMMDDTHHMMSSZ, also sent as X-Amz-Date
};

/// SHA-256 of `data` in lower-case hex.
std::string sha256Hex(const std::string &data);

/**
 * The `Authorization` header of AWS Signature Version 4 (docs/orderlab-lambda.md, "Secrets Manager"): every
 * header of the request signed, names lower-cased and sorted, values trimmed. Thread-safe; no I/O.
 */
std::string sigV4Authorization(const SigningRequest &request, const AwsCredentials &credentials);

} // namespace orderlab::runtime
