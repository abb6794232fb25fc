#pragma once

#include "api_error.h"
#include "dynamodb/attribute_value.h"
#include "js/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab::aws {

/**
 * One JSON object of a request (the body, or a structure inside it), read with DynamoDB's
 * errors: a missing required member is "1 validation error detected: Value null at 'tableName'
 * failed to satisfy constraint: Member must not be null" (the member's name with a lower-case
 * first letter, as DynamoDB writes it); a member of the wrong JSON type is a
 * SerializationException naming the member. Values are borrowed from the parsed body.
 */
class Params
{
  public:
    /// @throws ApiError SerializationException when `value` is not a JSON object.
    Params(const js::Value &value, std::string_view what);
    /// Parses `body`. @throws ApiError SerializationException for malformed JSON or a non-object.
    static js::Value parseBody(std::string_view body);

    bool has(std::string_view name) const;
    const js::Value *find(std::string_view name) const;

    std::optional<std::string> string(std::string_view name) const;
    std::string requiredString(std::string_view name) const;
    std::optional<bool> boolean(std::string_view name) const;
    /// A whole number in [min, max]; out of range is DynamoDB's "Member must have value ..." text.
    std::optional<long long> integer(std::string_view name, long long min, long long max) const;
    std::optional<Params> object(std::string_view name) const;
    Params requiredObject(std::string_view name) const;
    /// The elements of an array member; empty when absent.
    std::vector<js::Value> array(std::string_view name) const;
    std::optional<dynamodb::AttributeMap> attributeMap(std::string_view name) const;
    dynamodb::AttributeMap requiredAttributeMap(std::string_view name) const;
    /// The member names, in order.
    std::vector<std::string> names() const;
    const js::Value &value() const { return m_value; }

  private:
    [[noreturn]] void wrongType(std::string_view name, std::string_view expected) const;
    js::Value m_value;
};

/// "1 validation error detected: Value null at 'x' failed to satisfy constraint: Member must not be null".
ApiError missingMember(std::string_view name);

/// DynamoDB's table-name rules (3 to 255 characters of [a-zA-Z0-9_.-]). @throws ApiError.
void checkTableName(const std::string &name, std::string_view member = "tableName");

/// The member's name as DynamoDB's validation messages write it ("TableName" -> "tableName").
std::string memberPath(std::string_view name);

} // namespace orderlab::aws
