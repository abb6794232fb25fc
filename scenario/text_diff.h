#pragma once

#include <string>

namespace orderlab::scenario {

/**
 * A line diff of `expected` against `actual` that people read: "--- expected" / "+++ actual"
 * headers, then each differing stretch with up to `context` unchanged lines around it, removed
 * lines as "-", added as "+", and "@@ line N @@" before each stretch (N: its first line in
 * `expected`). Empty when the texts are equal. Bounded: past `maxLines` output lines it says how
 * many more differ instead.
 */
std::string lineDiff(const std::string &expected, const std::string &actual, int context = 2,
                     std::size_t maxLines = 200);

} // namespace orderlab::scenario
