#pragma once

#include "event.h"

#include <QJsonObject>

#include <string>

namespace orderlab {

/// Every field of `event` as a JSON object with stable key names ({"seq", "time", "kind",
/// "traceId", "invocationId", ...payload fields}): what recordings and diffs compare.
QJsonObject eventJson(const Event &event);

/// One line for people (the Trace pane), made from the structured fields; never parsed.
std::string describeEvent(const Event &event);

} // namespace orderlab
