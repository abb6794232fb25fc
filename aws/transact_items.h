#pragma once

#include "api_error.h"
#include "capacity.h"
#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/update.h"
#include "dynamodb/table.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orderlab::aws {

/// DynamoDB's text for two members of one transaction on one item (ValidationException).
inline constexpr std::string_view kTransactDuplicateItemMessage =
    "Transaction request cannot include multiple operations on one item";

/// The limit on the aggregate size of the items a write transaction writes (TransactWriteItems, ExecuteTransaction):
/// 4 MB, counted as 4 × 2^20 bytes of sizeBytes.
inline constexpr std::size_t kMaxTransactionBytes = 4 << 20;

/// orderlab's text for a transaction over kMaxTransactionBytes (ValidationException): the API reference's own sentence
/// (DynamoDB's text is not known; docs/dynamodb-api.md, "Transactions").
inline constexpr std::string_view kTransactionSizeMessage =
    "The aggregate size of the items in the transaction cannot exceed 4 MB";

/**
 * One member of a write transaction, checked and ready to run under the tables' locks: TransactWriteItems' Put,
 * Delete, Update and ConditionCheck, and ExecuteTransaction's INSERT, DELETE, UPDATE and EXISTS, which become them
 * (docs/dynamodb-api.md, "Transactions"; docs/dynamodb-partiql.md, "ExecuteTransaction").
 */
struct TransactItem
{
    enum class Kind { Put, Delete, Update, Check };
    Kind kind = Kind::Put;
    std::shared_ptr<Table> table;
    dynamodb::AttributeMap key;
    std::optional<dynamodb::AttributeMap> item; ///< Put's item; Update's new item once computed
    dynamodb::expr::UpdateExpression update;
    std::optional<dynamodb::expr::Condition> condition;
    bool returnOld = false; ///< ReturnValuesOnConditionCheckFailure ALL_OLD: a failed condition's reason carries Item
    /// The cancellation reason's Code and Message when `condition` is false.
    std::string failedCode = "ConditionalCheckFailed";
    std::string failedMessage = "The conditional request failed";
    std::optional<dynamodb::AttributeMap> old; ///< the item as the run found it, once run
};

/// One entry of a TransactionCanceledException's CancellationReasons.
struct CancellationReason
{
    std::string code = "None";
    std::optional<std::string> message;
    std::optional<dynamodb::AttributeMap> item;
};

/// TransactionCanceledException "Transaction cancelled, please refer cancellation reasons for specific reasons
/// [None, ConditionalCheckFailed]" carrying `reasons` as CancellationReasons, in the order given (request order).
ApiError transactionCanceled(const std::vector<CancellationReason> &reasons);

/**
 * Runs `items` as one transaction, under the locks of every table named (taken in lockOrder): evaluates each
 * condition and computes each update against the items as they are; when the items to write (Puts, computed
 * Updates) add up to more than kMaxTransactionBytes, writes nothing and throws ValidationException
 * kTransactionSizeMessage; when any member fails, or the writes would take an item collection over its table's limit
 * (docs/dynamodb-indexes.md, "Item collections"), writes nothing and throws transactionCanceled with a reason per
 * member (None for those that would have run, the condition's failedCode, ValidationError with the update's message,
 * or ItemCollectionSizeLimitExceeded "Collection size exceeded." for each write growing such a collection).
 * Otherwise applies every write through the table's put and remove, so each is one stream record, and sets every
 * member's `old`. @throws ApiError, dynamodb::ValidationError.
 */
void runTransaction(std::vector<TransactItem> &items);

/// Charges the writes of a transaction that ran to `used`: each member twice what its write costs alone, a check
/// twice a write of an empty item.
void chargeTransaction(Consumption &used, const std::vector<TransactItem> &items);

/// The items at `gets` (table, key), read together under the locks of every table named: a read transaction.
/// @throws dynamodb::ValidationError for a key that does not fit its table.
std::vector<std::optional<dynamodb::AttributeMap>>
readTogether(const std::vector<std::pair<std::shared_ptr<Table>, dynamodb::AttributeMap>> &gets);

} // namespace orderlab::aws
