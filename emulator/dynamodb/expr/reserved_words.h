#pragma once

#include <cstddef>
#include <string_view>

namespace orderlab::dynamodb::expr {

/// True when `name` is one of DynamoDB's reserved words, compared case-insensitively ("Name", "name").
/// A bare attribute name that is reserved must be written with an ExpressionAttributeNames placeholder.
bool isReservedWord(std::string_view name);

/// How many words the list holds (573).
std::size_t reservedWordCount();

} // namespace orderlab::dynamodb::expr
