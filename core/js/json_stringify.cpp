#include "json.h"

#include "js_error.h"
#include "numbers.h"
#include "wtf8.h"

namespace orderlab::js {

namespace {

const char kHex[] = "0123456789abcdef";

void appendUnicodeEscape(std::string &out, std::uint32_t unit)
{
    out += "\\u";
    out += kHex[(unit >> 12) & 0xF];
    out += kHex[(unit >> 8) & 0xF];
    out += kHex[(unit >> 4) & 0xF];
    out += kHex[unit & 0xF];
}

void stringifyValue(const Value &v, std::string &out, int depth);

/// Appends the member or element; false when JavaScript leaves it out (undefined).
bool stringifyMember(const Value &v, std::string &out, int depth)
{
    if (v.isUndefined())
        return false;
    stringifyValue(v, out, depth);
    return true;
}

void stringifyValue(const Value &v, std::string &out, int depth)
{
    if (depth > kMaxDepth)
        throw JsError("RangeError", "Maximum call stack size exceeded");
    switch (v.type()) {
    case Value::Type::Undefined:
        out += "null";
        break; // only reached inside arrays
    case Value::Type::Null:
        out += "null";
        break;
    case Value::Type::Boolean:
        out += v.asBoolean() ? "true" : "false";
        break;
    case Value::Type::Number: {
        double d = v.asNumber();
        if (d != d || d - d != 0)
            out += "null";
        else
            appendNumber(out, d);
        break;
    }
    case Value::Type::BigInt:
        throw JsError::typeError("Do not know how to serialize a BigInt");
    case Value::Type::String:
        appendQuoted(out, v.asString());
        break;
    case Value::Type::Set:
        out += "{}";
        break;
    case Value::Type::Array: {
        out += '[';
        bool first = true;
        for (const auto &item : v.asArray()->items) {
            if (!first)
                out += ',';
            first = false;
            stringifyValue(item, out, depth + 1);
        }
        out += ']';
        break;
    }
    case Value::Type::Object: {
        out += '{';
        bool first = true;
        v.asObject()->forEach([&](std::string_view key, const Value &value) {
            if (value.isUndefined())
                return;
            if (!first)
                out += ',';
            first = false;
            appendQuoted(out, key);
            out += ':';
            stringifyMember(value, out, depth + 1);
        });
        out += '}';
        break;
    }
    }
}

} // namespace

void appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    std::size_t runStart = 0;
    std::size_t i = 0;
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    while (i < s.size()) {
        unsigned char c = p[i];
        bool plain = c >= 0x20 && c != '"' && c != '\\' && c != 0xED;
        if (plain) {
            ++i;
            continue;
        }
        if (c == 0xED && i + 2 < s.size() && p[i + 1] < 0xA0) { // U+D000..U+D7FF: ordinary
            i += 3;
            continue;
        }
        out.append(s.substr(runStart, i - runStart));
        if (c == 0xED) { // a lone surrogate (WTF-8), or a stray byte
            std::size_t pos = i;
            std::uint32_t cp = wtf8::decode(s, pos);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                appendUnicodeEscape(out, cp);
            else
                out.append(s.substr(i, pos - i));
            i = pos;
            runStart = i;
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            appendUnicodeEscape(out, c);
            break;
        }
        ++i;
        runStart = i;
    }
    out.append(s.substr(runStart));
    out += '"';
}

bool stringifyJson(const Value &value, std::string &out)
{
    if (value.isUndefined())
        return false;
    std::size_t mark = out.size();
    try {
        stringifyValue(value, out, 0);
    } catch (...) {
        out.resize(mark);
        throw;
    }
    return true;
}

std::optional<std::string> stringifyJson(const Value &value)
{
    std::string out;
    if (!stringifyJson(value, out))
        return std::nullopt;
    return out;
}

} // namespace orderlab::js
