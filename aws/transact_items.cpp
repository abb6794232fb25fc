// The run of a write transaction and the reads of a read transaction, shared by TransactWriteItems,
// TransactGetItems and ExecuteTransaction (docs/dynamodb-api.md, "Transactions").
#include "transact_items.h"

#include "expression_params.h"
#include "js/json.h"
#include "table_locks.h"

#include <map>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

ApiError transactionCanceled(const std::vector<CancellationReason> &reasons)
{
    std::string codes, json;
    for (const auto &reason : reasons) {
        codes += (codes.empty() ? "" : ", ") + reason.code;
        json += std::string(json.empty() ? "" : ",") + "{\"Code\":";
        js::appendQuoted(json, reason.code);
        if (reason.message) {
            json += ",\"Message\":";
            js::appendQuoted(json, *reason.message);
        }
        if (reason.item)
            json += ",\"Item\":" + dynamodb::itemJson(*reason.item);
        json += '}';
    }
    return ApiError(400, "TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]",
                    "\"CancellationReasons\":[" + json + "]");
}

namespace {

std::vector<std::shared_ptr<Table>> tablesOf(const std::vector<TransactItem> &items)
{
    std::vector<std::shared_ptr<Table>> tables;
    for (const auto &t : items)
        tables.push_back(t.table);
    return lockOrder(std::move(tables));
}

/// Checks every condition and computes every update against the items as they are (under the locks); returns a
/// reason per member, nullopt when all hold.
std::optional<std::vector<CancellationReason>> check(std::vector<TransactItem> &items)
{
    std::vector<CancellationReason> reasons;
    bool cancelled = false;
    for (auto &t : items) {
        t.old = t.table->get(t.key);
        const dynamodb::AttributeMap *old = t.old ? &*t.old : nullptr;
        CancellationReason reason;
        if (t.condition && !expr::evaluate(*t.condition, old)) {
            reason = {t.failedCode, t.failedMessage, std::nullopt};
            if (t.returnOld && old)
                reason.item = *old;
        } else if (t.kind == TransactItem::Kind::Update) {
            try {
                t.item = updatedItem(t.update, old, t.table->keySchema(), t.key);
                t.table->validate(*t.item);
            } catch (const dynamodb::ValidationError &e) {
                reason = {"ValidationError", e.message(), std::nullopt};
            }
        }
        cancelled = cancelled || reason.code != "None";
        reasons.push_back(std::move(reason));
    }
    if (cancelled)
        return reasons;
    return std::nullopt;
}

/// Refuses a transaction whose items to write (Puts, and the Updates computed so far) exceed kMaxTransactionBytes.
void checkSize(const std::vector<TransactItem> &items)
{
    std::size_t bytes = 0;
    for (const auto &t : items)
        if ((t.kind == TransactItem::Kind::Put || t.kind == TransactItem::Kind::Update) && t.item)
            bytes += dynamodb::sizeBytes(*t.item);
    if (bytes > kMaxTransactionBytes)
        throw validation(std::string(kTransactionSizeMessage));
}

/// The reasons that cancel a transaction whose writes would take an item collection over its table's limit
/// (ItemCollectionSizeLimitExceeded for each write growing one, None for the others); nullopt when all fit.
std::optional<std::vector<CancellationReason>> oversized(const std::vector<TransactItem> &items)
{
    std::map<Table *, std::pair<std::vector<Table::PlannedWrite>, std::vector<std::size_t>>> planned;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto &t = items[i];
        if (t.kind == TransactItem::Kind::Check)
            continue;
        auto &[writes, members] = planned[t.table.get()];
        writes.push_back({&t.key, t.kind == TransactItem::Kind::Delete ? nullptr : &*t.item});
        members.push_back(i);
    }
    std::optional<std::vector<CancellationReason>> reasons;
    for (const auto &[table, plan] : planned) {
        for (const std::size_t at : table->oversizedCollections(plan.first)) {
            if (!reasons)
                reasons.emplace(items.size());
            (*reasons)[plan.second[at]] = {"ItemCollectionSizeLimitExceeded",
                                           std::string(dynamodb::kItemCollectionSizeLimitMessage), std::nullopt};
        }
    }
    return reasons;
}

} // namespace

void runTransaction(std::vector<TransactItem> &items)
{
    std::optional<std::vector<CancellationReason>> cancelled;
    underLocks(tablesOf(items), 0, [&] {
        cancelled = check(items);
        checkSize(items);
        if (cancelled)
            return;
        for (const auto &t : items) // again under the locks: an index created since the check may refuse a Put
            if (t.kind == TransactItem::Kind::Put)
                t.table->validate(*t.item);
        cancelled = oversized(items);
        if (cancelled)
            return;
        for (const auto &t : items) {
            if (t.kind == TransactItem::Kind::Put || t.kind == TransactItem::Kind::Update)
                t.table->put(*t.item);
            else if (t.kind == TransactItem::Kind::Delete)
                t.table->remove(t.key);
        }
    });
    if (cancelled)
        throw transactionCanceled(*cancelled);
}

void chargeTransaction(Consumption &used, const std::vector<TransactItem> &items)
{
    for (const auto &t : items) {
        const dynamodb::AttributeMap *old = t.old ? &*t.old : nullptr;
        switch (t.kind) {
        case TransactItem::Kind::Put:
        case TransactItem::Kind::Update:
            used.addWrite(*t.table, old, &*t.item, 2);
            break;
        case TransactItem::Kind::Delete:
            used.addWrite(*t.table, old, nullptr, 2);
            break;
        case TransactItem::Kind::Check:
            used.addTable(t.table->name(), 2 * writeUnits(0));
            break;
        }
    }
}

std::vector<std::optional<dynamodb::AttributeMap>>
readTogether(const std::vector<std::pair<std::shared_ptr<Table>, dynamodb::AttributeMap>> &gets)
{
    std::vector<std::optional<dynamodb::AttributeMap>> found(gets.size());
    std::vector<std::shared_ptr<Table>> tables;
    for (const auto &g : gets)
        tables.push_back(g.first);
    underLocks(lockOrder(std::move(tables)), 0, [&] {
        for (std::size_t i = 0; i < gets.size(); ++i)
            found[i] = gets[i].first->get(gets[i].second);
    });
    return found;
}

} // namespace orderlab::aws
