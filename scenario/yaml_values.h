#pragma once

#include "clock.h"
#include "source_place.h"

#include <QJsonValue>
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

namespace orderlab::scenario {

/**
 * Reads typed values out of one YAML file's nodes. Every failure throws ScenarioError at the
 * node's line and column, naming the field (`what`, such as "world.seed") and what it wants.
 * A node without a position (an absent value) is reported at `fallback`'s.
 */
class YamlValues
{
  public:
    explicit YamlValues(std::string file) : m_file(std::move(file)) {}

    const std::string &file() const { return m_file; }
    SourcePlace place(const YAML::Node &node) const;
    [[noreturn]] void fail(const YAML::Node &node, const std::string &message) const;

    /// The node must be a mapping whose keys are all in `allowed`.
    void mapWithKeys(const YAML::Node &node, const std::string &what,
                     std::initializer_list<const char *> allowed) const;
    void sequence(const YAML::Node &node, const std::string &what) const;
    std::string string(const YAML::Node &node, const std::string &what) const;
    bool boolean(const YAML::Node &node, const std::string &what) const;
    long long whole(const YAML::Node &node, const std::string &what, long long min, long long max) const;
    double number(const YAML::Node &node, const std::string &what, double min, double max) const;
    /// A duration: a number and a unit, ms, s, m or h ("250ms", "1.5s", "2m"); a whole number of ms.
    TimeMs duration(const YAML::Node &node, const std::string &what, TimeMs max) const;
    /// Any YAML value as JSON: quoted scalars are strings; plain ones null, true, false, a number or a string.
    QJsonValue json(const YAML::Node &node) const;

  private:
    std::string m_file;
};

} // namespace orderlab::scenario
