#pragma once

#include "clock.h"
#include "dynamodb/orders_table.h"
#include "dynamodb/table_registry.h"

#include <string>
#include <vector>

namespace orderlab::order_actions {

// What a person does to an orders table: each returns an error text (empty on success) and
// changes nothing when it fails. Thread-safe as the table is; `now` stamps createdAt/lastUpdated.

/// Puts a new SUBMITTED order `pk` by `creator` with `itemsJson` (a JSON array).
std::string newOrder(OrdersTable &table, TimeMs now, const std::string &pk, const std::string &creator,
                     const std::string &itemsJson);
/// Moves the order one status along SUBMITTED → … → DELIVERED.
std::string advanceStatus(OrdersTable &table, TimeMs now, const std::string &pk);
/// Replaces the order's items (and numItems).
std::string editItems(OrdersTable &table, TimeMs now, const std::string &pk, const std::string &itemsJson);
/// Deletes the order; an absent order is an error.
std::string cancelOrder(OrdersTable &table, const std::string &pk);
/// PutItem of a whole item given as AttributeValue JSON.
std::string putItem(OrdersTable &table, const std::string &itemJson);
/// UpdateItem: SETs the attributes of `setJson` (AttributeValue JSON object; empty = none) and REMOVEs `remove`.
std::string updateItem(OrdersTable &table, const std::string &pk, const std::string &setJson,
                       const std::vector<std::string> &remove);

/// PutItem on the table named `table` among `tables` (one made through the DynamoDB API): "no table named X"
/// when there is none.
std::string putItem(TableRegistry &tables, const std::string &table, const std::string &itemJson);
/// DeleteItem of the item whose key `keyJson` gives (AttributeValue JSON: the key attributes, as the table's
/// schema names them) in the table named `table`; an absent item is no error, as in DynamoDB.
std::string deleteItem(TableRegistry &tables, const std::string &table, const std::string &keyJson);

} // namespace orderlab::order_actions
