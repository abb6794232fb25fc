#pragma once

#include "dynamodb/attribute_value.h"

namespace orderlab::dynamodb::expr {

/**
 * DynamoDB's order of key values: N numerically (exact, on the canonical text), S and B byte-wise
 * (unsigned, so UTF-8 strings sort by code point). Returns -1, 0 or 1. Values of different types order
 * by type (N < S < B < every other type), so that a mixed list still sorts; key values are only S, N
 * or B, and other types of the same type compare by their text (empty): 0.
 */
int compareKeyValues(const AttributeValue &a, const AttributeValue &b);

} // namespace orderlab::dynamodb::expr
