#pragma once

#include "attribute_value.h"

#include <optional>
#include <string>
#include <string_view>

/// A table's key schema and the rules DynamoDB applies to key attributes (docs/stream-and-mapping.md, "The table").
namespace orderlab::dynamodb {

/// The scalar types a key attribute may have.
enum class KeyType { S, N, B };

/// "S", "N" or "B".
std::string_view keyTypeName(KeyType type);
/// Parses "S", "N" or "B"; nullopt otherwise.
std::optional<KeyType> parseKeyType(std::string_view text);
/// The AttributeValue type a key attribute of `type` holds.
AttributeValue::Type attributeTypeOf(KeyType type);
/// Orders two key texts of `type` as DynamoDB sorts keys (numbers by value, S and B by bytes); an empty text
/// (no range key) sorts first. Negative, zero or positive.
int compareKeyText(const std::string &a, const std::string &b, KeyType type);

struct KeyAttribute
{
    std::string name;
    KeyType type = KeyType::S;
    bool operator==(const KeyAttribute &) const = default;
};

/// A hash key and an optional range key.
struct KeySchema
{
    KeyAttribute hash{"pk", KeyType::S};
    std::optional<KeyAttribute> range;
    bool operator==(const KeySchema &) const = default;
};

/// An item's key as the table indexes it: the key values' texts (S as UTF-8, N canonical, B raw
/// bytes); `range` is empty for a hash-only table.
struct ItemKey
{
    std::string hash;
    std::string range;
};

/// Orders keys by hash bytes, then by range as DynamoDB sorts a range key of `rangeType`
/// (N numerically, S and B byte-wise). An empty range (which no stored item of a table with a range
/// key has) sorts first: {hash, ""} is where that hash key's partition starts.
struct ItemKeyLess
{
    KeyType rangeType = KeyType::S;
    bool operator()(const ItemKey &a, const ItemKey &b) const;
};

/**
 * Checks the key attributes of a whole item (PutItem) and returns its key.
 * @throws ValidationError with DynamoDB's texts: "Missing the key X in the item", "Type mismatch
 *         for key X expected: S actual: N", empty S/B key values, a hash key over 2048 bytes,
 *         a range key over 1024 bytes.
 */
ItemKey itemKey(const KeySchema &schema, const AttributeMap &item);

/**
 * Checks a `Key` parameter (GetItem, DeleteItem, ...): exactly the schema's attributes with
 * their types, else "The provided key element does not match the schema"; then the value rules
 * of itemKey. @throws ValidationError.
 */
ItemKey keyOf(const KeySchema &schema, const AttributeMap &key);

/// The key attributes of `item` (which itemKey accepted), hash first.
AttributeMap keyAttributes(const KeySchema &schema, const AttributeMap &item);

/// The AttributeValue of a key text of `type`.
AttributeValue keyValue(KeyType type, const std::string &text);

} // namespace orderlab::dynamodb
