// TransactWriteItems: Put, Delete, Update and ConditionCheck, all or nothing, with CancellationReasons
// (docs/dynamodb-api.md, "Transactions").
#include "api_context.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "js/json.h"
#include "table_locks.h"

#include <map>
#include <set>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kMaxTransactItems = 100;
constexpr TimeMs kTokenLifetimeMs = 10 * 60 * 1000;

/// One checked member of TransactItems, ready to run under the tables' locks.
struct TransactItem
{
    enum class Kind { Put, Delete, Update, Check };
    Kind kind = Kind::Put;
    std::shared_ptr<Table> table;
    dynamodb::AttributeMap key;
    std::optional<dynamodb::AttributeMap> item; ///< Put's item; Update's new item once computed
    expr::UpdateExpression update;
    std::optional<expr::Condition> condition;
    bool returnOld = false; ///< ReturnValuesOnConditionCheckFailure ALL_OLD
};

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
        throw validation("Transaction request cannot include multiple operations on one item");
    return t;
}

/// Checks every condition (and computes every update) against the items as they are; returns the
/// CancellationReasons when one fails, else applies every write and returns nothing. Called under the locks.
std::optional<std::pair<std::string, std::string>> run(std::vector<TransactItem> &items)
{
    std::string reasons, codes;
    bool cancelled = false;
    for (auto &t : items) {
        const auto old = t.table->get(t.key);
        std::string reason = "{\"Code\":\"None\"}", code = "None";
        if (t.condition && !expr::evaluate(*t.condition, old ? &*old : nullptr)) {
            code = "ConditionalCheckFailed";
            reason = "{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"";
            if (t.returnOld && old)
                reason += ",\"Item\":" + dynamodb::itemJson(*old);
            reason += "}";
        } else if (t.kind == TransactItem::Kind::Update) {
            try {
                t.item = updatedItem(t.update, old ? &*old : nullptr, t.table->keySchema(), t.key);
                t.table->validate(*t.item);
            } catch (const dynamodb::ValidationError &e) {
                code = "ValidationError";
                reason = "{\"Code\":\"ValidationError\",\"Message\":";
                js::appendQuoted(reason, e.message());
                reason += "}";
            }
        }
        cancelled = cancelled || code != "None";
        reasons += (reasons.empty() ? "" : ",") + reason;
        codes += (codes.empty() ? "" : ", ") + code;
    }
    if (cancelled)
        return std::make_pair(codes, reasons);
    for (const auto &t : items) // again under the locks: an index created since the check may refuse a Put
        if (t.kind == TransactItem::Kind::Put)
            t.table->validate(*t.item);
    for (const auto &t : items) {
        if (t.kind == TransactItem::Kind::Put || t.kind == TransactItem::Kind::Update)
            t.table->put(*t.item);
        else if (t.kind == TransactItem::Kind::Delete)
            t.table->remove(t.key);
    }
    return std::nullopt;
}

std::string capacityAnswer(const Params &params, const std::vector<TransactItem> &items)
{
    const auto mode = params.string("ReturnConsumedCapacity");
    if (!mode || *mode == "NONE")
        return "{}";
    std::map<std::string, double> units;
    for (const auto &t : items)
        units[t.table->name()] += 2 * writeUnits(t.item ? dynamodb::sizeBytes(*t.item) : 0);
    std::string answer = "{\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto &[table, n] : units) {
        answer += std::string(first ? "" : ",") + "{\"TableName\":";
        js::appendQuoted(answer, table);
        answer += ",\"CapacityUnits\":" + unitsJson(n) + ",\"WriteCapacityUnits\":" + unitsJson(n) + "}";
        first = false;
    }
    return answer + "]}";
}

} // namespace

std::string transactWrite(Context &context, const Params &params, const std::string &rawRequest)
{
    const auto entries = params.array("TransactItems");
    if (!params.has("TransactItems"))
        throw missingMember("TransactItems");
    if (entries.empty() || entries.size() > kMaxTransactItems)
        throw validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member "
                         "must have length less than or equal to 100");
    const auto token = params.string("ClientRequestToken");
    if (token) {
        std::lock_guard lock(context.tokensMutex);
        const TimeMs now = context.clock.now();
        std::erase_if(context.tokens, [now](const auto &t) { return now - t.second.at > kTokenLifetimeMs; });
        if (const auto it = context.tokens.find(*token); it != context.tokens.end()) {
            if (it->second.request != rawRequest)
                throw ApiError(400, "IdempotentParameterMismatchException",
                               "The request uses the same client token as a previous, but non-identical request.");
            return it->second.answer;
        }
    }
    std::vector<TransactItem> items;
    std::set<std::string> seen;
    std::vector<std::shared_ptr<Table>> tables;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        items.push_back(parseItem(context, entries[i], i, seen));
        tables.push_back(items.back().table);
    }
    std::optional<std::pair<std::string, std::string>> cancelled;
    underLocks(lockOrder(std::move(tables)), 0, [&] { cancelled = run(items); });
    if (cancelled)
        throw ApiError(400, "TransactionCanceledException",
                       "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                           cancelled->first + "]",
                       "\"CancellationReasons\":[" + cancelled->second + "]");
    const std::string answer = capacityAnswer(params, items);
    if (token) {
        std::lock_guard lock(context.tokensMutex);
        context.tokens[*token] = {rawRequest, answer, context.clock.now()};
    }
    return answer;
}

} // namespace orderlab::aws
