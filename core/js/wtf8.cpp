#include "wtf8.h"

namespace orderlab::js::wtf8 {

void appendCodePoint(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

void appendCodeUnit(std::string &out, std::uint16_t unit)
{
    if (unit >= 0xDC00 && unit <= 0xDFFF && out.size() >= 3) {
        const auto *p = reinterpret_cast<const unsigned char *>(out.data() + out.size() - 3);
        if (p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xAF) { // a lone high surrogate ends `out`
            std::uint32_t high = 0xD000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            out.resize(out.size() - 3);
            appendCodePoint(out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
            return;
        }
    }
    appendCodePoint(out, unit);
}

std::uint32_t decode(std::string_view s, std::size_t &pos)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    unsigned char c = p[pos];
    if (c < 0x80) {
        ++pos;
        return c;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || pos + static_cast<std::size_t>(len) > n) {
        ++pos;
        return 0xFFFD;
    }
    std::uint32_t cp = c & (0xFF >> (len + 1));
    for (int i = 1; i < len; ++i) {
        unsigned char cc = p[pos + static_cast<std::size_t>(i)];
        if ((cc & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    pos += static_cast<std::size_t>(len);
    return cp;
}

namespace {
bool isValidUtf8(std::string_view bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        int need;
        unsigned char lo = 0x80, hi = 0xBF;
        unsigned char c = p[i];
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else
            return false;
        for (int k = 1; k <= need; ++k) {
            if (i + static_cast<std::size_t>(k) >= n || p[i + k] < lo || p[i + k] > hi)
                return false;
            lo = 0x80;
            hi = 0xBF;
        }
        i += static_cast<std::size_t>(need) + 1;
    }
    return true;
}
} // namespace

std::string fromUtf8Lossy(std::string_view bytes)
{
    if (isValidUtf8(bytes))
        return std::string(bytes);
    std::string out;
    out.reserve(bytes.size());
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        int need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            appendCodePoint(out, 0xFFFD);
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        bool ok = true;
        for (int k = 0; k < need; ++k, ++j) {
            if (j >= n || p[j] < lo || p[j] > hi) {
                ok = false;
                break;
            }
            lo = 0x80;
            hi = 0xBF;
        }
        if (ok) {
            out.append(bytes.substr(i, j - i));
        } else {
            appendCodePoint(out, 0xFFFD);
        }
        i = j;
    }
    return out;
}

std::string toWellFormedUtf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::uint32_t cp = decode(s, pos);
        appendCodePoint(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
    }
    return out;
}

bool lessUtf16(std::string_view a, std::string_view b)
{
    std::size_t i = 0, j = 0;
    std::uint32_t pendingA = 0, pendingB = 0; // trailing low surrogate of a split pair
    while (true) {
        bool endA = pendingA == 0 && i >= a.size();
        bool endB = pendingB == 0 && j >= b.size();
        if (endA || endB)
            return endA && !endB;
        std::uint32_t ua, ub;
        if (pendingA) {
            ua = pendingA;
            pendingA = 0;
        } else {
            std::uint32_t cp = decode(a, i);
            if (cp >= 0x10000) {
                ua = 0xD800 + ((cp - 0x10000) >> 10);
                pendingA = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            } else
                ua = cp;
        }
        if (pendingB) {
            ub = pendingB;
            pendingB = 0;
        } else {
            std::uint32_t cp = decode(b, j);
            if (cp >= 0x10000) {
                ub = 0xD800 + ((cp - 0x10000) >> 10);
                pendingB = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            } else
                ub = cp;
        }
        if (ua != ub)
            return ua < ub;
    }
}

} // namespace orderlab::js::wtf8
