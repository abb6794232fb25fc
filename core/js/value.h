#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace orderlab::js {

class Array;
class Object;
class Set;
using ArrayPtr = std::shared_ptr<Array>;
using ObjectPtr = std::shared_ptr<Object>;
using SetPtr = std::shared_ptr<Set>;

struct Undefined
{
    bool operator==(const Undefined &) const = default;
};
struct Null
{
    bool operator==(const Null &) const = default;
};

/// A JavaScript BigInt: an exact integer, kept as decimal digits.
struct BigInt
{
    bool negative = false;
    std::string magnitude = "0"; ///< decimal digits, no leading zeros; "0" is never negative
    bool operator==(const BigInt &) const = default;
    std::string toString() const { return negative ? "-" + magnitude : magnitude; }
};

/**
 * A JavaScript value as the handler sees it after `JSON.parse` and `unmarshall`.
 *
 * Strings are WTF-8: UTF-8 in which a lone UTF-16 surrogate is kept as its own
 * three-byte sequence, so that every JavaScript string survives. Arrays, objects and
 * sets are shared references, as in JavaScript: copying a Value copies the reference.
 * Values are not thread-safe; one handler invocation owns the values it makes.
 */
class Value
{
  public:
    enum class Type : std::uint8_t { Undefined, Null, Boolean, Number, BigInt, String, Array, Object, Set };

    Value() = default;
    Value(Null) : m_data(Null{}) {}
    Value(bool b) : m_data(b) {}
    Value(double d) : m_data(d) {}
    Value(int i) : m_data(static_cast<double>(i)) {}
    Value(js::BigInt b) : m_data(std::move(b)) {}
    Value(std::string s) : m_data(std::move(s)) {}
    Value(const char *s) : m_data(std::string(s)) {}
    Value(ArrayPtr a) : m_data(std::move(a)) {}
    Value(ObjectPtr o) : m_data(std::move(o)) {}
    Value(SetPtr s) : m_data(std::move(s)) {}

    Type type() const { return static_cast<Type>(m_data.index()); }
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isNullish() const { return isUndefined() || isNull(); }
    bool isBoolean() const { return type() == Type::Boolean; }
    bool isNumber() const { return type() == Type::Number; }
    bool isBigInt() const { return type() == Type::BigInt; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    bool isSet() const { return type() == Type::Set; }
    /// True for every JavaScript object: plain objects, arrays and sets.
    bool isAnyObject() const { return isArray() || isObject() || isSet(); }

    bool asBoolean() const { return std::get<bool>(m_data); }
    double asNumber() const { return std::get<double>(m_data); }
    const js::BigInt &asBigInt() const { return std::get<js::BigInt>(m_data); }
    const std::string &asString() const { return std::get<std::string>(m_data); }
    const ArrayPtr &asArray() const { return std::get<ArrayPtr>(m_data); }
    const ObjectPtr &asObject() const { return std::get<ObjectPtr>(m_data); }
    const SetPtr &asSet() const { return std::get<SetPtr>(m_data); }

    /// The identity of an object value (for JavaScript `===` on objects); null for primitives.
    const void *identity() const;

  private:
    std::variant<Undefined, Null, bool, double, js::BigInt, std::string, ArrayPtr, ObjectPtr, SetPtr> m_data;
};

class Array
{
  public:
    std::vector<Value> items;
};

/// A JavaScript Set. Elements are kept for display; `JSON.stringify` writes a Set as `{}`.
class Set
{
  public:
    /// Adds with SameValueZero semantics, as `new Set(iterable)` does.
    void add(Value v);
    const std::vector<Value> &items() const { return m_items; }

  private:
    std::vector<Value> m_items;
    std::unordered_set<std::string> m_keys; ///< one SameValueZero key per element: a hash lookup, not a scan
};

/// True when `key` is a canonical array index ("0" ... "4294967294"); sets `index`.
bool parseArrayIndex(std::string_view key, std::uint32_t &index);

/**
 * A plain JavaScript object with JavaScript's own-property order: keys that are
 * canonical array indices first, ascending, then the other keys in insertion order.
 *
 * The prototype is Object.prototype by default. `unmarshall` can give a map another
 * prototype (an object, an array, a set, or none), through a `__proto__` attribute;
 * reads of missing properties then fall through to it (see `getProperty`).
 */
class Object
{
  public:
    enum class ProtoKind : std::uint8_t { ObjectPrototype, None, Value };

    /// Own property, or nullptr.
    const Value *find(std::string_view key) const;
    /// CreateDataProperty: replaces the value in place, or adds the key in JavaScript order.
    void set(std::string_view key, Value value);
    bool erase(std::string_view key);
    std::size_t size() const { return m_indexed.size() + m_named.size(); }

    /// Visits own properties in JavaScript order.
    template <typename F> void forEach(F &&f) const
    {
        char buf[16];
        for (const auto &[index, value] : m_indexed) {
            const auto len = formatIndex(index, buf);
            f(std::string_view(buf, len), value);
        }
        for (const auto &[key, value] : m_named)
            f(std::string_view(key), value);
    }

    ProtoKind protoKind() const { return m_protoKind; }
    const Value &proto() const { return m_proto; }
    /// Sets the prototype to an object value (object, array or set) or to none (null).
    void setPrototype(const Value &proto);

  private:
    static std::size_t formatIndex(std::uint32_t index, char *buf);
    void rebuildNamedIndex();

    std::vector<std::pair<std::uint32_t, Value>> m_indexed;                     // ascending by index
    std::vector<std::pair<std::string, Value>> m_named;                         // insertion order
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> m_namedIndex; // large objects only
    ProtoKind m_protoKind = ProtoKind::ObjectPrototype;
    Value m_proto;
};

inline ObjectPtr newObject()
{
    return std::make_shared<Object>();
}
inline ArrayPtr newArray()
{
    return std::make_shared<Array>();
}

} // namespace orderlab::js
