#pragma once

#include "dynamodb/key_schema.h"
#include "dynamodb/secondary_index.h"
#include "request_params.h"

#include <string>
#include <utility>
#include <vector>

namespace orderlab::aws {

/// A request's AttributeDefinitions, in the order given.
struct AttributeDefinitions
{
    std::vector<std::pair<std::string, dynamodb::KeyType>> entries;
    /// The type defined for `name`, or null.
    const dynamodb::KeyType *find(const std::string &name) const;
    /// "a, b": the names, as DynamoDB's messages list them.
    std::string namesText() const;
};

/// Reads AttributeDefinitions (absent: empty). @throws ApiError for an unknown AttributeType.
AttributeDefinitions attributeDefinitionsOf(const Params &params);

/**
 * CreateTable's KeySchema and the key checks on AttributeDefinitions with DynamoDB's texts
 * (docs/dynamodb-api.md, docs/dynamodb-indexes.md). @throws ApiError.
 */
dynamodb::KeySchema tableKeySchemaOf(const Params &params, const AttributeDefinitions &definitions, bool withIndexes);

/**
 * CreateTable's GlobalSecondaryIndexes and LocalSecondaryIndexes, checked with DynamoDB's texts
 * (docs/dynamodb-indexes.md, "CreateTable"), then every AttributeDefinition must be some key's.
 * @throws ApiError.
 */
std::vector<dynamodb::IndexDefinition> indexDefinitionsOf(const Params &params, const dynamodb::KeySchema &table,
                                                          const AttributeDefinitions &definitions,
                                                          const std::string &billingMode);

/**
 * One GlobalSecondaryIndex structure at `member` (for messages): CreateTable's, or UpdateTable's
 * Create (`update`: a key without a definition is "Invalid KeySchema: Some index key attribute
 * have no definition"). @throws ApiError.
 */
dynamodb::IndexDefinition globalIndexOf(const Params &index, const std::string &member,
                                        const AttributeDefinitions &definitions, const std::string &billingMode,
                                        bool update);

} // namespace orderlab::aws
