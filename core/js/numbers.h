#pragma once

#include "value.h"

#include <optional>
#include <string>
#include <string_view>

/// JavaScript's number and BigInt conversions, byte-exact with V8.
namespace orderlab::js {

/// ECMAScript Number::toString(x) (radix 10): `0.1`, `1e-7`, `1e+21`, `-0` as `0`, `NaN`, `Infinity`.
std::string numberToString(double x);
void appendNumber(std::string &out, double x);

/// ECMAScript StringToNumber: trims JavaScript white space; empty is 0; decimal, `Infinity`,
/// `0x`/`0o`/`0b` literals; anything else is NaN. Decimal text is rounded correctly.
double stringToNumber(std::string_view s);

/// ECMAScript StringToBigInt: trims white space; empty is 0n; signed decimal or unsigned
/// `0x`/`0o`/`0b` integer. Returns nothing where JavaScript's `BigInt(s)` throws a SyntaxError.
std::optional<BigInt> stringToBigInt(std::string_view s);

/// The exact integer value of an integral double as a BigInt (`BigInt(d)`); nothing if not integral.
std::optional<BigInt> numberToBigInt(double d);

/// Mathematical equality of a BigInt and a Number (`1n == 1`).
bool bigIntEqualsNumber(const BigInt &b, double d);

/// True for JavaScript WhiteSpace and LineTerminator code points (what `String.prototype.trim` removes).
bool isJsWhiteSpace(std::uint32_t cp);

} // namespace orderlab::js
