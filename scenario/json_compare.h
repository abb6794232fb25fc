#pragma once

#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

namespace orderlab::scenario {

/// JSON text as a value: a document, or a plain string when `text` is not JSON. No exceptions.
QJsonValue jsonOrString(const std::string &text);
/// `value` as compact JSON text (a string as its JSON literal).
std::string compactJson(const QJsonValue &value);
/// `value` pretty-printed with sorted keys (QJsonObject keeps keys sorted), no trailing newline.
std::string prettyJson(const QJsonValue &value);

/// True when `subset` is in `value`: objects by key (value may have more keys), arrays element
/// by element in order as a prefix-free subsequence (each expected element matches a later actual
/// one), scalars equal (numbers by value).
bool containsJson(const QJsonValue &value, const QJsonValue &subset);

/// The paths ($.a.b[2]) where `actual` differs from `expected`; with `subsetOnly`, keys that only
/// `actual` has are not differences. At most `limit` paths.
std::vector<std::string> differingPaths(const QJsonValue &expected, const QJsonValue &actual, bool subsetOnly,
                                        std::size_t limit = 20);

/// The value at `path` in `value`: `$`, `.name`, `["name"]` and `[index]` steps, the leading `$`
/// optional (`items[0].name`). Nothing when a step does not exist; `error` set when the path
/// does not parse.
std::optional<QJsonValue> jsonAtPath(const QJsonValue &value, const std::string &path, std::string *error);

} // namespace orderlab::scenario
