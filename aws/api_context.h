#pragma once

#include "clock.h"
#include "dynamodb/table_registry.h"
#include "dynamodb_api.h"
#include "request_params.h"

#include <map>
#include <mutex>
#include <string>

namespace orderlab::aws {

/// What the operations share: the tables, the clock, the transactions' idempotency tokens.
struct DynamoDbApi::Context
{
    TableRegistry &tables;
    const Clock &clock;
    std::string region = "us-east-1";
    std::mutex tokensMutex;
    struct TokenUse
    {
        std::string request; ///< the request's body, to tell a mismatch
        std::string answer;
        TimeMs at = 0;
    };
    std::map<std::string, TokenUse> tokens; ///< ClientRequestToken -> its first answer (10 minutes)
};
using Context = DynamoDbApi::Context;

/// The table's ARN: arn:aws:dynamodb:<region>:000000000000:table/<name>.
std::string tableArn(const Context &context, const std::string &name);

// The operations, by group; each returns the answer's JSON body. @throws as DynamoDbApi says.
std::string controlPlane(Context &context, const std::string &operation, const Params &params, bool *handled);
std::string itemOperation(Context &context, const std::string &operation, const Params &params, bool *handled);
std::string batchOperation(Context &context, const std::string &operation, const Params &params, bool *handled);
/// UpdateItem (update_item.cpp).
std::string updateItem(Context &context, const Params &params);
/// TransactWriteItems (transact_write.cpp); `rawRequest` is the body, to tell a reused token's mismatch.
std::string transactWrite(Context &context, const Params &params, const std::string &rawRequest);
/// Scan and Query (scan_query.cpp).
std::string scan(Context &context, const Params &params);
std::string query(Context &context, const Params &params);
/// ExecuteStatement: PartiQL (partiql_operations.cpp, docs/dynamodb-partiql.md).
std::string partiqlOperation(Context &context, const std::string &operation, const Params &params, bool *handled);
std::string streamsOperation(Context &context, const std::string &operation, const Params &params, bool *handled);

/// ReturnConsumedCapacity's member for one table ("" for NONE or absent): `"ConsumedCapacity":{...}`
/// with CapacityUnits and ReadCapacityUnits or WriteCapacityUnits.
std::string consumedCapacity(const Params &params, const std::string &table, double units, bool write);
/// Read units: ⌈bytes / 4 KB⌉ (at least 1), halved when eventually consistent.
double readUnits(std::size_t bytes, bool consistent);
/// Write units: ⌈bytes / 1 KB⌉, at least 1.
double writeUnits(std::size_t bytes);
/// `body` (a JSON object) with the `capacity` member added; `body` as it is when `capacity` is empty.
std::string withCapacity(std::string body, const std::string &capacity);
/// A capacity figure as JSON (1, 0.5, 1.5).
std::string unitsJson(double units);

} // namespace orderlab::aws
