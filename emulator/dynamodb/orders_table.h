#pragma once

#include "table.h"

namespace orderlab {

/// The table the pizza pipeline's stream and mapping follow (docs/stream-and-mapping.md, "The table").
inline constexpr const char *kOrdersTableName = "orders";

/// The orders table is a Table with hash key `pk` (S) and a NEW_AND_OLD_IMAGES stream.
using OrdersTable = Table;

} // namespace orderlab
