#include "numbers.h"

#include "wtf8.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace orderlab::js {

void appendNumber(std::string &out, double x)
{
    if (std::isnan(x)) {
        out += "NaN";
        return;
    }
    if (x == 0) {
        out += '0';
        return;
    }
    if (std::isinf(x)) {
        out += x < 0 ? "-Infinity" : "Infinity";
        return;
    }
    if (x < 0) {
        out += '-';
        x = -x;
    }
    // Shortest round-trip digits, closest to x: what ECMAScript's Number::toString asks for.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    auto epos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, epos)) {
        if (c != '.')
            digits += c;
    }
    int e10 = std::atoi(std::string(sci.substr(epos + 1)).c_str());
    const int k = static_cast<int>(digits.size());
    const int n = e10 + 1;
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n), std::string::npos);
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += 'e';
        out += (n - 1) < 0 ? '-' : '+';
        out += std::to_string(std::abs(n - 1));
    }
}

std::string numberToString(double x)
{
    std::string s;
    appendNumber(s, x);
    return s;
}

bool isJsWhiteSpace(std::uint32_t cp)
{
    switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

namespace {

std::string_view trimJs(std::string_view s)
{
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t p = start;
        if (!isJsWhiteSpace(wtf8::decode(s, p)))
            break;
        start = p;
    }
    std::size_t end = s.size();
    while (end > start) {
        std::size_t back = end - 1;
        while (back > start && (static_cast<unsigned char>(s[back]) & 0xC0) == 0x80)
            --back;
        std::size_t p = back;
        if (!isJsWhiteSpace(wtf8::decode(s, p)) || p != end)
            break;
        end = back;
    }
    return s.substr(start, end - start);
}

int digitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/// Decimal digits of the integer written in `radix` (digits already validated), no leading zeros.
std::string radixToDecimal(std::string_view digits, int radix)
{
    std::vector<std::uint32_t> limbs{0}; // base 1e9, little-endian
    // Several digits per pass over the limbs: multiplier <= 2^32, so limb * multiplier + carry fits in 64 bits.
    for (std::size_t i = 0; i < digits.size();) {
        std::uint64_t multiplier = 1, carry = 0;
        for (; i < digits.size() && multiplier * static_cast<std::uint64_t>(radix) <= (1ULL << 32); ++i) {
            multiplier *= static_cast<std::uint64_t>(radix);
            carry = carry * static_cast<std::uint64_t>(radix) + static_cast<std::uint64_t>(digitValue(digits[i]));
        }
        for (auto &limb : limbs) {
            std::uint64_t v = static_cast<std::uint64_t>(limb) * multiplier + carry;
            limb = static_cast<std::uint32_t>(v % 1000000000ULL);
            carry = v / 1000000000ULL;
        }
        while (carry) {
            limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000ULL));
            carry /= 1000000000ULL;
        }
    }
    std::string out = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
        out += buf;
    }
    return out;
}

std::string stripLeadingZeros(std::string_view digits)
{
    std::size_t i = 0;
    while (i + 1 < digits.size() && digits[i] == '0')
        ++i;
    return std::string(digits.substr(i));
}

bool allDigits(std::string_view s, int radix)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (digitValue(c) >= radix)
            return false;
    }
    return true;
}

int prefixRadix(std::string_view s)
{
    if (s.size() > 2 && s[0] == '0') {
        switch (s[1]) {
        case 'x':
        case 'X':
            return 16;
        case 'o':
        case 'O':
            return 8;
        case 'b':
        case 'B':
            return 2;
        default:
            break;
        }
    }
    return 0;
}

double decimalToDouble(const std::string &s)
{
    return std::strtod(s.c_str(), nullptr); // glibc rounds correctly; overflow gives HUGE_VAL = Infinity
}

} // namespace

double stringToNumber(std::string_view input)
{
    std::string_view s = trimJs(input);
    if (s.empty())
        return 0.0;
    if (int radix = prefixRadix(s)) {
        std::string_view body = s.substr(2);
        if (!allDigits(body, radix))
            return NAN;
        return decimalToDouble(radixToDecimal(body, radix));
    }
    bool negative = false;
    std::string_view body = s;
    if (body[0] == '+' || body[0] == '-') {
        negative = body[0] == '-';
        body.remove_prefix(1);
    }
    if (body == "Infinity")
        return negative ? -INFINITY : INFINITY;
    // StrUnsignedDecimalLiteral: digits [. digits] [e[+-]digits] | . digits [e...]
    std::size_t i = 0, intDigits = 0, fracDigits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
        ++i;
        ++intDigits;
    }
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
            ++i;
            ++fracDigits;
        }
    }
    if (intDigits + fracDigits == 0)
        return NAN;
    std::size_t mantissaEnd = i;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            ++i;
        std::size_t expDigits = 0;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return NAN;
    }
    if (i != body.size())
        return NAN;
    std::string text;
    if (intDigits == 0)
        text = "0";
    text.append(body.substr(0, mantissaEnd));
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    text.append(body.substr(mantissaEnd));
    double d = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), d);
    if (res.ec == std::errc::result_out_of_range) {
        // Overflow or underflow: decide by the decimal exponent.
        d = std::strtod(text.c_str(), nullptr);
    }
    return negative ? -d : d;
}

std::optional<BigInt> stringToBigInt(std::string_view input)
{
    std::string_view s = trimJs(input);
    BigInt b;
    if (s.empty())
        return b;
    if (int radix = prefixRadix(s)) {
        std::string_view body = s.substr(2);
        if (!allDigits(body, radix))
            return std::nullopt;
        b.magnitude = radixToDecimal(body, radix);
        return b;
    }
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (!allDigits(s, 10))
        return std::nullopt;
    b.magnitude = stripLeadingZeros(s);
    b.negative = negative && b.magnitude != "0";
    return b;
}

std::optional<BigInt> numberToBigInt(double d)
{
    if (!std::isfinite(d) || std::trunc(d) != d)
        return std::nullopt;
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(d)); // glibc prints integral doubles exactly
    BigInt b;
    b.magnitude = buf;
    b.negative = d < 0 && b.magnitude != "0";
    return b;
}

bool bigIntEqualsNumber(const BigInt &b, double d)
{
    auto asBig = numberToBigInt(d);
    return asBig && *asBig == b;
}

} // namespace orderlab::js
