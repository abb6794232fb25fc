#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// WTF-8 helpers: the string encoding of js::Value (UTF-8 that also carries lone surrogates).
namespace orderlab::js::wtf8 {

/// Appends one code point (0..0x10FFFF, surrogates included) as WTF-8.
void appendCodePoint(std::string &out, std::uint32_t cp);

/// Appends one UTF-16 code unit; a low surrogate right after a lone high one joins it into one code point.
void appendCodeUnit(std::string &out, std::uint16_t unit);

/**
 * Decodes the code point at `pos` and advances `pos`. Input is WTF-8 (as produced by
 * this library); an invalid byte decodes as U+FFFD and advances by one.
 */
std::uint32_t decode(std::string_view s, std::size_t &pos);

/**
 * Decodes raw bytes as UTF-8 the way Node's `Buffer.toString('utf8')` does (WHATWG):
 * each maximal invalid subpart becomes U+FFFD. The result is valid UTF-8.
 */
std::string fromUtf8Lossy(std::string_view bytes);

/**
 * What `new TextEncoder().encode(s)` makes of a string (the SDKs' way of turning a JavaScript string into bytes,
 * for cache keys, values and topic names): the WTF-8 `s` as UTF-8, each lone surrogate as U+FFFD.
 */
std::string toWellFormedUtf8(std::string_view s);

/// JavaScript's `<` on strings: compares by UTF-16 code units.
bool lessUtf16(std::string_view a, std::string_view b);

/// The UTF-16 code units of `s`, each as WTF-8 (a supplementary character gives two lone surrogates).
template <typename F> void forEachCodeUnit(std::string_view s, F &&f)
{
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::uint32_t cp = decode(s, pos);
        std::string unit;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            appendCodePoint(unit, 0xD800 + (cp >> 10));
            f(unit);
            unit.clear();
            appendCodePoint(unit, 0xDC00 + (cp & 0x3FF));
        } else {
            appendCodePoint(unit, cp);
        }
        f(unit);
    }
}

} // namespace orderlab::js::wtf8
