#pragma once

#include <stdexcept>
#include <string>

namespace orderlab::scenario {

/// Where something stands in a scenario file: the file's path and a 1-based line and column
/// (0 when unknown, e.g. a file that cannot be read).
struct SourcePlace
{
    std::string file;
    int line = 0;
    int column = 0;

    /// "file:line:column", or "file" when the line is unknown.
    std::string text() const;
};

/// A scenario that cannot be loaded or run: what was wrong, and where. what() is
/// "file:line:column: message".
class ScenarioError : public std::runtime_error
{
  public:
    ScenarioError(SourcePlace place, const std::string &message);
    const SourcePlace &place() const { return m_place; }
    const std::string &message() const { return m_message; }

  private:
    SourcePlace m_place;
    std::string m_message;
};

} // namespace orderlab::scenario
