#pragma once

#include "value.h"

#include <string>
#include <string_view>

/// The JavaScript abstract operations the handler's expressions perform, as V8 performs them.
namespace orderlab::js {

/// `!!v`
bool isTruthy(const Value &v);

/// `v[key]` for a property read: own property, then the prototype chain. Throws V8's
/// `TypeError: Cannot read properties of null (reading 'key')` for null and undefined.
Value getProperty(const Value &v, std::string_view key);

/// ToString(v), as a template literal or string concatenation applies it. Objects go
/// through ToPrimitive (Object.prototype.toString, Array.prototype.join, ...); throws
/// `TypeError: Cannot convert object to primitive value` where JavaScript does.
std::string toString(const Value &v);

/// ToNumber(v) for primitives and objects (objects via ToPrimitive).
double toNumber(const Value &v);

/// `a == b` (IsLooselyEqual).
bool looselyEquals(const Value &a, const Value &b);

/// `a === b` (IsStrictlyEqual).
bool strictlyEquals(const Value &a, const Value &b);

/// SameValueZero, as Set membership uses.
bool sameValueZero(const Value &a, const Value &b);

/// `BigInt(v)` as a conversion: throws the JsError JavaScript throws (SyntaxError, RangeError, TypeError).
BigInt toBigInt(const Value &v);

/// `{...v}`: copies v's own enumerable properties into `target` (strings give their code units).
void spreadInto(Object &target, const Value &v);

} // namespace orderlab::js
