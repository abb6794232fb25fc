#pragma once

#include <stdexcept>
#include <string>

namespace orderlab::js {

/**
 * A JavaScript exception: `name` is the constructor ("Error", "TypeError",
 * "SyntaxError", "RangeError") and `what()` is the first line of its stack,
 * `"<name>: <message>"`, as the reference handler logs it.
 */
class JsError : public std::runtime_error
{
  public:
    JsError(std::string name, const std::string &message)
        : std::runtime_error(name + ": " + message), m_name(std::move(name)), m_message(message)
    {
    }
    const std::string &name() const { return m_name; }
    const std::string &message() const { return m_message; }

    static JsError typeError(const std::string &m) { return JsError("TypeError", m); }
    static JsError error(const std::string &m) { return JsError("Error", m); }

  private:
    std::string m_name;
    std::string m_message;
};

} // namespace orderlab::js
