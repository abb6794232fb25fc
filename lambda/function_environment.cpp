#include "function_environment.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace orderlab::lambda {

namespace {

/// The keys Lambda sets itself and refuses in a function's configuration.
constexpr std::string_view kReserved[] = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
};

constexpr std::size_t kMaxBytes = 4096;

bool validName(const std::string &name)
{
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (name.size() < 2 || !letter(name[0]))
        return false;
    return std::all_of(name.begin() + 1, name.end(), [&](char c) { return letter(c) || digit(c) || c == '_'; });
}

void appendJsonString(std::string &out, const std::string &s)
{
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

} // namespace

std::optional<std::string> checkFunctionEnvironment(const EnvironmentVariables &variables)
{
    for (const auto &[name, value] : variables)
        if (!validName(name))
            return "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map "
                   "keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                   "[a-zA-Z]([a-zA-Z0-9_])+] (the name '" +
                   name + "')";
    std::string reserved;
    for (const auto &[name, value] : variables)
        if (std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved))
            reserved += (reserved.empty() ? "" : ", ") + name;
    if (!reserved.empty())
        return "Lambda was unable to configure your environment variables because the environment variables you have "
               "provided contains reserved keys that are currently not supported for modification. Reserved keys "
               "used in this request: " +
               reserved;
    std::set<std::string> seen;
    for (const auto &[name, value] : variables)
        if (!seen.insert(name).second)
            return "the variable " + name + " is given twice";
    std::string measured = "{";
    for (const auto &[name, value] : variables) {
        if (measured.size() > 1)
            measured += ',';
        appendJsonString(measured, name);
        measured += ':';
        appendJsonString(measured, value);
    }
    measured += '}';
    if (measured.size() > kMaxBytes)
        return "Lambda was unable to configure your environment variables because the environment variables you have "
               "provided exceeded the 4KB limit. String measured: " +
               std::to_string(measured.size()) + " bytes";
    return std::nullopt;
}

EnvironmentVariables serviceEndpointVariables(const std::string &baseUrl)
{
    return {{"AWS_ENDPOINT_URL_DYNAMODB", baseUrl},
            {"AWS_ENDPOINT_URL_DYNAMODB_STREAMS", baseUrl},
            {"AWS_ENDPOINT_URL_SECRETS_MANAGER", baseUrl}};
}

} // namespace orderlab::lambda
