#include "decimal.h"

#include "dynamodb/attribute_value.h"

#include <algorithm>
#include <cstddef>

namespace orderlab::dynamodb::expr {

namespace {

/// A canonical number split into sign, integer digits ("" for zero) and fraction digits.
struct Parts
{
    bool negative = false;
    std::string integer;
    std::string fraction;
};

Parts split(std::string_view text)
{
    Parts p;
    if (!text.empty() && text.front() == '-') {
        p.negative = true;
        text.remove_prefix(1);
    }
    const std::size_t point = text.find('.');
    std::string_view integer = text.substr(0, point);
    if (point != std::string_view::npos)
        p.fraction = std::string(text.substr(point + 1));
    while (!integer.empty() && integer.front() == '0')
        integer.remove_prefix(1);
    p.integer = std::string(integer);
    return p;
}

/// Compares magnitudes.
int compareMagnitude(const Parts &a, const Parts &b)
{
    if (a.integer.size() != b.integer.size())
        return a.integer.size() < b.integer.size() ? -1 : 1;
    if (const int c = a.integer.compare(b.integer); c != 0)
        return c < 0 ? -1 : 1;
    const std::size_t n = std::max(a.fraction.size(), b.fraction.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = i < a.fraction.size() ? a.fraction[i] : '0';
        const char y = i < b.fraction.size() ? b.fraction[i] : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

bool isZero(const Parts &p)
{
    return p.integer.empty() && p.fraction.find_first_not_of('0') == std::string::npos;
}

/// The digits of `p` scaled by 10^fractionDigits, padded on the left to `width`.
std::string scaled(const Parts &p, std::size_t fractionDigits, std::size_t width)
{
    std::string digits = p.integer + p.fraction;
    digits.append(fractionDigits - p.fraction.size(), '0');
    return std::string(width - digits.size(), '0') + digits;
}

/// `a + b` (or `a - b` when `subtract`), exact, as plain decimal text for canonicalNumber.
std::string combine(std::string_view left, std::string_view right, bool subtract)
{
    Parts a = split(left);
    Parts b = split(right);
    if (subtract)
        b.negative = !b.negative;
    const std::size_t fractionDigits = std::max(a.fraction.size(), b.fraction.size());
    const std::size_t width = std::max(a.integer.size(), b.integer.size()) + fractionDigits + 1;
    const std::string x = scaled(a, fractionDigits, width);
    const std::string y = scaled(b, fractionDigits, width);
    std::string out(width, '0');
    bool negative = false;
    if (a.negative == b.negative) {
        negative = a.negative;
        int carry = 0;
        for (std::size_t i = width; i-- > 0;) {
            const int sum = (x[i] - '0') + (y[i] - '0') + carry;
            out[i] = static_cast<char>('0' + sum % 10);
            carry = sum / 10;
        }
    } else {
        // Subtract the smaller magnitude from the larger; the sign is the larger's.
        const int order = compareMagnitude(a, b);
        if (order == 0)
            return "0";
        const std::string &big = order > 0 ? x : y;
        const std::string &small = order > 0 ? y : x;
        negative = order > 0 ? a.negative : b.negative;
        int borrow = 0;
        for (std::size_t i = width; i-- > 0;) {
            int d = (big[i] - '0') - (small[i] - '0') - borrow;
            borrow = d < 0 ? 1 : 0;
            if (d < 0)
                d += 10;
            out[i] = static_cast<char>('0' + d);
        }
    }
    std::string text = negative ? "-" : "";
    text += out.substr(0, width - fractionDigits);
    if (fractionDigits > 0)
        text += "." + out.substr(width - fractionDigits);
    return text;
}

} // namespace

int compareNumbers(std::string_view a, std::string_view b)
{
    const Parts x = split(a);
    const Parts y = split(b);
    const bool xNegative = x.negative && !isZero(x);
    const bool yNegative = y.negative && !isZero(y);
    if (xNegative != yNegative)
        return xNegative ? -1 : 1;
    const int magnitude = compareMagnitude(x, y);
    return xNegative ? -magnitude : magnitude;
}

std::string addNumbers(std::string_view a, std::string_view b)
{
    return canonicalNumber(combine(a, b, false));
}

std::string subtractNumbers(std::string_view a, std::string_view b)
{
    return canonicalNumber(combine(a, b, true));
}

} // namespace orderlab::dynamodb::expr
