// TransactWriteItems: Put, Delete, Update and ConditionCheck, all or nothing, with CancellationReasons
// (docs/dynamodb-api.md, "Transactions").
#include "api_context.h"
#include "client_tokens.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "item_collection_metrics.h"
#include "table_locks.h"
#include "transact_items.h"

#include <set>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kMaxTransactItems = 100;

ApiError memberMissing(std::size_t index, const char *kind, const char *member)
{
    return validation("1 validation error detected: Value null at 'transactItems." + std::to_string(index + 1) +
                      ".member." + kind + "." + member + "' failed to satisfy constraint: Member must not be null");
}

TransactItem parseItem(Context &context, const js::Value &entry, std::size_t index, std::set<std::string> &seen)
{
    const Params member(entry, "a TransactWriteItem");
    const auto put = member.object("Put");
    const auto del = member.object("Delete");
    const auto update = member.object("Update");
    const auto check = member.object("ConditionCheck");
    if (put.has_value() + del.has_value() + update.has_value() + check.has_value() != 1)
        throw validation("TransactItems can only contain one of Check, Put, Update or Delete");
    const Params &op = put ? *put : del ? *del : update ? *update : *check;
    if (update)
        refuseExpressions(
            op, {"UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    else
        refuseExpressions(op, {"ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"});
    TransactItem t;
    t.kind = put      ? TransactItem::Kind::Put
             : del    ? TransactItem::Kind::Delete
             : update ? TransactItem::Kind::Update
                      : TransactItem::Kind::Check;
    const std::string name = op.requiredString("TableName");
    checkTableName(name);
    auto expressions = expressionContext(op);
    if (update) {
        const auto text = op.string("UpdateExpression");
        if (!text)
            throw memberMissing(index, "update", "updateExpression");
        t.update = expr::parseUpdate(*text, expressions);
    }
    if (check && !op.has("ConditionExpression"))
        throw memberMissing(index, "conditionCheck", "conditionExpression");
    t.condition = conditionOf(op, expressions);
    expressions.checkAllUsed();
    conditionHolds(std::nullopt, nullptr, op); // checks ReturnValuesOnConditionCheckFailure
    t.returnOld = op.string("ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD";
    t.table = context.tables.get(name).table;
    const auto &schema = t.table->keySchema();
    dynamodb::ItemKey itemKey;
    if (put) {
        t.item = op.requiredAttributeMap("Item");
        t.table->validate(*t.item);
        itemKey = dynamodb::itemKey(schema, *t.item);
        t.key = dynamodb::keyAttributes(schema, *t.item);
    } else {
        t.key = op.requiredAttributeMap("Key");
        itemKey = dynamodb::keyOf(schema, t.key);
    }
    if (update)
        refuseKeyUpdates(t.update, schema);
    if (!seen.insert(name + '\0' + keyText(itemKey)).second)
        throw validation(std::string(kTransactDuplicateItemMessage));
    return t;
}

} // namespace

std::string transactWrite(Context &context, const Params &params)
{
    const auto entries = params.array("TransactItems");
    if (!params.has("TransactItems"))
        throw missingMember("TransactItems");
    if (entries.empty() || entries.size() > kMaxTransactItems)
        throw validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member "
                         "must have length less than or equal to 100");
    checkClientRequestToken(params);
    Consumption used(capacityMode(params), true);
    CollectionMetrics metrics(wantsCollectionMetrics(params));
    if (auto again = rememberedAnswer(context, params))
        return *again;
    std::vector<TransactItem> items;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < entries.size(); ++i)
        items.push_back(parseItem(context, entries[i], i, seen));
    runTransaction(items);
    chargeTransaction(used, items);
    for (const auto &t : items)
        if (t.kind != TransactItem::Kind::Check)
            metrics.add(t.table, t.key);
    const std::string answer = withCapacity(withCapacity("{}", used.listMember()), metrics.member());
    rememberAnswer(context, params, answer);
    return answer;
}

} // namespace orderlab::aws
