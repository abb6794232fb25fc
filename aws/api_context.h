#pragma once

#include "capacity.h"
#include "clock.h"
#include "dynamodb/table_registry.h"
#include "dynamodb_api.h"
#include "request_params.h"

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

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
    std::map<std::string, TokenUse> tokens;                ///< ClientRequestToken -> its first answer (10 minutes)
    std::deque<std::pair<TimeMs, std::string>> tokenOrder; ///< the tokens by when they were remembered, oldest first
    std::size_t tokenBytes = 0;                            ///< the remembered requests' and answers' bytes
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
/// TransactWriteItems (transact_write.cpp).
std::string transactWrite(Context &context, const Params &params);
/// Scan and Query (scan_query.cpp).
std::string scan(Context &context, const Params &params);
std::string query(Context &context, const Params &params);
/// ExecuteStatement, BatchExecuteStatement, ExecuteTransaction: PartiQL (partiql_operations.cpp,
/// docs/dynamodb-partiql.md).
std::string partiqlOperation(Context &context, const std::string &operation, const Params &params, bool *handled);
std::string streamsOperation(Context &context, const std::string &operation, const Params &params, bool *handled);

} // namespace orderlab::aws
