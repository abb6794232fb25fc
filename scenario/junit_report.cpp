#include "junit_report.h"

#include <cstdio>

namespace orderlab::scenario {

std::string xmlEscape(const std::string &text, bool attribute)
{
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\n':
            out += attribute ? "&#10;" : "\n";
            break;
        case '\t':
            out += attribute ? "&#9;" : "\t";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            if (c >= 0x20) // other control characters are not allowed in XML 1.0
                out += ch;
        }
    }
    return out;
}

std::string junitXml(const std::vector<CheckResult> &results)
{
    int failures = 0, errors = 0;
    double total = 0;
    for (const auto &r : results) {
        failures += r.status == CheckResult::Status::Failed ? 1 : 0;
        errors += r.status == CheckResult::Status::Broken ? 1 : 0;
        total += r.seconds;
    }
    auto seconds = [](double s) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", s);
        return std::string(buf);
    };
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites>\n";
    out += "  <testsuite name=\"orderlab-scenarios\" tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
           std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" time=\"" + seconds(total) + "\">\n";
    for (const auto &r : results) {
        out += "    <testcase classname=\"scenarios\" name=\"" + xmlEscape(r.name) + "\" file=\"" + xmlEscape(r.path) +
               "\" time=\"" + seconds(r.seconds) + "\"";
        if (r.status == CheckResult::Status::Passed) {
            out += "/>\n";
            continue;
        }
        const char *tag = r.status == CheckResult::Status::Failed ? "failure" : "error";
        out += ">\n      <" + std::string(tag) + " message=\"" + xmlEscape(r.message) + "\">" +
               xmlEscape(r.message + "\n" + r.details, false) + "</" + tag + ">\n    </testcase>\n";
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

} // namespace orderlab::scenario
