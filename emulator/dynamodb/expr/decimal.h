#pragma once

#include <string>
#include <string_view>

/// Exact arithmetic on DynamoDB numbers in canonical text (`canonicalNumber`), never through doubles.
namespace orderlab::dynamodb::expr {

/// -1, 0 or 1 as `a` is numerically below, equal to or above `b`; both must be canonical text.
int compareNumbers(std::string_view a, std::string_view b);

/// The canonical text of `a + b` and `a - b` (both canonical). Exact; a result DynamoDB cannot store
/// throws ValidationError with canonicalNumber's message (more than 38 significant digits, overflow,
/// underflow).
std::string addNumbers(std::string_view a, std::string_view b);
std::string subtractNumbers(std::string_view a, std::string_view b);

} // namespace orderlab::dynamodb::expr
