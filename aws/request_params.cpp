#include "request_params.h"

#include "js/json.h"

#include <cmath>

namespace orderlab::aws {

namespace {

ApiError serialization(const std::string &message)
{
    return ApiError(400, "SerializationException", message);
}

} // namespace

std::string memberPath(std::string_view name)
{
    std::string out(name);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
        out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

ApiError missingMember(std::string_view name)
{
    return validation("1 validation error detected: Value null at '" + memberPath(name) +
                      "' failed to satisfy constraint: Member must not be null");
}

void checkTableName(const std::string &name, std::string_view member)
{
    const auto refuse = [&](const char *constraint) {
        return validation("1 validation error detected: Value '" + name + "' at '" + memberPath(member) +
                          "' failed to satisfy constraint: " + constraint);
    };
    if (name.size() < 3)
        throw refuse("Member must have length greater than or equal to 3");
    if (name.size() > 255)
        throw refuse("Member must have length less than or equal to 255");
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-' || c == '.';
        if (!ok)
            throw refuse("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
}

js::Value Params::parseBody(std::string_view body)
{
    js::Value value;
    try {
        value = js::parseJson(body.empty() ? std::string_view("{}") : body);
    } catch (const std::exception &e) {
        throw serialization(std::string("Malformed JSON request body: ") + e.what());
    }
    if (!value.isObject())
        throw serialization("The request body must be a JSON object");
    return value;
}

Params::Params(const js::Value &value, std::string_view what) : m_value(value)
{
    if (!value.isObject())
        throw serialization(std::string(what) + " must be a JSON object");
}

const js::Value *Params::find(std::string_view name) const
{
    const js::Value *v = m_value.asObject()->find(name);
    return v && !v->isNull() ? v : nullptr;
}

bool Params::has(std::string_view name) const
{
    return find(name) != nullptr;
}

void Params::wrongType(std::string_view name, std::string_view expected) const
{
    throw serialization(std::string(name) + " must be " + std::string(expected));
}

std::optional<std::string> Params::string(std::string_view name) const
{
    const js::Value *v = find(name);
    if (!v)
        return std::nullopt;
    if (!v->isString())
        wrongType(name, "a string");
    return v->asString();
}

std::string Params::requiredString(std::string_view name) const
{
    auto s = string(name);
    if (!s)
        throw missingMember(name);
    return *s;
}

std::optional<bool> Params::boolean(std::string_view name) const
{
    const js::Value *v = find(name);
    if (!v)
        return std::nullopt;
    if (!v->isBoolean())
        wrongType(name, "a boolean");
    return v->asBoolean();
}

std::optional<long long> Params::integer(std::string_view name, long long min, long long max) const
{
    const js::Value *v = find(name);
    if (!v)
        return std::nullopt;
    if (!v->isNumber() || !std::isfinite(v->asNumber()) || std::floor(v->asNumber()) != v->asNumber() ||
        std::fabs(v->asNumber()) > 9.0e18)
        wrongType(name, "a whole number");
    const auto n = static_cast<long long>(v->asNumber());
    const std::string prefix = "1 validation error detected: Value '" + std::to_string(n) + "' at '" +
                               memberPath(name) + "' failed to satisfy constraint: ";
    if (n < min)
        throw validation(prefix + "Member must have value greater than or equal to " + std::to_string(min));
    if (n > max)
        throw validation(prefix + "Member must have value less than or equal to " + std::to_string(max));
    return n;
}

std::optional<Params> Params::object(std::string_view name) const
{
    const js::Value *v = find(name);
    if (!v)
        return std::nullopt;
    if (!v->isObject())
        wrongType(name, "a JSON object");
    return Params(*v, name);
}

Params Params::requiredObject(std::string_view name) const
{
    auto p = object(name);
    if (!p)
        throw missingMember(name);
    return *p;
}

std::vector<js::Value> Params::array(std::string_view name) const
{
    const js::Value *v = find(name);
    if (!v)
        return {};
    if (!v->isArray())
        wrongType(name, "a JSON array");
    return v->asArray()->items;
}

std::optional<dynamodb::AttributeMap> Params::attributeMap(std::string_view name) const
{
    const js::Value *v = find(name);
    if (!v)
        return std::nullopt;
    if (!v->isObject())
        wrongType(name, "a map of attribute values");
    return dynamodb::parseItem(*v);
}

dynamodb::AttributeMap Params::requiredAttributeMap(std::string_view name) const
{
    auto m = attributeMap(name);
    if (!m)
        throw missingMember(name);
    return *m;
}

std::vector<std::string> Params::names() const
{
    std::vector<std::string> out;
    m_value.asObject()->forEach([&](std::string_view key, const js::Value &) { out.emplace_back(key); });
    return out;
}

} // namespace orderlab::aws
