#pragma once

#include "dynamodb/attribute_value.h"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace orderlab::dynamodb::expr {

/**
 * One request's ExpressionAttributeNames (`#n` → name) and ExpressionAttributeValues (`:v` → value),
 * and which of them the request's expressions used. Parse every expression of the request with the same
 * context, then call checkAllUsed(): DynamoDB refuses a placeholder that no expression of the request
 * uses. Not thread-safe (parsing marks placeholders used); one context per request.
 */
class ExpressionContext
{
  public:
    using Names = std::map<std::string, std::string>;
    using Values = std::map<std::string, AttributeValue>;

    /// Throws ValidationError for a key that is not `#` or `:` followed by [A-Za-z0-9_]+:
    /// `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"` (…Values… likewise).
    explicit ExpressionContext(Names names = {}, Values values = {});

    /// The name or value behind a placeholder, marking it used; nullptr when it is not defined.
    const std::string *useName(std::string_view placeholder);
    const AttributeValue *useValue(std::string_view placeholder);

    /// Throws ValidationError "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"
    /// (names first), then the same for ExpressionAttributeValues.
    void checkAllUsed() const;

  private:
    Names m_names;
    Values m_values;
    std::set<std::string, std::less<>> m_usedNames;
    std::set<std::string, std::less<>> m_usedValues;
};

} // namespace orderlab::dynamodb::expr
