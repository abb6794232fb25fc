// BatchWriteItem, BatchGetItem, TransactWriteItems, TransactGetItems (docs/dynamodb-api.md).
#include "api_context.h"
#include "dynamodb/item_collections.h"
#include "dynamodb/service_error.h"
#include "expression_gate.h"
#include "expression_params.h"
#include "item_collection_metrics.h"
#include "js/json.h"
#include "read_selection.h"
#include "table_locks.h"
#include "transact_items.h"

#include <algorithm>
#include <map>
#include <set>

namespace orderlab::aws {

namespace {

constexpr std::size_t kMaxBatchWrite = 25;
constexpr std::size_t kMaxBatchGet = 100;
constexpr std::size_t kMaxTransactItems = 100;

/// One write of a batch or a transaction, checked and ready to apply.
struct Write
{
    std::shared_ptr<Table> table;
    std::optional<dynamodb::AttributeMap> item; ///< Put
    dynamodb::AttributeMap key;                 ///< Delete (or the Put's key)
};

std::vector<std::shared_ptr<Table>> tablesOf(const std::vector<Write> &writes)
{
    std::vector<std::shared_ptr<Table>> tables;
    for (const auto &w : writes)
        tables.push_back(w.table);
    return lockOrder(std::move(tables));
}

/// Throws ItemCollectionSizeLimitExceededException when `writes` would take an item collection over its table's
/// limit (the whole batch is refused); the caller holds the tables' locks.
void checkCollections(const std::vector<Write> &writes)
{
    std::map<Table *, std::vector<Table::PlannedWrite>> planned;
    for (const auto &w : writes)
        planned[w.table.get()].push_back({&w.key, w.item ? &*w.item : nullptr});
    for (const auto &[table, tableWrites] : planned)
        if (!table->oversizedCollections(tableWrites).empty())
            throw dynamodb::itemCollectionTooLarge();
}

/// Applies `writes` under the locks of their tables, all or none, charges each to `used` as a write of its own and
/// notes its item collection in `metrics`.
void applyWrites(const std::vector<Write> &writes, Consumption &used, CollectionMetrics &metrics)
{
    std::vector<Table::WriteResult> results;
    underLocks(tablesOf(writes), 0, [&] {
        for (const auto &w : writes) // again under the locks: an index created since the check may refuse an item
            if (w.item)
                w.table->validate(*w.item);
        checkCollections(writes);
        for (const auto &w : writes)
            results.push_back(w.item ? w.table->put(*w.item) : w.table->remove(w.key));
    });
    for (std::size_t i = 0; i < writes.size(); ++i) {
        used.addWrite(*writes[i].table, results[i].oldImage ? &*results[i].oldImage : nullptr,
                      writes[i].item ? &*writes[i].item : nullptr);
        metrics.add(writes[i].table, writes[i].key);
    }
}

/// Checks one write fully (table, key, item rules) without applying it; `seen` catches two
/// writes of one item.
Write checkedWrite(Context &context, const std::string &tableName, const std::optional<dynamodb::AttributeMap> &item,
                   const std::optional<dynamodb::AttributeMap> &key, std::set<std::string> &seen,
                   const std::string &duplicateMessage)
{
    Write w;
    w.table = context.tables.get(tableName).table;
    dynamodb::ItemKey itemKey;
    if (item) {
        w.table->validate(*item);
        itemKey = dynamodb::itemKey(w.table->keySchema(), *item);
        w.item = *item;
        w.key = dynamodb::keyAttributes(w.table->keySchema(), *item);
    } else {
        itemKey = dynamodb::keyOf(w.table->keySchema(), *key);
        w.key = *key;
    }
    if (!seen.insert(tableName + '\0' + keyText(itemKey)).second)
        throw validation(duplicateMessage);
    return w;
}

std::string batchWrite(Context &context, const Params &params)
{
    const Params requests = params.requiredObject("RequestItems");
    Consumption used(capacityMode(params), true);
    CollectionMetrics metrics(wantsCollectionMetrics(params));
    std::vector<Write> writes;
    std::set<std::string> seen;
    std::size_t count = 0;
    for (const auto &tableName : requests.names()) {
        checkTableName(tableName, "requestItems");
        for (const auto &r : requests.array(tableName)) {
            const Params request(r, "a WriteRequest");
            if (++count > kMaxBatchWrite)
                throw validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                                 "Map value must satisfy constraint: [Member must have length less than or equal to "
                                 "25, Member must have length greater than or equal to 1]");
            const auto put = request.object("PutRequest");
            const auto del = request.object("DeleteRequest");
            if (put.has_value() == del.has_value())
                throw validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one "
                                 "of the supported datatypes"); // DynamoDB's text for a WriteRequest of both or none
            if (put)
                writes.push_back(checkedWrite(context, tableName, put->requiredAttributeMap("Item"), std::nullopt, seen,
                                              "Provided list of item keys contains duplicates"));
            else
                writes.push_back(checkedWrite(context, tableName, std::nullopt, del->requiredAttributeMap("Key"), seen,
                                              "Provided list of item keys contains duplicates"));
        }
    }
    if (count == 0)
        throw validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: "
                         "Member must have length greater than or equal to 1");
    applyWrites(writes, used, metrics);
    return withCapacity(withCapacity("{\"UnprocessedItems\":{}}", used.listMember()), metrics.member());
}

std::string batchGet(Context &context, const Params &params)
{
    const Params requests = params.requiredObject("RequestItems");
    struct Get
    {
        std::string table;
        std::shared_ptr<Table> t;
        std::vector<dynamodb::AttributeMap> keys;
        ReadSelection selection;
        bool consistent = false;
    };
    Consumption used(capacityMode(params), false);
    std::vector<Get> gets;
    std::size_t count = 0;
    for (const auto &tableName : requests.names()) {
        checkTableName(tableName, "requestItems");
        const Params request = requests.requiredObject(tableName);
        refuseExpressions(request, {"ProjectionExpression", "ExpressionAttributeNames"});
        auto expressions = expressionContext(request);
        Get get{tableName,
                context.tables.get(tableName).table,
                {},
                readSelection(request, expressions, false),
                request.boolean("ConsistentRead").value_or(false)};
        expressions.checkAllUsed();
        std::set<std::string> seen;
        for (const auto &k : request.array("Keys")) {
            if (++count > kMaxBatchGet)
                throw validation("Too many items requested for the BatchGetItem call");
            if (!k.isObject())
                throw ApiError(400, "SerializationException", "Keys must hold maps of attribute values");
            auto key = dynamodb::parseItem(k);
            if (!seen.insert(keyText(dynamodb::keyOf(get.t->keySchema(), key))).second)
                throw validation("Provided list of item keys contains duplicates");
            get.keys.push_back(std::move(key));
        }
        if (get.keys.empty())
            throw validation("1 validation error detected: Value null at 'requestItems." + tableName +
                             ".member.keys' failed to satisfy constraint: Member must have length greater than or "
                             "equal to 1");
        gets.push_back(std::move(get));
    }
    if (gets.empty())
        throw validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: "
                         "Member must have length greater than or equal to 1");
    std::string out = "{\"Responses\":{";
    bool firstTable = true;
    for (const auto &get : gets) {
        if (!firstTable)
            out += ',';
        firstTable = false;
        js::appendQuoted(out, get.table);
        out += ":[";
        bool first = true;
        for (const auto &key : get.keys) {
            const auto item = get.t->get(key);
            used.addItemRead(get.table, item ? &*item : nullptr, get.consistent);
            if (!item)
                continue;
            if (!first)
                out += ',';
            first = false;
            get.selection.appendJson(out, *item);
        }
        out += ']';
    }
    return withCapacity(out + "},\"UnprocessedKeys\":{}}", used.listMember());
}

std::string transactGet(Context &context, const Params &params)
{
    const auto items = params.array("TransactItems");
    if (!params.has("TransactItems"))
        throw missingMember("TransactItems");
    if (items.empty() || items.size() > kMaxTransactItems)
        throw validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member "
                         "must have length less than or equal to 100");
    Consumption used(capacityMode(params), false);
    std::vector<std::pair<std::shared_ptr<Table>, dynamodb::AttributeMap>> gets;
    std::vector<ReadSelection> selections;
    std::set<std::string> seen;
    for (const auto &entry : items) {
        const Params item(entry, "a TransactGetItem");
        const Params get = item.requiredObject("Get");
        refuseExpressions(get, {"ProjectionExpression", "ExpressionAttributeNames"});
        auto expressions = expressionContext(get);
        selections.push_back(readSelection(get, expressions, false));
        expressions.checkAllUsed();
        const std::string name = get.requiredString("TableName");
        checkTableName(name);
        auto table = context.tables.get(name).table;
        auto key = get.requiredAttributeMap("Key");
        if (!seen.insert(name + '\0' + keyText(dynamodb::keyOf(table->keySchema(), key))).second)
            throw validation(std::string(kTransactDuplicateItemMessage));
        gets.emplace_back(std::move(table), std::move(key));
    }
    const auto found = readTogether(gets);
    std::string out = "{\"Responses\":[";
    for (std::size_t i = 0; i < found.size(); ++i) {
        out += i ? "," : "";
        if (found[i]) {
            out += "{\"Item\":";
            selections[i].appendJson(out, *found[i]);
            out += '}';
        } else {
            out += "{}";
        }
        used.addItemRead(gets[i].first->name(), found[i] ? &*found[i] : nullptr, true, 2);
    }
    return withCapacity(out + "]}", used.listMember());
}

} // namespace

std::string batchOperation(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "BatchWriteItem")
        return batchWrite(context, params);
    if (operation == "BatchGetItem")
        return batchGet(context, params);
    if (operation == "TransactWriteItems")
        return transactWrite(context, params);
    if (operation == "TransactGetItems")
        return transactGet(context, params);
    *handled = false;
    return {};
}

} // namespace orderlab::aws
