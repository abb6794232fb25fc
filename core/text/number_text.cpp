#include "number_text.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace orderlab::text {

namespace {

bool skipDigits(std::string_view s, std::size_t &i)
{
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    return i > start;
}

bool isWholeText(std::string_view s)
{
    std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
    return skipDigits(s, i) && i == s.size();
}

bool isNumberText(std::string_view s)
{
    std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
    const bool whole = skipDigits(s, i);
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!skipDigits(s, i))
            return false;
    } else if (!whole) {
        return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!skipDigits(s, i))
            return false;
    }
    return i == s.size();
}

/// A range's bound as people write it: whole values in digits (100000, not 1e+05), others the shortest way.
std::string shortest(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buffer[32];
    const auto res = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, res.ptr);
}

std::string message(NumberProblem problem, std::string_view what, std::string_view text, const char *kind,
                    const std::string &min, const std::string &max)
{
    const std::string range = std::string(kind) + " from " + min + " to " + max;
    // Appended, not `"'" + std::string(text)`: GCC 12 at -O3 reports a false -Wrestrict on that form.
    std::string quoted(1, '\'');
    quoted.append(text).push_back('\'');
    switch (problem) {
    case NumberProblem::None:
        return {};
    case NumberProblem::NotANumber:
        return std::string(what) + ": " + quoted + " is not a number (it wants " + range + ")";
    case NumberProblem::NotWhole:
        return std::string(what) + ": " + quoted + " is not a whole number (it wants " + range + ")";
    case NumberProblem::OutOfRange:
        break;
    }
    return std::string(what) + " wants " + range + ", got " + quoted;
}

} // namespace

NumberProblem parseNumber(std::string_view text, double min, double max, double &out)
{
    if (!isNumberText(text))
        return NumberProblem::NotANumber;
    double v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec == std::errc::result_out_of_range || !std::isfinite(v))
        return NumberProblem::OutOfRange;
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
        return NumberProblem::NotANumber;
    v += 0.0; // -0 is 0
    if (!(v >= min && v <= max))
        return NumberProblem::OutOfRange;
    out = v;
    return NumberProblem::None;
}

NumberProblem parseWholeNumber(std::string_view text, long long min, long long max, long long &out)
{
    if (!isWholeText(text))
        return isNumberText(text) ? NumberProblem::NotWhole : NumberProblem::NotANumber;
    long long v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || v < min || v > max)
        return NumberProblem::OutOfRange;
    out = v;
    return NumberProblem::None;
}

NumberProblem parseUnsignedWholeNumber(std::string_view text, unsigned long long min, unsigned long long max,
                                       unsigned long long &out)
{
    if (!isWholeText(text))
        return isNumberText(text) ? NumberProblem::NotWhole : NumberProblem::NotANumber;
    unsigned long long v = 0;
    if (text[0] == '-') { // only -0, -00, ... is not below zero
        if (text.find_first_not_of('0', 1) != std::string_view::npos)
            return NumberProblem::OutOfRange;
    } else {
        const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
        if (res.ec != std::errc() || res.ptr != text.data() + text.size())
            return NumberProblem::OutOfRange;
    }
    if (v < min || v > max)
        return NumberProblem::OutOfRange;
    out = v;
    return NumberProblem::None;
}

std::string readNumber(std::string_view what, std::string_view text, double min, double max, double &out)
{
    return message(parseNumber(text, min, max, out), what, text, "a number", shortest(min), shortest(max));
}

std::string readWholeNumber(std::string_view what, std::string_view text, long long min, long long max, long long &out)
{
    return message(parseWholeNumber(text, min, max, out), what, text, "a whole number", std::to_string(min),
                   std::to_string(max));
}

std::string readUnsignedWholeNumber(std::string_view what, std::string_view text, unsigned long long min,
                                    unsigned long long max, unsigned long long &out)
{
    return message(parseUnsignedWholeNumber(text, min, max, out), what, text, "a whole number", std::to_string(min),
                   std::to_string(max));
}

} // namespace orderlab::text
