#pragma once

#include "scenario_check.h"

#include <string>
#include <vector>

namespace orderlab::scenario {

/// JUnit XML for `results`: one testsuite "orderlab-scenarios" with one testcase per scenario
/// (classname "scenarios", name, time in seconds); a failed one has <failure message=...> with
/// the details as text, a broken one <error>. Text and attributes are escaped; characters XML 1.0
/// forbids are dropped.
std::string junitXml(const std::vector<CheckResult> &results);

/// `text` escaped for an XML attribute value (newlines and tabs as character references), or with
/// `attribute` false for element text (newlines and tabs kept).
std::string xmlEscape(const std::string &text, bool attribute = true);

} // namespace orderlab::scenario
