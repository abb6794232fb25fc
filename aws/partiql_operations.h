#pragma once

#include "api_context.h"
#include "partiql_statement.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab::aws {

/// DynamoDB's text for an INSERT of a key that is stored already (DuplicateItemException).
inline constexpr std::string_view kPartiqlDuplicateItemMessage = "Duplicate primary key exists in table";

/// DynamoDB's text for EXISTS(SELECT ...) anywhere but a write ExecuteTransaction.
inline constexpr std::string_view kPartiqlExistsOutsideTransactionMessage =
    "EXISTS can only be used in ExecuteTransaction write requests.";

/// A PartiQL statement read from a request: its text, its bound Parameters and the parse.
struct PartiqlRequest
{
    std::string text;
    std::vector<dynamodb::AttributeValue> parameters;
    PartiqlStatement statement;
};

/// The request's Statement and Parameters, parsed, after DynamoDB's member checks (Statement's length, a
/// non-empty Parameters, ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity, NextToken's length).
/// @throws ApiError, dynamodb::ValidationError (the parse's).
PartiqlRequest readPartiqlRequest(const Params &params);

/// INSERT, UPDATE or DELETE through the table's writes, under its lock, charging the write to `used`. EXISTS is
/// refused (kPartiqlExistsOutsideTransactionMessage). @throws ApiError (DuplicateItemException,
/// ConditionalCheckFailedException, ...), dynamodb::ValidationError, dynamodb::ServiceError.
void partiqlWrite(Context &context, const Params &params, const PartiqlStatement &statement, Consumption &used);

/// The table `name` a statement names; an unknown one is ResourceNotFoundException "Requested resource not found",
/// as AWS answers every PartiQL operation (docs/dynamodb-partiql.md, "Errors").
std::shared_ptr<Table> partiqlTable(Context &context, const std::string &name);

/// The item key that `statement`'s WHERE clause pins with `key = value` on every attribute of `schema`.
/// @throws ApiError "Where clause does not contain a mandatory equality on all key attributes".
dynamodb::AttributeMap partiqlWhereKey(const PartiqlStatement &statement, const dynamodb::KeySchema &schema);

/// BatchExecuteStatement (partiql_batch.cpp, docs/dynamodb-partiql.md, "BatchExecuteStatement").
std::string batchExecuteStatement(Context &context, const Params &params);

/// ExecuteTransaction (partiql_transaction.cpp, docs/dynamodb-partiql.md, "ExecuteTransaction").
std::string executeTransaction(Context &context, const Params &params);

/// ExecuteStatement's SELECT (partiql_select.cpp): a query when the WHERE clause pins the partition key
/// with `=` or `IN`, else a scan, paged with Limit and NextToken (docs/dynamodb-partiql.md, "SELECT").
/// @throws ApiError, dynamodb::ValidationError, dynamodb::ServiceError.
std::string partiqlSelect(Context &context, const Params &params, const PartiqlRequest &request);

/// The values a WHERE clause's top-level conjunctions give attribute `name` with `name = v` or
/// `name IN (v, ...)`; nullopt when none pins it.
std::optional<std::vector<dynamodb::AttributeValue>> pinnedValues(const std::optional<dynamodb::expr::Condition> &where,
                                                                  const std::string &name, bool allowIn);

} // namespace orderlab::aws
