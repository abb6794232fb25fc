#include "unmarshall.h"

#include "js/js_error.h"
#include "js/json.h"
#include "js/numbers.h"
#include "js/operations.h"
#include "js/wtf8.h"

#include <cmath>

namespace orderlab::dynamodb {

using js::JsError;
using js::Value;

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

Value convert(const Value &data, int depth);

/// `Object.entries(v)` for a value from JSON.parse: own enumerable string-keyed properties.
template <typename F> void forEachEntry(const Value &v, F &&f)
{
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        throw JsError::typeError("Cannot convert undefined or null to object");
    case Value::Type::String: {
        std::uint32_t i = 0;
        bool stop = false;
        js::wtf8::forEachCodeUnit(v.asString(), [&](const std::string &unit) {
            if (!stop)
                stop = f(std::string_view(std::to_string(i++)), Value(unit));
        });
        break;
    }
    case Value::Type::Array: {
        const auto &items = v.asArray()->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (f(std::string_view(std::to_string(i)), items[i]))
                break;
        }
        break;
    }
    case Value::Type::Object: {
        bool stop = false;
        v.asObject()->forEach([&](std::string_view key, const Value &value) {
            if (!stop)
                stop = f(key, value);
        });
        break;
    }
    default:
        break; // numbers, booleans, BigInts and sets have no own entries
    }
}

Value convertNumber(const Value &numString)
{
    const double num = js::toNumber(numString);
    if (std::isfinite(num) && std::fabs(num) > kMaxSafeInteger) {
        try {
            return Value(js::toBigInt(numString));
        } catch (const JsError &) {
            throw JsError::error(js::toString(numString) +
                                 " can't be converted to BigInt. Set options.wrapNumbers to get string value.");
        }
    }
    return Value(num);
}

/// `value.map(fn)` as the library calls it; `receiver` is the variable name V8 prints.
template <typename F> js::ArrayPtr mapList(const Value &value, const char *receiver, F &&fn)
{
    if (value.isNull())
        throw JsError::typeError("Cannot read properties of null (reading 'map')");
    if (!value.isArray())
        throw JsError::typeError(std::string(receiver) + ".map is not a function");
    auto out = js::newArray();
    out->items.reserve(value.asArray()->items.size());
    for (const auto &item : value.asArray()->items)
        out->items.push_back(fn(item));
    return out;
}

js::SetPtr toSet(const js::ArrayPtr &items)
{
    auto set = std::make_shared<js::Set>();
    for (auto &v : items->items)
        set->add(std::move(v));
    return set;
}

Value convertMap(const Value &map, int depth)
{
    auto obj = js::newObject();
    forEachEntry(map, [&](std::string_view key, const Value &value) {
        Value converted = convert(value, depth + 1);
        if (key == "__proto__") {
            // `acc.__proto__ = v`: objects and null become the prototype; primitives are ignored.
            if (converted.isAnyObject() || converted.isNull())
                obj->setPrototype(converted);
        } else {
            obj->set(key, std::move(converted));
        }
        return false;
    });
    return Value(obj);
}

/// `convertToNative` for the first key whose value is defined.
Value convertTyped(std::string_view key, const Value &value, int depth)
{
    if (key == "NULL")
        return Value(js::Null{});
    if (key == "BOOL")
        return Value(js::isTruthy(value));
    if (key == "N")
        return convertNumber(value);
    if (key == "B" || key == "S")
        return value;
    if (key == "L")
        return Value(mapList(value, "list", [&](const Value &v) { return convert(v, depth + 1); }));
    if (key == "M")
        return convertMap(value, depth);
    if (key == "NS")
        return Value(toSet(mapList(value, "value", convertNumber)));
    if (key == "BS" || key == "SS")
        return Value(toSet(mapList(value, "value", [](const Value &v) { return v; })));
    throw JsError::error("Unsupported type passed: " + std::string(key));
}

Value convert(const Value &data, int depth)
{
    if (depth > js::kMaxDepth)
        throw JsError("RangeError", "Maximum call stack size exceeded");
    Value result;
    bool found = false;
    forEachEntry(data, [&](std::string_view key, const Value &value) {
        if (value.isUndefined())
            return false;
        result = convertTyped(key, value, depth);
        found = true;
        return true;
    });
    if (found)
        return result;
    std::string json;
    if (data.isUndefined())
        json = "undefined";
    else
        js::stringifyJson(data, json);
    throw JsError::error("No value defined: " + json);
}

} // namespace

Value convertToNative(const Value &attributeValue)
{
    return convert(attributeValue, 0);
}

Value unmarshall(const Value &image)
{
    if (image.isUndefined()) // convertToNative({M: undefined}): the only key is undefined
        throw JsError::error("No value defined: {}");
    return convertMap(image, 0);
}

} // namespace orderlab::dynamodb
