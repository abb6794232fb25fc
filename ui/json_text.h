#pragma once

#include <QString>

namespace orderlab::json_text {

/// Re-indents JSON text without parsing numbers or reordering keys (BigInts and key order survive).
/// Text that is not JSON comes back unchanged.
QString pretty(const QString &json);

/// The JSON text on one line, cut to `maxChars` with an ellipsis.
QString preview(const QString &json, int maxChars = 160);

/// The `items` attribute of an item in AttributeValue JSON (`{"items":{"L":[…]}}`), as plain JSON
/// (`[{"name":"margherita",…}]`), keys in their order, numbers as written. Empty when it has none.
QString plainItems(const QString &itemJson);

/// Checks JSON syntax; returns empty when valid, else "line L, column C: what".
QString syntaxError(const QString &json);

} // namespace orderlab::json_text
