#pragma once

#include "api_context.h"

#include <string>

namespace orderlab::aws {

/**
 * UpdateTable's GlobalSecondaryIndexUpdates (docs/dynamodb-indexes.md, "UpdateTable"): checked
 * whole with DynamoDB's texts, then applied under the table's lock (a Create fills the new index
 * from the items and is ACTIVE at once). `billingMode` is the table's after the request. Nothing
 * changes when it throws. @throws ApiError, dynamodb::ValidationError.
 */
void applyIndexUpdates(Context &context, const Params &params, const TableRegistry::Entry &entry,
                       const std::string &billingMode);

/// True when the request's GlobalSecondaryIndexUpdates hold a Create or a Delete.
bool createsOrDeletesIndex(const Params &params);

/// DescribeTable's AttributeDefinitions: the table's keys, then each index's, once each.
std::string attributeDefinitionsJson(const Table &table);

/// DescribeTable's members `,"LocalSecondaryIndexes":[...]` and `,"GlobalSecondaryIndexes":[...]`
/// ("" for a table without indexes); `arn` is the table's.
std::string indexDescriptionsJson(const Table &table, const std::string &arn);

} // namespace orderlab::aws
