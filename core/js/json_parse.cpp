#include "json.h"

#include "wtf8.h"

#include <charconv>
#include <cstdlib>

namespace orderlab::js {

namespace {

/// Build = false only checks the text (no values, no allocations).
template <bool Build> class Parser
{
  public:
    explicit Parser(std::string_view text) : m_s(text) {}

    Value parseDocument()
    {
        skipSpace();
        Value v = parseValue(0);
        skipSpace();
        if (m_pos != m_s.size())
            fail("unexpected non-whitespace character after JSON");
        return v;
    }

  private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw JsonParseError("JSON.parse: " + what + " at byte " + std::to_string(m_pos), m_pos);
    }
    [[noreturn]] void failUnexpected() const
    {
        if (m_pos >= m_s.size())
            fail("unexpected end of JSON input");
        unsigned char c = static_cast<unsigned char>(m_s[m_pos]);
        if (c >= 0x20 && c < 0x7F)
            fail(std::string("unexpected character '") + static_cast<char>(c) + "'");
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", c);
        fail(std::string("unexpected byte ") + buf);
    }

    void skipSpace()
    {
        while (m_pos < m_s.size()) {
            char c = m_s[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool consume(std::string_view word)
    {
        if (m_s.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    Value parseValue(int depth)
    {
        if (depth > kMaxDepth)
            fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        if (m_pos >= m_s.size())
            failUnexpected();
        switch (m_s[m_pos]) {
        case '{':
            return parseObject(depth);
        case '[':
            return parseArray(depth);
        case '"':
            return Value(parseString());
        case 't':
            if (consume("true"))
                return Value(true);
            break;
        case 'f':
            if (consume("false"))
                return Value(false);
            break;
        case 'n':
            if (consume("null"))
                return Value(Null{});
            break;
        default:
            if (m_s[m_pos] == '-' || (m_s[m_pos] >= '0' && m_s[m_pos] <= '9'))
                return Value(parseNumber());
        }
        failUnexpected();
    }

    Value parseObject(int depth)
    {
        ++m_pos;
        ObjectPtr obj = Build ? newObject() : nullptr;
        skipSpace();
        if (m_pos < m_s.size() && m_s[m_pos] == '}') {
            ++m_pos;
            return Value(obj);
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_s.size() || m_s[m_pos] != '"')
                failUnexpected();
            std::string key = parseString();
            skipSpace();
            if (m_pos >= m_s.size() || m_s[m_pos] != ':')
                failUnexpected();
            ++m_pos;
            skipSpace();
            if constexpr (Build)
                obj->set(key, parseValue(depth + 1));
            else
                parseValue(depth + 1);
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                ++m_pos;
                return Value(obj);
            }
            failUnexpected();
        }
    }

    Value parseArray(int depth)
    {
        ++m_pos;
        ArrayPtr arr = Build ? newArray() : nullptr;
        skipSpace();
        if (m_pos < m_s.size() && m_s[m_pos] == ']') {
            ++m_pos;
            return Value(arr);
        }
        while (true) {
            skipSpace();
            if constexpr (Build)
                arr->items.push_back(parseValue(depth + 1));
            else
                parseValue(depth + 1);
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                ++m_pos;
                return Value(arr);
            }
            failUnexpected();
        }
    }

    double parseNumber()
    {
        const std::size_t start = m_pos;
        if (m_s[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_s.size())
            failUnexpected();
        if (m_s[m_pos] == '0') {
            ++m_pos;
        } else if (m_s[m_pos] >= '1' && m_s[m_pos] <= '9') {
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9')
                ++m_pos;
        } else {
            failUnexpected();
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '.') {
            ++m_pos;
            if (m_pos >= m_s.size() || m_s[m_pos] < '0' || m_s[m_pos] > '9')
                failUnexpected();
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9')
                ++m_pos;
        }
        if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-'))
                ++m_pos;
            if (m_pos >= m_s.size() || m_s[m_pos] < '0' || m_s[m_pos] > '9')
                failUnexpected();
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9')
                ++m_pos;
        }
        double d = 0;
        const char *first = m_s.data() + start;
        const char *last = m_s.data() + m_pos;
        auto res = std::from_chars(first, last, d);
        if (res.ec == std::errc::result_out_of_range)
            d = std::strtod(std::string(first, last).c_str(), nullptr);
        return d;
    }

    int hexDigit(char c) const
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    std::string parseString()
    {
        ++m_pos; // opening quote
        std::string out;
        while (true) {
            // Copy a run of plain bytes at once.
            std::size_t runStart = m_pos;
            while (m_pos < m_s.size()) {
                unsigned char c = static_cast<unsigned char>(m_s[m_pos]);
                if (c == '"' || c == '\\' || c < 0x20)
                    break;
                ++m_pos;
            }
            if constexpr (Build)
                out.append(m_s.substr(runStart, m_pos - runStart));
            if (m_pos >= m_s.size())
                fail("unterminated string");
            char c = m_s[m_pos];
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c != '\\')
                fail("bad control character in string literal");
            ++m_pos;
            if (m_pos >= m_s.size())
                fail("unterminated string");
            char e = m_s[m_pos++];
            if constexpr (!Build) {
                if (e != 'u') {
                    if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                        --m_pos;
                        fail("bad escaped character");
                    }
                    continue;
                }
            }
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                std::uint32_t unit = 0;
                for (int i = 0; i < 4; ++i) {
                    int h = m_pos < m_s.size() ? hexDigit(m_s[m_pos]) : -1;
                    if (h < 0)
                        fail("bad Unicode escape");
                    unit = unit * 16 + static_cast<std::uint32_t>(h);
                    ++m_pos;
                }
                if constexpr (Build)
                    wtf8::appendCodeUnit(out, static_cast<std::uint16_t>(unit));
                break;
            }
            default:
                --m_pos;
                fail("bad escaped character");
            }
        }
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

} // namespace

Value parseJson(std::string_view text)
{
    return Parser<true>(text).parseDocument();
}

void checkJson(std::string_view text)
{
    Parser<false>(text).parseDocument();
}

} // namespace orderlab::js
