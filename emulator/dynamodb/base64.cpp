#include "base64.h"

#include <array>
#include <cstdint>

namespace orderlab::dynamodb {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> makeDecodeTable()
{
    std::array<std::int8_t, 256> table{};
    for (auto &entry : table)
        entry = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}

constexpr std::array<std::int8_t, 256> kDecode = makeDecodeTable();

std::optional<std::string> failWith(std::string *error, std::string reason)
{
    if (error)
        *error = std::move(reason);
    return std::nullopt;
}

} // namespace

void appendBase64(std::string &out, std::string_view bytes)
{
    out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 0x3f];
        out += kAlphabet[(v >> 6) & 0x3f];
        out += kAlphabet[v & 0x3f];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0)
        return;
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2)
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 0x3f];
    out += rest == 2 ? kAlphabet[(v >> 6) & 0x3f] : '=';
    out += '=';
}

std::string base64Encode(std::string_view bytes)
{
    std::string out;
    appendBase64(out, bytes);
    return out;
}

std::optional<std::string> base64Decode(std::string_view text, std::string *error)
{
    if (text.size() % 4 != 0)
        return failWith(error, "Base64 encoded length is expected a multiple of 4 bytes but found: " +
                                   std::to_string(text.size()));
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=')
        padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
    const std::size_t dataChars = text.size() - padding;
    for (std::size_t i = 0; i < dataChars; ++i) {
        if (kDecode[static_cast<unsigned char>(text[i])] < 0)
            return failWith(error, std::string("Invalid Base64 character: '") + text[i] + "'");
    }
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < dataChars; ++i) {
        acc = (acc << 6) | static_cast<std::uint32_t>(kDecode[static_cast<unsigned char>(text[i])]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    // A final group of 2 or 3 characters leaves 4 or 2 bits over; they must be zero.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return failWith(error, "Invalid last non-pad Base64 character dectected"); // sic: DynamoDB's wording
    return out;
}

} // namespace orderlab::dynamodb
