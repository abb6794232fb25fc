#pragma once

#include "value.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

/// `JSON.parse` and `JSON.stringify`, byte-exact with V8.
namespace orderlab::js {

/// Deepest nesting parse, stringify and unmarshall accept; deeper input is an error, never a stack overflow.
inline constexpr int kMaxDepth = 1000;

/// A JSON text that `JSON.parse` rejects; `offset` is the byte offset of the problem.
class JsonParseError : public std::runtime_error
{
  public:
    JsonParseError(const std::string &what, std::size_t offset) : std::runtime_error(what), m_offset(offset) {}
    std::size_t offset() const { return m_offset; }

  private:
    std::size_t m_offset;
};

/**
 * `JSON.parse(text)`. `text` is UTF-8 (WTF-8 is accepted too); escapes may produce lone
 * surrogates, which survive. Throws JsonParseError naming the byte offset.
 */
Value parseJson(std::string_view text);

/// Checks that `JSON.parse(text)` would succeed, without building anything; throws JsonParseError as parseJson does.
void checkJson(std::string_view text);

/**
 * `JSON.stringify(value)` appended to `out`. Returns false (appending nothing) where
 * JavaScript returns `undefined` (an undefined top-level value). Throws JsError
 * `TypeError: Do not know how to serialize a BigInt` on a BigInt, as JavaScript does.
 */
bool stringifyJson(const Value &value, std::string &out);

/// `JSON.stringify(value)`, or nothing where JavaScript returns `undefined`.
std::optional<std::string> stringifyJson(const Value &value);

/// Appends `s` (WTF-8) as a JSON string literal, escaped as well-formed `JSON.stringify` escapes it.
void appendQuoted(std::string &out, std::string_view s);

} // namespace orderlab::js
