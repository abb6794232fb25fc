#pragma once

#include "attribute_value.h"
#include "js/value.h"

namespace orderlab::dynamodb {

/**
 * `marshall` for plain JSON values: string → S, number → N, boolean → BOOL, null → NULL,
 * array → L, object → M (keys in JavaScript order). Throws ValidationError for what DynamoDB
 * cannot store (a number out of range, undefined, a BigInt beyond 38 digits).
 */
AttributeValue marshall(const js::Value &value);

/// Plain JSON text to an AttributeValue (a JSON syntax error is a ValidationError naming the byte).
AttributeValue marshallJson(std::string_view json);

} // namespace orderlab::dynamodb
