#include "marshall.h"

#include "js/json.h"
#include "js/numbers.h"

#include <cmath>

namespace orderlab::dynamodb {

AttributeValue marshall(const js::Value &v)
{
    switch (v.type()) {
    case js::Value::Type::String:
        return AttributeValue::string(v.asString());
    case js::Value::Type::Number:
        if (!std::isfinite(v.asNumber()))
            throw ValidationError("a number must be finite, got " + js::numberToString(v.asNumber()));
        return AttributeValue::number(js::numberToString(v.asNumber()));
    case js::Value::Type::BigInt:
        return AttributeValue::number(v.asBigInt().toString());
    case js::Value::Type::Boolean:
        return AttributeValue::boolean(v.asBoolean());
    case js::Value::Type::Null:
        return AttributeValue::null();
    case js::Value::Type::Array: {
        std::vector<AttributeValue> items;
        for (const auto &item : v.asArray()->items)
            items.push_back(marshall(item));
        return AttributeValue::list(std::move(items));
    }
    case js::Value::Type::Object: {
        AttributeMap entries;
        v.asObject()->forEach([&](std::string_view key, const js::Value &value) {
            if (!value.isUndefined())
                entries.emplace_back(std::string(key), marshall(value));
        });
        return AttributeValue::map(std::move(entries));
    }
    default:
        throw ValidationError("this value cannot be stored in DynamoDB");
    }
}

AttributeValue marshallJson(std::string_view json)
{
    try {
        return marshall(js::parseJson(json));
    } catch (const js::JsonParseError &e) {
        throw ValidationError(e.what());
    }
}

} // namespace orderlab::dynamodb
