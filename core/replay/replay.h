#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace orderlab {

/// A file that is not JSON lines; `line` is 1-based.
class ReplayInputError : public std::runtime_error
{
  public:
    ReplayInputError(std::size_t line, const std::string &what)
        : std::runtime_error("line " + std::to_string(line) + ": " + what), m_line(line)
    {
    }
    std::size_t line() const { return m_line; }

  private:
    std::size_t m_line;
};

/**
 * `orderlab replay`: runs every event of a JSON-lines file (one Lambda stream event per
 * line; empty lines skipped) through the handler against an in-memory cache and topics
 * that never expire or fail, and returns one JSON object:
 * `{"cache":{key:value,...},"published":[{"topic","value"},...],"failures":[{"itemIdentifier","error"},...]}`.
 * `cache` and `published` are laid out exactly as the reference runner prints them.
 *
 * The file is decoded as Node decodes it (invalid UTF-8 becomes U+FFFD) and every line
 * is parsed before any runs: a line that is not JSON throws ReplayInputError naming it.
 */
std::string replayEvents(std::string_view fileBytes);

} // namespace orderlab
