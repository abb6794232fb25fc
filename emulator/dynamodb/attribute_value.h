#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orderlab::js {
class Value;
}

/// DynamoDB attribute values as the fake table stores them (`docs/stream-and-mapping.md`, "Attribute values").
namespace orderlab::dynamodb {

class AttributeValue;

/// An item, or the entries of an `M`: attributes in the order they were last written, names unique.
using AttributeMap = std::vector<std::pair<std::string, AttributeValue>>;

/// A write DynamoDB would refuse with `ValidationException`. `what()` is
/// "ValidationException: <message>"; `message()` is the message alone.
class ValidationError : public std::runtime_error
{
  public:
    explicit ValidationError(const std::string &message);
    const std::string &message() const { return m_message; }

  private:
    std::string m_message;
};

/**
 * One DynamoDB attribute value: an immutable value type (copies are deep; share freely between
 * threads once built).
 *
 * Every value a factory returns is valid for DynamoDB: numbers are canonical decimal text
 * (never doubles), binary is raw bytes, sets are non-empty without duplicates, map entry names
 * are unique, nesting stays within kMaxNestingLevel (which also bounds every recursion over a
 * value). The factories that could be given invalid input throw ValidationError with DynamoDB's
 * wording.
 */
class AttributeValue
{
  public:
    enum class Type { S, N, B, BOOL, NUL, L, M, SS, NS, BS };

    /// `{"NULL":true}`.
    AttributeValue() = default;

    static AttributeValue string(std::string s);
    /// Canonicalises `text` (see canonicalNumber); throws ValidationError.
    static AttributeValue number(std::string_view text);
    static AttributeValue binary(std::string bytes);
    static AttributeValue boolean(bool b);
    static AttributeValue null();
    /// L and M throw ValidationError when the result would nest deeper than kMaxNestingLevel.
    static AttributeValue list(std::vector<AttributeValue> items);
    /// Also throws ValidationError when two entries share a name.
    static AttributeValue map(AttributeMap entries);
    /// Sets keep the given order; they throw ValidationError when empty or with duplicates
    /// (numbers compared in canonical form, so `1` and `1.0` are duplicates).
    static AttributeValue stringSet(std::vector<std::string> items);
    static AttributeValue numberSet(std::vector<std::string> items);
    static AttributeValue binarySet(std::vector<std::string> items);

    Type type() const { return m_type; }
    /// S (UTF-8), N (canonical decimal), B (raw bytes); empty for other types.
    const std::string &text() const { return m_text; }
    /// BOOL; false for other types.
    bool boolean() const { return m_bool; }
    /// L; empty for other types.
    const std::vector<AttributeValue> &list() const { return m_list; }
    /// M; empty for other types.
    const AttributeMap &map() const { return m_map; }
    /// SS (UTF-8), NS (canonical decimal), BS (raw bytes), in stored order; empty for other types.
    const std::vector<std::string> &set() const { return m_set; }

    bool isSet() const { return m_type == Type::SS || m_type == Type::NS || m_type == Type::BS; }
    /// The deepest level in this value, counting itself as 1 (a scalar, an empty L or M: 1).
    int nestingLevel() const { return m_level; }

    /// Same type and value. M and sets compare regardless of order, L in order, N by canonical text.
    bool operator==(const AttributeValue &other) const;

  private:
    Type m_type = Type::NUL;
    bool m_bool = false;
    int m_level = 1;
    std::string m_text;
    std::vector<AttributeValue> m_list;
    AttributeMap m_map;
    std::vector<std::string> m_set;
};

/// The type's key in AttributeValue JSON: "S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS".
std::string_view typeName(AttributeValue::Type type);

/// Deepest level an attribute value may sit at: a top-level attribute is level 1, an element of
/// an L or M one level below its container. DynamoDB accepts 31 nested containers, not 32.
inline constexpr int kMaxNestingLevel = 32;

/// DynamoDB's message for a value nested deeper than kMaxNestingLevel.
inline constexpr std::string_view kNestingLevelsMessage =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

/// DynamoDB's item size limit (400 KB), counted by sizeBytes.
inline constexpr std::size_t kMaxItemSize = 400 * 1024;

/**
 * DynamoDB's canonical text of a number: "1E+2"→"100", "100.0"→"100", "-0"→"0",
 * "1E-7"→"0.0000001", "+.5"→"0.5". Accepts an optional sign, digits with at most one point
 * (".5" and "5." too), and an optional exponent; no spaces, no NaN or Infinity.
 * @throws ValidationError "The parameter cannot be converted to a numeric value: <text>",
 *         "Attempting to store more than 38 significant digits in a Number",
 *         "Number overflow. Attempting to store a number with magnitude larger than supported range",
 *         "Number underflow. Attempting to store a number with magnitude smaller than supported range".
 */
std::string canonicalNumber(std::string_view text);

/**
 * One AttributeValue in DynamoDB JSON API form (`{"S":"x"}`, `{"N":"1"}`, `{"B":"AQI="}`, …):
 * exactly one type key, B/BS as strict base64 (decoded to bytes), sets non-empty without
 * duplicates, N canonicalised, nesting within kMaxNestingLevel (this value counting as level 1).
 * @throws ValidationError; the message ends with the attribute path when there is one,
 *         e.g. "... (attribute items[0].price)".
 */
AttributeValue parseAttributeValue(const js::Value &json);

/// `{"name": AttributeValue, ...}`; names keep the JSON object's order (JavaScript order: array-index
/// names such as "10" first). @throws ValidationError naming the attribute path.
AttributeMap parseItem(const js::Value &json);

/// parseItem over JSON text; a JSON syntax error is a ValidationError too.
AttributeMap parseItemJson(std::string_view json);

/// AttributeValue JSON without spaces, strings escaped as `JSON.stringify` does, B/BS as padded
/// standard base64, map entries and set elements in stored order.
void appendJson(std::string &out, const AttributeValue &v);
/// `{"name":AttributeValue,...}` in stored order.
void appendItemJson(std::string &out, const AttributeMap &item);
std::string itemJson(const AttributeMap &item);

/// The SizeBytes rule (`docs/stream-and-mapping.md`, "SizeBytes"): Σ (UTF-8 name length + valueSize).
std::size_t sizeBytes(const AttributeMap &item);
/// S bytes; N ⌈significant digits / 2⌉ + 1; B bytes; BOOL, NULL 1; sets Σ elements;
/// L, M 3 + Σ (1 + element size), an M element also counting its name.
std::size_t valueSize(const AttributeValue &v);

/// Same attribute names with equal values, in any order.
bool sameItem(const AttributeMap &a, const AttributeMap &b);

/// The attribute called `name`, or nullptr.
const AttributeValue *find(const AttributeMap &item, std::string_view name);

} // namespace orderlab::dynamodb
