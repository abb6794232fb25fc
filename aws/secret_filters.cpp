#include "secret_filters.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace orderlab::aws {

namespace {

constexpr std::array<std::string_view, 7> kKeys = {"description",    "name",           "tag-key", "tag-value",
                                                   "primary-region", "owning-service", "all"};

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

/// The runs of letters and digits in `s`, lower-cased.
std::vector<std::string> words(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && !isWordChar(s[i]))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && isWordChar(s[i]))
            ++i;
        if (i > start)
            out.push_back(lower(s.substr(start, i - start)));
    }
    return out;
}

bool matches(const SecretInfo &secret, const std::string &key, const std::string &value)
{
    if (key == "name")
        return startsWith(secret.name, value);
    if (key == "tag-key" || key == "tag-value") {
        return std::any_of(secret.tags.begin(), secret.tags.end(), [&](const auto &tag) {
            return startsWith(key == "tag-key" ? tag.first : tag.second, value);
        });
    }
    if (key == "description") {
        if (secret.description.empty())
            return false;
        const std::string wanted = lower(value);
        if (startsWith(lower(secret.description), wanted))
            return true;
        const auto ws = words(secret.description);
        return std::any_of(ws.begin(), ws.end(), [&](const std::string &w) { return startsWith(w, wanted); });
    }
    if (key == "all") {
        std::vector<std::string> attributes = words(secret.name);
        for (const auto &w : words(secret.description))
            attributes.push_back(w);
        for (const auto &[k, v] : secret.tags) {
            for (const auto &w : words(k))
                attributes.push_back(w);
            for (const auto &w : words(v))
                attributes.push_back(w);
        }
        for (const auto &wanted : words(value)) {
            for (const auto &a : attributes) {
                if (startsWith(a, wanted))
                    return true;
            }
        }
        return false;
    }
    return false; // primary-region, owning-service
}

bool passes(const SecretInfo &secret, const SecretFilter &filter)
{
    bool anyPlain = false, plainHit = false;
    for (const auto &value : filter.values) {
        if (!value.empty() && value[0] == '!') {
            if (matches(secret, filter.key, value.substr(1)))
                return false;
        } else {
            anyPlain = true;
            plainHit = plainHit || matches(secret, filter.key, value);
        }
    }
    return !anyPlain || plainHit;
}

} // namespace

bool knownFilterKey(const std::string &key)
{
    return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

bool passesFilters(const SecretInfo &secret, const std::vector<SecretFilter> &filters)
{
    return std::all_of(filters.begin(), filters.end(), [&](const SecretFilter &f) { return passes(secret, f); });
}

} // namespace orderlab::aws
