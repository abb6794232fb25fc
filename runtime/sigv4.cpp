#include "sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace orderlab::runtime {

namespace {

std::string hex(const unsigned char *data, std::size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xf];
    }
    return out;
}

std::string hmac(const std::string &key, const std::string &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
         data.size(), out, &size);
    return std::string(reinterpret_cast<const char *>(out), size);
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trimmed(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::string sha256Hex(const std::string &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out, &size, EVP_sha256(), nullptr);
    return hex(out, size);
}

std::string sigV4Authorization(const SigningRequest &request, const AwsCredentials &credentials)
{
    std::map<std::string, std::string> headers;
    for (const auto &[name, value] : request.headers) {
        auto &slot = headers[lower(name)];
        slot = slot.empty() ? trimmed(value) : slot + "," + trimmed(value);
    }
    std::string canonicalHeaders, signedHeaders;
    for (const auto &[name, value] : headers) {
        canonicalHeaders += name + ":" + value + "\n";
        signedHeaders += (signedHeaders.empty() ? "" : ";") + name;
    }
    const std::string canonicalRequest = request.method + "\n" + request.path + "\n" + request.query + "\n" +
                                         canonicalHeaders + "\n" + signedHeaders + "\n" + sha256Hex(request.body);
    const std::string date = request.amzDate.substr(0, 8);
    const std::string scope = date + "/" + request.region + "/" + request.service + "/aws4_request";
    const std::string toSign =
        "AWS4-HMAC-SHA256\n" + request.amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    const std::string key = hmac(
        hmac(hmac(hmac("AWS4" + credentials.secretAccessKey, date), request.region), request.service), "aws4_request");
    const std::string signature = hmac(key, toSign);
    return "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders +
           ", Signature=" + hex(reinterpret_cast<const unsigned char *>(signature.data()), signature.size());
}

} // namespace orderlab::runtime
