#include "text_diff.h"

#include <algorithm>
#include <vector>

namespace orderlab::scenario {

namespace {
std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(text.substr(start));
            break;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

enum class Op { Same, Remove, Add };
struct Edit
{
    Op op;
    std::size_t a, b; // line indices in expected / actual
};

/// The edits turning a[lo..ha) into b[lo..hb): LCS for a middle of moderate size, else all removed then added.
void middleEdits(const std::vector<std::string> &a, const std::vector<std::string> &b, std::size_t lo, std::size_t ha,
                 std::size_t hb, std::vector<Edit> &out)
{
    const std::size_t n = ha - lo, m = hb - lo;
    if (n * m > 4'000'000) {
        for (std::size_t i = lo; i < ha; ++i)
            out.push_back({Op::Remove, i, 0});
        for (std::size_t j = lo; j < hb; ++j)
            out.push_back({Op::Add, 0, j});
        return;
    }
    std::vector<std::vector<std::uint32_t>> l(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            l[i][j] = a[lo + i] == b[lo + j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[lo + i] == b[lo + j])
            out.push_back({Op::Same, lo + i++, lo + j++});
        else if (i < n && (j == m || l[i + 1][j] >= l[i][j + 1]))
            out.push_back({Op::Remove, lo + i++, 0});
        else
            out.push_back({Op::Add, 0, lo + j++});
    }
}
} // namespace

std::string lineDiff(const std::string &expected, const std::string &actual, int context, std::size_t maxLines)
{
    if (expected == actual)
        return {};
    const auto a = lines(expected), b = lines(actual);
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    std::vector<Edit> edits;
    for (std::size_t i = 0; i < prefix; ++i)
        edits.push_back({Op::Same, i, i});
    // Shift the middle into b's numbering: the same prefix, so one offset serves both.
    std::vector<Edit> middle;
    {
        std::vector<std::string> am(a.begin() + static_cast<long>(prefix), a.end() - static_cast<long>(suffix));
        std::vector<std::string> bm(b.begin() + static_cast<long>(prefix), b.end() - static_cast<long>(suffix));
        middleEdits(am, bm, 0, am.size(), bm.size(), middle);
        for (auto &e : middle)
            edits.push_back({e.op, e.a + prefix, e.b + prefix});
    }
    for (std::size_t k = 0; k < suffix; ++k)
        edits.push_back({Op::Same, a.size() - suffix + k, b.size() - suffix + k});

    std::vector<bool> shown(edits.size(), false);
    for (std::size_t k = 0; k < edits.size(); ++k)
        if (edits[k].op != Op::Same)
            for (std::size_t c = k >= static_cast<std::size_t>(context) ? k - context : 0;
                 c <= std::min(edits.size() - 1, k + context); ++c)
                shown[c] = true;
    std::string out = "--- expected\n+++ actual\n";
    std::size_t written = 0, hidden = 0;
    bool inStretch = false;
    for (std::size_t k = 0; k < edits.size(); ++k) {
        if (!shown[k]) {
            inStretch = false;
            continue;
        }
        if (written >= maxLines) {
            hidden += edits[k].op != Op::Same ? 1 : 0;
            continue;
        }
        if (!inStretch) {
            std::size_t line = edits[k].op == Op::Add ? (k > 0 ? edits[k - 1].a + 2 : 1) : edits[k].a + 1;
            out += "@@ line " + std::to_string(line) + " @@\n";
            inStretch = true;
        }
        const Edit &e = edits[k];
        out += e.op == Op::Same ? " " + a[e.a] : e.op == Op::Remove ? "-" + a[e.a] : "+" + b[e.b];
        out += '\n';
        ++written;
    }
    if (hidden > 0)
        out += "... and " + std::to_string(hidden) + " more differing lines\n";
    return out;
}

} // namespace orderlab::scenario
