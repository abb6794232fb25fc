#pragma once

#include "attribute_value.h"

#include <string>
#include <utility>
#include <vector>

namespace orderlab::dynamodb {

/// An item as AttributeValue JSON texts: (attribute name, compact AttributeValue JSON such as
/// `{"S":"ord-1"}`) pairs, in write order. What the generator writes and the stream records carry.
using ItemText = std::vector<std::pair<std::string, std::string>>;

/// `{"name":value,...}` in the given order: names escaped as `JSON.stringify` escapes them, the
/// value texts copied as they are (the caller vouches they are compact AttributeValue JSON).
/// The same builder as appendItemJson(std::string &, const AttributeMap &). No exceptions.
void appendItemJson(std::string &out, const ItemText &item);
std::string itemJson(const ItemText &item);

/// Each attribute's value as appendJson writes it, in stored order.
ItemText itemText(const AttributeMap &item);

/// The item the texts stand for, as the table stores it (parseItemJson of itemJson(item)).
/// @throws ValidationError as parseItemJson (bad JSON, a value DynamoDB refuses, ...).
AttributeMap parseItemText(const ItemText &item);

} // namespace orderlab::dynamodb
