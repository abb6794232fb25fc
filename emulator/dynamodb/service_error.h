#pragma once

#include <stdexcept>
#include <string>

namespace orderlab::dynamodb {

/// A request DynamoDB refuses with an error other than ValidationException, e.g.
/// ResourceNotFoundException or ResourceInUseException. `type()` is the exception's short
/// name (what follows '#' in `__type`); `what()` is the message.
class ServiceError : public std::runtime_error
{
  public:
    ServiceError(std::string type, const std::string &message) : std::runtime_error(message), m_type(std::move(type)) {}
    const std::string &type() const { return m_type; }

  private:
    std::string m_type;
};

/// DynamoDB's texts for the common cases.
inline ServiceError tableNotFound()
{
    return ServiceError("ResourceNotFoundException", "Cannot do operations on a non-existent table");
}
inline ServiceError tableInUse(const std::string &name)
{
    return ServiceError("ResourceInUseException", "Table already exists: " + name);
}

} // namespace orderlab::dynamodb
