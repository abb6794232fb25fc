#include "momento_credentials.h"

#include "js/json.h"

#include <array>
#include <cctype>

namespace orderlab::runtime {

namespace {

/// Base64 (standard or url alphabet, padding optional); nothing for any other character.
std::optional<std::string> base64Decode(const std::string &text)
{
    std::array<int, 256> value{};
    value.fill(-1);
    const std::string standard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < standard.size(); ++i)
        value[static_cast<unsigned char>(standard[i])] = static_cast<int>(i);
    value['-'] = 62;
    value['_'] = 63;
    std::string out;
    unsigned bits = 0;
    int count = 0;
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '=')
        --end;
    for (std::size_t i = 0; i < end; ++i) {
        const int v = value[static_cast<unsigned char>(text[i])];
        if (v < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<unsigned>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

/// Whether `text` is base64 that re-encodes to itself (the SDK's test): the standard alphabet, padded to 4.
bool isStandardBase64(const std::string &text)
{
    if (text.empty() || text.size() % 4 != 0)
        return false;
    const auto end = text.find_last_not_of('=');
    if (end == std::string::npos || text.size() - end - 1 > 2)
        return false;
    for (std::size_t i = 0; i <= end; ++i) {
        const char c = text[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/')
            return false;
    }
    return true;
}

/// The string member `name` of a JSON object text; empty when absent or not a string.
std::string member(const js::Value &object, const char *name)
{
    if (!object.isObject())
        return {};
    const js::Value *v = object.asObject()->find(name);
    return v && v->isString() ? v->asString() : std::string();
}

std::optional<js::Value> parsed(const std::string &text)
{
    try {
        return js::parseJson(text);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

bool hasPort(const std::string &hostPort)
{
    const auto colon = hostPort.rfind(':');
    const auto bracket = hostPort.rfind(']');
    return colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
}

} // namespace

std::optional<MomentoConnection> momentoConnection(const std::string &apiKey, const std::string &endpointOverride,
                                                   std::string &error)
{
    MomentoConnection c;
    if (apiKey.empty()) {
        error = "the Momento API key is empty";
        return std::nullopt;
    }
    if (const auto decoded = isStandardBase64(apiKey) ? base64Decode(apiKey) : std::nullopt) {
        const auto v1 = parsed(*decoded);
        const std::string endpoint = v1 ? member(*v1, "endpoint") : std::string();
        const std::string key = v1 ? member(*v1, "api_key") : std::string();
        if (endpoint.empty() || key.empty()) {
            error = "the Momento API key is base64 but not a v1 key (a JSON object with endpoint and api_key)";
            return std::nullopt;
        }
        c.target = "cache." + endpoint + ":443";
        c.authorization = key;
    } else {
        const auto first = apiKey.find('.'), second = apiKey.find('.', first + 1);
        const auto payload = first == std::string::npos || second == std::string::npos
                                 ? std::nullopt
                                 : base64Decode(apiKey.substr(first + 1, second - first - 1));
        const auto claims = payload ? parsed(*payload) : std::nullopt;
        const std::string cache = claims ? member(*claims, "c") : std::string();
        if (cache.empty()) {
            error = "the Momento API key is neither a v1 key nor a JWT with the claim c (its cache endpoint)";
            return std::nullopt;
        }
        c.target = hasPort(cache) ? cache : cache + ":443";
        c.authorization = apiKey;
    }
    if (!endpointOverride.empty()) {
        std::string target = endpointOverride;
        if (target.rfind("http://", 0) == 0) {
            c.tls = false;
            target = target.substr(7);
        } else if (target.rfind("https://", 0) == 0) {
            target = target.substr(8);
        }
        while (!target.empty() && target.back() == '/')
            target.pop_back();
        if (target.empty()) {
            error = "MOMENTO_ENDPOINT names no host: '" + endpointOverride + "'";
            return std::nullopt;
        }
        c.target = hasPort(target) ? target : target + (c.tls ? ":443" : ":80");
    }
    return c;
}

std::optional<std::string> apiKeyFromSecret(const std::string &secretString, std::string &error)
{
    const auto json = parsed(secretString);
    if (!json || !json->isObject())
        return secretString;
    const std::string key = member(*json, "momento");
    if (key.empty()) {
        error = "the secret is a JSON object without a string member \"momento\" (the Momento API key)";
        return std::nullopt;
    }
    return key;
}

} // namespace orderlab::runtime
