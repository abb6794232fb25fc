#include "yaml_values.h"

#include "text/number_text.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <regex>

namespace orderlab::scenario {

namespace {
std::string kindOf(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return "nothing";
    case YAML::NodeType::Scalar:
        return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

bool plain(const YAML::Node &node)
{
    return node.Tag() != "!";
}
} // namespace

SourcePlace YamlValues::place(const YAML::Node &node) const
{
    const YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    if (mark.line < 0)
        return {m_file, 0, 0};
    return {m_file, mark.line + 1, mark.column + 1};
}

void YamlValues::fail(const YAML::Node &node, const std::string &message) const
{
    throw ScenarioError(place(node), message);
}

void YamlValues::mapWithKeys(const YAML::Node &node, const std::string &what,
                             std::initializer_list<const char *> allowed) const
{
    if (!node.IsMap())
        fail(node, what + " must be a mapping, got " + kindOf(node));
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        bool known = false;
        for (const char *a : allowed)
            known = known || key == a;
        if (!known) {
            std::string list;
            for (const char *a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            fail(it->first, "unknown field '" + key + "' in " + what + " (it takes " + list + ")");
        }
    }
}

void YamlValues::sequence(const YAML::Node &node, const std::string &what) const
{
    if (!node.IsSequence())
        fail(node, what + " must be a list, got " + kindOf(node));
}

std::string YamlValues::string(const YAML::Node &node, const std::string &what) const
{
    if (!node.IsScalar())
        fail(node, what + " must be a text, got " + kindOf(node));
    return node.Scalar();
}

bool YamlValues::boolean(const YAML::Node &node, const std::string &what) const
{
    if (node.IsScalar() && plain(node)) {
        if (node.Scalar() == "true")
            return true;
        if (node.Scalar() == "false")
            return false;
    }
    fail(node, what + " must be true or false, got " + kindOf(node));
}

long long YamlValues::whole(const YAML::Node &node, const std::string &what, long long min, long long max) const
{
    if (!node.IsScalar())
        fail(node, what + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                       ", got " + kindOf(node));
    long long out = 0;
    const std::string error = text::readWholeNumber(what, node.Scalar(), min, max, out);
    if (!error.empty())
        fail(node, error);
    return out;
}

double YamlValues::number(const YAML::Node &node, const std::string &what, double min, double max) const
{
    if (!node.IsScalar())
        fail(node, what + " must be a number, got " + kindOf(node));
    double out = 0;
    const std::string error = text::readNumber(what, node.Scalar(), min, max, out);
    if (!error.empty())
        fail(node, error);
    return out;
}

TimeMs YamlValues::duration(const YAML::Node &node, const std::string &what, TimeMs max) const
{
    const std::string wants = what + " must be a duration such as 250ms, 1.5s or 2m";
    if (!node.IsScalar())
        fail(node, wants + ", got " + kindOf(node));
    const std::string text = node.Scalar();
    static const std::regex shape(R"(^(.*?)(ms|s|m|h)$)");
    std::smatch m;
    if (!std::regex_match(text, m, shape))
        fail(node, wants + ", got '" + text + "' (no unit)");
    const double unit = m[2] == "ms" ? 1 : m[2] == "s" ? 1000 : m[2] == "m" ? 60000 : 3600000;
    double value = 0;
    const std::string error = text::readNumber(what, m[1].str(), 0, static_cast<double>(max) / unit, value);
    if (!error.empty())
        fail(node, error + " (in " + m[2].str() + ")");
    const double ms = value * unit;
    if (ms != std::floor(ms))
        fail(node, what + " must be a whole number of milliseconds, got '" + text + "'");
    return static_cast<TimeMs>(ms);
}

QJsonValue YamlValues::json(const YAML::Node &node) const
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar: {
        const std::string s = node.Scalar();
        if (!plain(node))
            return QString::fromStdString(s);
        if (s == "null" || s == "~" || s.empty())
            return QJsonValue::Null;
        if (s == "true" || s == "false")
            return s == "true";
        double d = 0;
        if (text::parseNumber(s, -1.7976931348623157e308, 1.7976931348623157e308, d) == text::NumberProblem::None)
            return d;
        return QString::fromStdString(s);
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &item : node)
            a.append(json(item));
        return a;
    }
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (auto it = node.begin(); it != node.end(); ++it)
            o.insert(QString::fromStdString(it->first.Scalar()), json(it->second));
        return o;
    }
    }
    return QJsonValue::Null;
}

} // namespace orderlab::scenario
