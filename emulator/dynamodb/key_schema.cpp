#include "key_schema.h"

#include "expr/decimal.h"

#include <algorithm>

namespace orderlab::dynamodb {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr std::size_t kMaxHashKeySize = 2048;
constexpr std::size_t kMaxRangeKeySize = 1024;

/// Checks one key attribute's value; returns its text.
const std::string &checkedKeyText(const KeyAttribute &attribute, const AttributeValue &value, bool isRange)
{
    if (value.type() != attributeTypeOf(attribute.type))
        throw ValidationError(kInvalid + "Type mismatch for key " + attribute.name +
                              " expected: " + std::string(keyTypeName(attribute.type)) +
                              " actual: " + std::string(typeName(value.type())));
    if (value.text().empty() && attribute.type != KeyType::N)
        throw ValidationError("One or more parameter values are not valid. The AttributeValue for a key attribute "
                              "cannot contain an empty " +
                              std::string(attribute.type == KeyType::S ? "string" : "binary") +
                              " value. Key: " + attribute.name);
    if (!isRange && value.text().size() > kMaxHashKeySize)
        throw ValidationError(kInvalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"); // sic
    if (isRange && value.text().size() > kMaxRangeKeySize)
        throw ValidationError(kInvalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    return value.text();
}

} // namespace

std::string_view keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::N:
        return "N";
    case KeyType::B:
        return "B";
    case KeyType::S:
        break;
    }
    return "S";
}

std::optional<KeyType> parseKeyType(std::string_view text)
{
    if (text == "S")
        return KeyType::S;
    if (text == "N")
        return KeyType::N;
    if (text == "B")
        return KeyType::B;
    return std::nullopt;
}

AttributeValue::Type attributeTypeOf(KeyType type)
{
    switch (type) {
    case KeyType::N:
        return AttributeValue::Type::N;
    case KeyType::B:
        return AttributeValue::Type::B;
    case KeyType::S:
        break;
    }
    return AttributeValue::Type::S;
}

int compareKeyText(const std::string &a, const std::string &b, KeyType type)
{
    if (a.empty() || b.empty()) // no range (a hash-only table, or a partition's start)
        return a.empty() == b.empty() ? 0 : (a.empty() ? -1 : 1);
    if (type == KeyType::N)
        return expr::compareNumbers(a, b);
    return a.compare(b);
}

bool ItemKeyLess::operator()(const ItemKey &a, const ItemKey &b) const
{
    if (const int c = a.hash.compare(b.hash); c != 0)
        return c < 0;
    return compareKeyText(a.range, b.range, rangeType) < 0;
}

ItemKey itemKey(const KeySchema &schema, const AttributeMap &item)
{
    ItemKey key;
    const AttributeValue *hash = find(item, schema.hash.name);
    if (!hash)
        throw ValidationError(kInvalid + "Missing the key " + schema.hash.name + " in the item");
    key.hash = checkedKeyText(schema.hash, *hash, false);
    if (schema.range) {
        const AttributeValue *range = find(item, schema.range->name);
        if (!range)
            throw ValidationError(kInvalid + "Missing the key " + schema.range->name + " in the item");
        key.range = checkedKeyText(*schema.range, *range, true);
    }
    return key;
}

ItemKey keyOf(const KeySchema &schema, const AttributeMap &key)
{
    const std::size_t expected = schema.range ? 2 : 1;
    const auto matches = [&](const KeyAttribute &attribute) {
        const AttributeValue *v = find(key, attribute.name);
        return v && v->type() == attributeTypeOf(attribute.type);
    };
    if (key.size() != expected || !matches(schema.hash) || (schema.range && !matches(*schema.range)))
        throw ValidationError("The provided key element does not match the schema");
    return itemKey(schema, key);
}

AttributeMap keyAttributes(const KeySchema &schema, const AttributeMap &item)
{
    AttributeMap out;
    if (const AttributeValue *hash = find(item, schema.hash.name))
        out.emplace_back(schema.hash.name, *hash);
    if (schema.range) {
        if (const AttributeValue *range = find(item, schema.range->name))
            out.emplace_back(schema.range->name, *range);
    }
    return out;
}

AttributeValue keyValue(KeyType type, const std::string &text)
{
    switch (type) {
    case KeyType::N:
        return AttributeValue::number(text);
    case KeyType::B:
        return AttributeValue::binary(text);
    case KeyType::S:
        break;
    }
    return AttributeValue::string(text);
}

} // namespace orderlab::dynamodb
