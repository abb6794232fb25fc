#include "value.h"

#include "operations.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace orderlab::js {

namespace {
constexpr std::size_t kHashFrom = 12;
}

const void *Value::identity() const
{
    switch (type()) {
    case Type::Array:
        return asArray().get();
    case Type::Object:
        return asObject().get();
    case Type::Set:
        return asSet().get();
    default:
        return nullptr;
    }
}

namespace {
std::string tagged(char tag, std::string_view text)
{
    std::string key;
    key.reserve(text.size() + 1);
    key += tag;
    key += text;
    return key;
}

/// Equal for two values exactly when sameValueZero(a, b): +0 and -0 alike, every NaN alike, objects by identity.
std::string sameValueZeroKey(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Number: {
        double d = v.asNumber();
        if (d != d)
            return "N";
        if (d == 0)
            d = 0; // -0
        std::string key(1 + sizeof d, 'n');
        std::memcpy(key.data() + 1, &d, sizeof d);
        return key;
    }
    case Value::Type::BigInt:
        return tagged('b', v.asBigInt().toString());
    case Value::Type::String:
        return tagged('s', v.asString());
    case Value::Type::Boolean:
        return v.asBoolean() ? "T" : "F";
    case Value::Type::Undefined:
        return "u";
    case Value::Type::Null:
        return "l";
    default: {
        const void *p = v.identity();
        std::string key(1 + sizeof p, 'o');
        std::memcpy(key.data() + 1, &p, sizeof p);
        return key;
    }
    }
}
} // namespace

void Set::add(Value v)
{
    if (m_keys.insert(sameValueZeroKey(v)).second)
        m_items.push_back(std::move(v));
}

bool parseArrayIndex(std::string_view key, std::uint32_t &index)
{
    if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0'))
        return false;
    std::uint64_t n = 0;
    for (char c : key) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (n > 4294967294ULL)
        return false;
    index = static_cast<std::uint32_t>(n);
    return true;
}

std::size_t Object::formatIndex(std::uint32_t index, char *buf)
{
    auto res = std::to_chars(buf, buf + 16, index);
    return static_cast<std::size_t>(res.ptr - buf);
}

const Value *Object::find(std::string_view key) const
{
    std::uint32_t index;
    if (parseArrayIndex(key, index)) {
        auto it = std::lower_bound(m_indexed.begin(), m_indexed.end(), index,
                                   [](const auto &p, std::uint32_t i) { return p.first < i; });
        return (it != m_indexed.end() && it->first == index) ? &it->second : nullptr;
    }
    if (m_namedIndex) {
        auto it = m_namedIndex->find(std::string(key));
        return it == m_namedIndex->end() ? nullptr : &m_named[it->second].second;
    }
    for (const auto &p : m_named) {
        if (p.first == key)
            return &p.second;
    }
    return nullptr;
}

void Object::set(std::string_view key, Value value)
{
    std::uint32_t index;
    if (parseArrayIndex(key, index)) {
        auto it = std::lower_bound(m_indexed.begin(), m_indexed.end(), index,
                                   [](const auto &p, std::uint32_t i) { return p.first < i; });
        if (it != m_indexed.end() && it->first == index)
            it->second = std::move(value);
        else
            m_indexed.emplace(it, index, std::move(value));
        return;
    }
    if (auto *existing = const_cast<Value *>(find(key))) {
        *existing = std::move(value);
        return;
    }
    m_named.emplace_back(std::string(key), std::move(value));
    if (m_namedIndex)
        m_namedIndex->emplace(m_named.back().first, m_named.size() - 1);
    else if (m_named.size() >= kHashFrom)
        rebuildNamedIndex();
}

bool Object::erase(std::string_view key)
{
    std::uint32_t index;
    if (parseArrayIndex(key, index)) {
        auto it = std::lower_bound(m_indexed.begin(), m_indexed.end(), index,
                                   [](const auto &p, std::uint32_t i) { return p.first < i; });
        if (it == m_indexed.end() || it->first != index)
            return false;
        m_indexed.erase(it);
        return true;
    }
    auto it = std::find_if(m_named.begin(), m_named.end(), [&](const auto &p) { return p.first == key; });
    if (it == m_named.end())
        return false;
    m_named.erase(it);
    if (m_namedIndex)
        rebuildNamedIndex();
    return true;
}

void Object::rebuildNamedIndex()
{
    m_namedIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
    m_namedIndex->reserve(m_named.size() * 2);
    for (std::size_t i = 0; i < m_named.size(); ++i)
        m_namedIndex->emplace(m_named[i].first, i);
}

void Object::setPrototype(const Value &proto)
{
    if (proto.isNull()) {
        m_protoKind = ProtoKind::None;
        m_proto = Value();
    } else {
        m_protoKind = ProtoKind::Value;
        m_proto = proto;
    }
}

} // namespace orderlab::js
