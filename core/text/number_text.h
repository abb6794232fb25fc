#pragma once

#include <string>
#include <string_view>

namespace orderlab::text {

/// What is wrong with the text of a number (docs/command-line.md, "Numbers").
enum class NumberProblem {
    None,       ///< a number in range
    NotANumber, ///< not the grammar: nan, inf, hex, '+', spaces, empty, trailing junk, ...
    NotWhole,   ///< a decimal number where a whole number is wanted (1.5, 1e3)
    OutOfRange, ///< the grammar, but outside [min, max] or beyond what the type holds (1e999, 2^63)
};

/// The one strict number grammar of every option and fault spec: all of `text`, nothing around it,
///   number  = ["-"] (digits ["." digits] | "." digits) [("e" | "E") ["+" | "-"] digits]
///   whole   = ["-"] digits
/// with ASCII digits only. `out` is set only when the result is None. -0 reads as 0.
/// Pure functions of their arguments (no locale), callable from any thread.
NumberProblem parseNumber(std::string_view text, double min, double max, double &out);
NumberProblem parseWholeNumber(std::string_view text, long long min, long long max, long long &out);
NumberProblem parseUnsignedWholeNumber(std::string_view text, unsigned long long min, unsigned long long max,
                                       unsigned long long &out);

/// The same, with the error text for `what` (a flag such as "--heartbeat", a fault field such as "p"):
/// empty when `text` is good (and `out` set), else one of
///   "<what>: '<text>' is not a number (it wants a number from <min> to <max>)"
///   "<what>: '<text>' is not a whole number (it wants a whole number from <min> to <max>)"
///   "<what> wants a whole number from <min> to <max>, got '<text>'"
std::string readNumber(std::string_view what, std::string_view text, double min, double max, double &out);
std::string readWholeNumber(std::string_view what, std::string_view text, long long min, long long max, long long &out);
std::string readUnsignedWholeNumber(std::string_view what, std::string_view text, unsigned long long min,
                                    unsigned long long max, unsigned long long &out);

} // namespace orderlab::text
