#include "operations.h"

#include "js_error.h"
#include "numbers.h"
#include "wtf8.h"

#include <algorithm>
#include <cmath>

namespace orderlab::js {

namespace {

constexpr std::uint64_t kMaxJoinLength = (1u << 29) - 24; // V8's longest string: longer joins throw RangeError

enum class Builtin { None, NotCallable, ObjectToString, ObjectValueOf, ArrayToString, ArrayJoin };

/// Result of looking a method up along the prototype chain of an object value.
struct Lookup
{
    Builtin method = Builtin::None;
    bool setTagInChain = false;
};

std::size_t utf16Length(std::string_view s)
{
    std::size_t n = 0, pos = 0;
    while (pos < s.size())
        n += wtf8::decode(s, pos) >= 0x10000 ? 2 : 1;
    return n;
}

Value stringCodeUnitAt(std::string_view s, std::uint32_t index)
{
    std::uint32_t i = 0;
    Value result;
    bool done = false;
    wtf8::forEachCodeUnit(s, [&](const std::string &unit) {
        if (!done && i++ == index) {
            result = Value(unit);
            done = true;
        }
    });
    return result;
}

/// Own property of an array (indices and `length`), or nothing.
bool arrayOwn(const Array &a, std::string_view key, Value &out)
{
    if (key == "length") {
        out = Value(static_cast<double>(a.items.size()));
        return true;
    }
    std::uint32_t index;
    if (parseArrayIndex(key, index) && index < a.items.size()) {
        out = a.items[index];
        return true;
    }
    return false;
}

Builtin objectPrototypeMethod(std::string_view key)
{
    if (key == "toString")
        return Builtin::ObjectToString;
    if (key == "valueOf")
        return Builtin::ObjectValueOf;
    return Builtin::None;
}

Builtin arrayPrototypeMethod(std::string_view key)
{
    if (key == "toString")
        return Builtin::ArrayToString;
    if (key == "join")
        return Builtin::ArrayJoin;
    return objectPrototypeMethod(key);
}

/// Walks the prototype chain of `v` (an object value) for `key`.
Lookup lookupMethod(const Value &v, std::string_view key)
{
    Lookup l;
    const Value *cur = &v;
    for (int depth = 0; depth < 10000; ++depth) {
        switch (cur->type()) {
        case Value::Type::Array: {
            Value ignored;
            if (arrayOwn(*cur->asArray(), key, ignored)) {
                l.method = Builtin::NotCallable;
                return l;
            }
            l.method = arrayPrototypeMethod(key);
            return l;
        }
        case Value::Type::Set:
            l.setTagInChain = true;
            l.method = objectPrototypeMethod(key);
            return l;
        case Value::Type::Object: {
            const Object &o = *cur->asObject();
            if (o.find(key)) {
                l.method = Builtin::NotCallable;
                return l;
            }
            if (o.protoKind() == Object::ProtoKind::None)
                return l;
            if (o.protoKind() == Object::ProtoKind::ObjectPrototype) {
                l.method = objectPrototypeMethod(key);
                return l;
            }
            cur = &o.proto();
            break;
        }
        default:
            return l;
        }
    }
    return l;
}

bool chainHasSet(const Value &v)
{
    const Value *cur = &v;
    while (cur->isObject() && cur->asObject()->protoKind() == Object::ProtoKind::Value)
        cur = &cur->asObject()->proto();
    return cur->isSet();
}

std::string objectToStringBuiltin(const Value &v)
{
    if (chainHasSet(v))
        return "[object Set]";
    return v.isArray() ? "[object Array]" : "[object Object]";
}

std::string toPrimitiveString(const Value &v, int depth);

std::string toStringDepth(const Value &v, int depth)
{
    switch (v.type()) {
    case Value::Type::Undefined:
        return "undefined";
    case Value::Type::Null:
        return "null";
    case Value::Type::Boolean:
        return v.asBoolean() ? "true" : "false";
    case Value::Type::Number:
        return numberToString(v.asNumber());
    case Value::Type::BigInt:
        return v.asBigInt().toString();
    case Value::Type::String:
        return v.asString();
    default:
        return toPrimitiveString(v, depth);
    }
}

std::uint64_t toLength(const Value &lengthValue)
{
    double d = toNumber(lengthValue);
    if (std::isnan(d) || d <= 0)
        return 0;
    if (d >= 9007199254740991.0)
        return 9007199254740991ULL;
    return static_cast<std::uint64_t>(std::trunc(d));
}

/// One past the largest array index held by `v` or an object on its prototype chain: from there on every index reads as
/// undefined.
std::uint64_t indexBound(const Value &v)
{
    std::uint64_t bound = 0;
    const Value *cur = &v;
    for (int depth = 0; depth < 10000 && cur->isObject(); ++depth) {
        const Object &o = *cur->asObject();
        o.forEach([&](std::string_view key, const Value &) {
            std::uint32_t index;
            if (parseArrayIndex(key, index))
                bound = std::max<std::uint64_t>(bound, std::uint64_t{index} + 1);
        });
        if (o.protoKind() != Object::ProtoKind::Value)
            return bound;
        cur = &o.proto();
    }
    return cur->isArray() ? std::max<std::uint64_t>(bound, cur->asArray()->items.size()) : bound;
}

std::string arrayJoin(const Value &v, int depth)
{
    if (depth > 1000)
        throw JsError("RangeError", "Maximum call stack size exceeded");
    std::uint64_t len = toLength(getProperty(v, "length"));
    if (len > kMaxJoinLength)
        throw JsError("RangeError", "Invalid string length");
    const std::uint64_t held = std::min(len, indexBound(v));
    std::string out;
    for (std::uint64_t k = 0; k < held; ++k) {
        if (k > 0)
            out += ',';
        Value element = getProperty(v, std::to_string(k));
        if (!element.isNullish())
            out += toStringDepth(element, depth + 1);
    }
    if (len > held) // the rest are holes: only their separators
        out.append(len - std::max<std::uint64_t>(held, 1), ',');
    return out;
}

/// OrdinaryToPrimitive with hint string; valueOf of a plain object never gives a primitive.
std::string toPrimitiveString(const Value &v, int depth)
{
    Lookup toStringMethod = lookupMethod(v, "toString");
    switch (toStringMethod.method) {
    case Builtin::ObjectToString:
        return objectToStringBuiltin(v);
    case Builtin::ArrayToString: {
        Lookup join = lookupMethod(v, "join");
        if (join.method == Builtin::ArrayJoin)
            return arrayJoin(v, depth);
        return objectToStringBuiltin(v);
    }
    default:
        break; // not callable, or nothing found; valueOf returns the object itself
    }
    throw JsError::typeError("Cannot convert object to primitive value");
}

} // namespace

bool isTruthy(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        return false;
    case Value::Type::Boolean:
        return v.asBoolean();
    case Value::Type::Number:
        return v.asNumber() != 0 && !std::isnan(v.asNumber());
    case Value::Type::BigInt:
        return v.asBigInt().magnitude != "0";
    case Value::Type::String:
        return !v.asString().empty();
    default:
        return true;
    }
}

Value getProperty(const Value &v, std::string_view key)
{
    const Value *cur = &v;
    for (int depth = 0; depth < 10000; ++depth) {
        switch (cur->type()) {
        case Value::Type::Undefined:
        case Value::Type::Null:
            if (depth == 0)
                throw JsError::typeError("Cannot read properties of " +
                                         std::string(cur->isNull() ? "null" : "undefined") + " (reading '" +
                                         std::string(key) + "')");
            return {};
        case Value::Type::String: {
            const std::string &s = cur->asString();
            if (key == "length")
                return Value(static_cast<double>(utf16Length(s)));
            std::uint32_t index;
            if (parseArrayIndex(key, index))
                return stringCodeUnitAt(s, index);
            return {};
        }
        case Value::Type::Array: {
            Value out;
            arrayOwn(*cur->asArray(), key, out);
            return out;
        }
        case Value::Type::Object: {
            const Object &o = *cur->asObject();
            if (const Value *own = o.find(key))
                return *own;
            if (o.protoKind() != Object::ProtoKind::Value)
                return {};
            cur = &o.proto();
            break;
        }
        default:
            return {};
        }
    }
    return {};
}

std::string toString(const Value &v)
{
    return toStringDepth(v, 0);
}

double toNumber(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
        return NAN;
    case Value::Type::Null:
        return 0;
    case Value::Type::Boolean:
        return v.asBoolean() ? 1 : 0;
    case Value::Type::Number:
        return v.asNumber();
    case Value::Type::BigInt:
        throw JsError::typeError("Cannot convert a BigInt value to a number");
    case Value::Type::String:
        return stringToNumber(v.asString());
    default:
        return stringToNumber(toPrimitiveString(v, 0));
    }
}

bool strictlyEquals(const Value &a, const Value &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        return true;
    case Value::Type::Boolean:
        return a.asBoolean() == b.asBoolean();
    case Value::Type::Number:
        return a.asNumber() == b.asNumber();
    case Value::Type::BigInt:
        return a.asBigInt() == b.asBigInt();
    case Value::Type::String:
        return a.asString() == b.asString();
    default:
        return a.identity() == b.identity();
    }
}

bool sameValueZero(const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber() && std::isnan(a.asNumber()) && std::isnan(b.asNumber()))
        return true;
    return strictlyEquals(a, b);
}

bool looselyEquals(const Value &a, const Value &b)
{
    using T = Value::Type;
    if (a.type() == b.type() || (a.isAnyObject() && b.isAnyObject()))
        return strictlyEquals(a, b);
    if (a.isNullish() && b.isNullish())
        return true;
    if (a.isNullish() || b.isNullish())
        return false;
    if (a.isNumber() && b.isString())
        return a.asNumber() == stringToNumber(b.asString());
    if (a.isString() && b.isNumber())
        return stringToNumber(a.asString()) == b.asNumber();
    if (a.isBigInt() && b.isString()) {
        auto n = stringToBigInt(b.asString());
        return n && *n == a.asBigInt();
    }
    if (a.isString() && b.isBigInt())
        return looselyEquals(b, a);
    if (a.isBoolean())
        return looselyEquals(Value(a.asBoolean() ? 1.0 : 0.0), b);
    if (b.isBoolean())
        return looselyEquals(a, Value(b.asBoolean() ? 1.0 : 0.0));
    if (a.isAnyObject())
        return looselyEquals(Value(toPrimitiveString(a, 0)), b);
    if (b.isAnyObject())
        return looselyEquals(a, Value(toPrimitiveString(b, 0)));
    if (a.type() == T::BigInt && b.type() == T::Number)
        return bigIntEqualsNumber(a.asBigInt(), b.asNumber());
    if (a.type() == T::Number && b.type() == T::BigInt)
        return bigIntEqualsNumber(b.asBigInt(), a.asNumber());
    return false;
}

BigInt toBigInt(const Value &v)
{
    Value prim = v.isAnyObject() ? Value(toPrimitiveString(v, 0)) : v;
    switch (prim.type()) {
    case Value::Type::Number: {
        auto b = numberToBigInt(prim.asNumber());
        if (!b)
            throw JsError("RangeError", "The number " + numberToString(prim.asNumber()) +
                                            " cannot be converted to a BigInt because it is not an integer");
        return *b;
    }
    case Value::Type::String: {
        auto b = stringToBigInt(prim.asString());
        if (!b)
            throw JsError("SyntaxError", "Cannot convert " + prim.asString() + " to a BigInt");
        return *b;
    }
    case Value::Type::Boolean: {
        BigInt b;
        b.magnitude = prim.asBoolean() ? "1" : "0";
        return b;
    }
    case Value::Type::BigInt:
        return prim.asBigInt();
    default:
        throw JsError::typeError("Cannot convert " + toString(prim) + " to a BigInt");
    }
}

void spreadInto(Object &target, const Value &v)
{
    switch (v.type()) {
    case Value::Type::String: {
        std::uint32_t i = 0;
        wtf8::forEachCodeUnit(v.asString(),
                              [&](const std::string &unit) { target.set(std::to_string(i++), Value(unit)); });
        break;
    }
    case Value::Type::Array: {
        const auto &items = v.asArray()->items;
        for (std::size_t i = 0; i < items.size(); ++i)
            target.set(std::to_string(i), items[i]);
        break;
    }
    case Value::Type::Object:
        v.asObject()->forEach([&](std::string_view key, const Value &value) { target.set(key, value); });
        break;
    default:
        break; // primitives other than strings, and sets, have no own enumerable properties
    }
}

} // namespace orderlab::js
