// AttributeValue JSON in and out: parseAttributeValue, parseItem, parseItemJson, appendJson, itemJson,
// and the item texts of item_text.h (one item builder, appendItemObject, for both item shapes).
#include "attribute_value.h"
#include "item_text.h"

#include "base64.h"

#include "js/json.h"
#include "js/value.h"

namespace orderlab::dynamodb {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
const std::string kEmpty = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";

std::string_view jsonKind(const js::Value &v)
{
    switch (v.type()) {
    case js::Value::Type::Undefined:
        return "undefined";
    case js::Value::Type::Null:
        return "null";
    case js::Value::Type::Boolean:
        return "boolean";
    case js::Value::Type::Number:
    case js::Value::Type::BigInt:
        return "number";
    case js::Value::Type::String:
        return "string";
    case js::Value::Type::Array:
    case js::Value::Type::Set:
        return "array";
    case js::Value::Type::Object:
        break;
    }
    return "object";
}

bool typeFromName(std::string_view name, AttributeValue::Type &type)
{
    using Type = AttributeValue::Type;
    for (Type t : {Type::S, Type::N, Type::B, Type::BOOL, Type::NUL, Type::L, Type::M, Type::SS, Type::NS, Type::BS}) {
        if (typeName(t) == name) {
            type = t;
            return true;
        }
    }
    return false;
}

/// Recursive reader; `m_path` is the attribute path of the value being read ("items[0].price").
class Parser
{
  public:
    AttributeValue value(const js::Value &json, int level)
    {
        if (level > kMaxNestingLevel)
            fail(std::string(kNestingLevelsMessage));
        if (!json.isObject() || json.asObject()->size() == 0)
            fail(kEmpty);
        const js::Object &object = *json.asObject();
        std::string_view key;
        const js::Value *content = nullptr;
        object.forEach([&](std::string_view k, const js::Value &v) {
            AttributeValue::Type ignored;
            if (!typeFromName(k, ignored))
                fail("Supplied AttributeValue has an unsupported datatype: " + std::string(k) +
                     " (supported: S, N, B, BOOL, NULL, L, M, SS, NS, BS)");
            key = k;
            content = &v;
        });
        if (object.size() > 1)
            fail("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
                 "datatypes");
        AttributeValue::Type type = AttributeValue::Type::NUL;
        typeFromName(key, type);
        return typed(type, key, *content, level);
    }

    std::string m_path;

  private:
    using Type = AttributeValue::Type;

    [[noreturn]] void fail(const std::string &message) const
    {
        throw ValidationError(m_path.empty() ? message : message + " (attribute " + m_path + ")");
    }

    /// Runs a factory or converter, adding the path to its ValidationError.
    template <typename F> auto withPath(F &&f) const
    {
        try {
            return f();
        } catch (const ValidationError &e) {
            fail(e.message());
        }
    }

    const std::string &string(std::string_view type, const js::Value &v) const
    {
        if (!v.isString())
            fail(std::string(type) + " must be a JSON string, found " + std::string(jsonKind(v)));
        return v.asString();
    }

    const std::vector<js::Value> &array(std::string_view type, const js::Value &v) const
    {
        if (!v.isArray())
            fail(std::string(type) + " must be a JSON array, found " + std::string(jsonKind(v)));
        return v.asArray()->items;
    }

    std::string bytes(const std::string &text) const
    {
        std::string reason;
        auto decoded = base64Decode(text, &reason);
        if (!decoded)
            fail("'" + text + "' can not be converted to a Blob: " + reason);
        return std::move(*decoded);
    }

    AttributeValue typed(Type type, std::string_view key, const js::Value &v, int level)
    {
        switch (type) {
        case Type::S:
            return AttributeValue::string(string(key, v));
        case Type::N:
            return withPath([&] { return AttributeValue::number(string(key, v)); });
        case Type::B:
            return AttributeValue::binary(bytes(string(key, v)));
        case Type::BOOL:
            if (!v.isBoolean())
                fail("BOOL must be a JSON boolean, found " + std::string(jsonKind(v)));
            return AttributeValue::boolean(v.asBoolean());
        case Type::NUL:
            if (!v.isBoolean() || !v.asBoolean())
                fail(kInvalid + "Null attribute value types must have the value of true");
            return AttributeValue::null();
        case Type::L:
            return list(array(key, v), level);
        case Type::M:
            return map(v, level);
        case Type::SS:
        case Type::NS:
        case Type::BS:
            return set(type, array(key, v));
        }
        return AttributeValue::null();
    }

    AttributeValue list(const std::vector<js::Value> &items, int level)
    {
        std::vector<AttributeValue> out;
        out.reserve(items.size());
        const std::size_t pathSize = m_path.size();
        for (std::size_t i = 0; i < items.size(); ++i) {
            m_path += '[' + std::to_string(i) + ']';
            out.push_back(value(items[i], level + 1));
            m_path.resize(pathSize);
        }
        return withPath([&] { return AttributeValue::list(std::move(out)); });
    }

    AttributeValue map(const js::Value &v, int level)
    {
        if (!v.isObject())
            fail("M must be a JSON object, found " + std::string(jsonKind(v)));
        AttributeMap out;
        out.reserve(v.asObject()->size());
        const std::size_t pathSize = m_path.size();
        v.asObject()->forEach([&](std::string_view name, const js::Value &entry) {
            if (pathSize)
                m_path += '.';
            m_path += name;
            out.emplace_back(std::string(name), value(entry, level + 1));
            m_path.resize(pathSize);
        });
        return withPath([&] { return AttributeValue::map(std::move(out)); });
    }

    AttributeValue set(Type type, const std::vector<js::Value> &items)
    {
        std::vector<std::string> elements;
        elements.reserve(items.size());
        const std::size_t pathSize = m_path.size();
        const std::string_view key = typeName(type);
        for (std::size_t i = 0; i < items.size(); ++i) {
            m_path += '[' + std::to_string(i) + ']';
            const std::string &text = string(key, items[i]);
            if (type == Type::NS)
                elements.push_back(withPath([&] { return canonicalNumber(text); }));
            else if (type == Type::BS)
                elements.push_back(bytes(text));
            else
                elements.push_back(text);
            m_path.resize(pathSize);
        }
        return withPath([&] {
            if (type == Type::SS)
                return AttributeValue::stringSet(std::move(elements));
            if (type == Type::NS)
                return AttributeValue::numberSet(std::move(elements));
            return AttributeValue::binarySet(std::move(elements));
        });
    }
};

void appendStrings(std::string &out, const std::vector<std::string> &items, bool base64)
{
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        if (base64) {
            out += '"';
            appendBase64(out, items[i]);
            out += '"';
        } else {
            js::appendQuoted(out, items[i]);
        }
    }
    out += ']';
}

} // namespace

AttributeValue parseAttributeValue(const js::Value &json)
{
    return Parser().value(json, 1);
}

AttributeMap parseItem(const js::Value &json)
{
    if (!json.isObject())
        throw ValidationError("An item must be a JSON object of attribute values, found " +
                              std::string(jsonKind(json)));
    AttributeMap item;
    item.reserve(json.asObject()->size());
    Parser parser;
    json.asObject()->forEach([&](std::string_view name, const js::Value &v) {
        parser.m_path = name;
        item.emplace_back(std::string(name), parser.value(v, 1));
    });
    return item;
}

AttributeMap parseItemJson(std::string_view json)
{
    js::Value parsed;
    try {
        parsed = js::parseJson(json);
    } catch (const js::JsonParseError &e) {
        throw ValidationError(std::string("Invalid JSON: ") + e.what());
    }
    return parseItem(parsed);
}

void appendJson(std::string &out, const AttributeValue &v)
{
    using Type = AttributeValue::Type;
    out += "{\"";
    out += typeName(v.type());
    out += "\":";
    switch (v.type()) {
    case Type::S:
    case Type::N:
        js::appendQuoted(out, v.text());
        break;
    case Type::B:
        out += '"';
        appendBase64(out, v.text());
        out += '"';
        break;
    case Type::BOOL:
        out += v.boolean() ? "true" : "false";
        break;
    case Type::NUL:
        out += "true";
        break;
    case Type::L:
        out += '[';
        for (std::size_t i = 0; i < v.list().size(); ++i) {
            if (i)
                out += ',';
            appendJson(out, v.list()[i]);
        }
        out += ']';
        break;
    case Type::M:
        appendItemJson(out, v.map());
        break;
    case Type::SS:
    case Type::NS:
        appendStrings(out, v.set(), false);
        break;
    case Type::BS:
        appendStrings(out, v.set(), true);
        break;
    }
    out += '}';
}

namespace {
/// The one item builder: `{"name":value,...}`, each value written by `appendValue(out, value)`.
template <typename Entries, typename AppendValue>
void appendItemObject(std::string &out, const Entries &item, AppendValue appendValue)
{
    out += '{';
    bool first = true;
    for (const auto &[name, value] : item) {
        if (!first)
            out += ',';
        first = false;
        js::appendQuoted(out, name);
        out += ':';
        appendValue(out, value);
    }
    out += '}';
}
} // namespace

void appendItemJson(std::string &out, const AttributeMap &item)
{
    appendItemObject(out, item, [](std::string &o, const AttributeValue &v) { appendJson(o, v); });
}

std::string itemJson(const AttributeMap &item)
{
    std::string out;
    appendItemJson(out, item);
    return out;
}

void appendItemJson(std::string &out, const ItemText &item)
{
    appendItemObject(out, item, [](std::string &o, const std::string &text) { o += text; });
}

std::string itemJson(const ItemText &item)
{
    std::string out;
    appendItemJson(out, item);
    return out;
}

ItemText itemText(const AttributeMap &item)
{
    ItemText out;
    out.reserve(item.size());
    for (const auto &[name, value] : item) {
        std::string text;
        appendJson(text, value);
        out.emplace_back(name, std::move(text));
    }
    return out;
}

AttributeMap parseItemText(const ItemText &item)
{
    return parseItemJson(itemJson(item));
}

} // namespace orderlab::dynamodb
