// ExecuteTransaction: up to 100 PartiQL statements run as one transaction, all reads or all writes
// (docs/dynamodb-partiql.md, "ExecuteTransaction"). Writes become TransactWriteItems' members and run through the
// same transaction (transact_items.h); reads are read together as TransactGetItems reads.
#include "client_tokens.h"
#include "dynamodb/expr/projection.h"
#include "dynamodb/service_error.h"
#include "expression_params.h"
#include "partiql_operations.h"
#include "partiql_parser.h"
#include "table_locks.h"
#include "transact_items.h"

#include <set>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kMaxTransactStatements = 100;
constexpr std::string_view kMixedMessage =
    "ExecuteTransaction API does not support both read and write operations in the same request.";
constexpr std::string_view kSelectKeyMessage =
    "Select statements within ExecuteTransaction must specify the primary key in the where clause.";
constexpr std::string_view kIndexReadMessage = "Reads on indices are not supported within transactions.";
constexpr std::string_view kIndexCheckMessage = "Operations on indices are not supported in transactions";
constexpr std::string_view kExistsMessage = "EXISTS() must contain a single item read with additional condition";

/// ValidationException "Validation failed in TransactStatements[i]: <message>" (i counted from 0).
ApiError statementError(std::size_t index, const std::string &message)
{
    return validation("Validation failed in TransactStatements[" + std::to_string(index) + "]: " + message);
}

/// One member of TransactStatements, read and parsed.
struct Statement
{
    PartiqlRequest request;
    bool returnOld = false; ///< ReturnValuesOnConditionCheckFailure ALL_OLD
};

Statement readStatement(const js::Value &value, std::size_t index)
{
    const Params member(value, "TransactStatements");
    if (!member.has("Statement"))
        throw validation("1 validation error detected: Value null at 'transactStatements." + std::to_string(index + 1) +
                         ".member.statement' failed to satisfy constraint: Member must not be null");
    try {
        Statement out{readPartiqlRequest(member), false};
        out.returnOld = member.string("ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD";
        return out;
    } catch (const ApiError &e) {
        if (e.type != "ValidationException")
            throw;
        throw statementError(index, e.what());
    } catch (const dynamodb::ValidationError &e) {
        throw statementError(index, e.message());
    }
}

bool isWrite(const PartiqlStatement &statement)
{
    return statement.kind != PartiqlStatement::Kind::Select;
}

/// The number of top-level AND terms of the WHERE clause (0 without one).
std::size_t termCount(const PartiqlStatement &statement)
{
    if (!statement.where)
        return 0;
    return statement.where->kind == expr::Condition::Kind::And ? statement.where->children.size() : 1;
}

std::size_t keyCount(const dynamodb::KeySchema &schema)
{
    return schema.range ? 2 : 1;
}

/// The key the WHERE clause pins with `=` on every key attribute, or nullopt.
std::optional<dynamodb::AttributeMap> pinnedKey(const PartiqlStatement &statement, const dynamodb::KeySchema &schema)
{
    try {
        return partiqlWhereKey(statement, schema);
    } catch (const ApiError &) {
        return std::nullopt;
    }
}

/// Runs `check`; a validation error it throws cancels the transaction before anything runs, as the reason of
/// statement `index` (ValidationError), every other statement's reason None.
template <typename Fn> void beforeRunning(std::size_t index, std::size_t count, Fn &&check)
{
    const auto cancel = [&](const std::string &message) {
        std::vector<CancellationReason> reasons(count);
        reasons[index] = {"ValidationError", message, std::nullopt};
        return transactionCanceled(reasons);
    };
    try {
        check();
    } catch (const ApiError &e) {
        if (e.type != "ValidationException")
            throw;
        throw cancel(e.what());
    } catch (const dynamodb::ValidationError &e) {
        throw cancel(e.message());
    }
}

/// `attribute_not_exists(name)`.
expr::Condition absent(const std::string &name)
{
    expr::Condition out;
    out.kind = expr::Condition::Kind::Function;
    out.op = "attribute_not_exists";
    expr::Operand path;
    path.kind = expr::Operand::Kind::Path;
    path.path.push_back({name, 0, false});
    out.operands.push_back(std::move(path));
    return out;
}

/// The member of a write transaction that `statement` (number `index` of `count`) becomes.
TransactItem writeItem(Context &context, const Statement &member, std::size_t index, std::size_t count)
{
    const PartiqlStatement &statement = member.request.statement;
    TransactItem t;
    t.table = partiqlTable(context, statement.table);
    const auto &schema = t.table->keySchema();
    const bool exists = statement.kind == PartiqlStatement::Kind::Exists;
    if (statement.index)
        throw statementError(index, std::string(exists ? kIndexCheckMessage : kPartiqlSingleTableMessage));
    if (exists && (!pinnedKey(statement, schema) || termCount(statement) <= keyCount(schema)))
        throw statementError(index, std::string(kExistsMessage));
    t.returnOld = member.returnOld;
    beforeRunning(index, count, [&] {
        if (statement.kind == PartiqlStatement::Kind::Insert) {
            t.table->validate(statement.item);
            t.key = dynamodb::keyAttributes(schema, statement.item);
            return;
        }
        t.key = partiqlWhereKey(statement, schema);
        dynamodb::keyOf(schema, t.key);
        if (statement.kind == PartiqlStatement::Kind::Update)
            refuseKeyUpdates(statement.update, schema);
    });
    switch (statement.kind) {
    case PartiqlStatement::Kind::Insert:
        t.kind = TransactItem::Kind::Put;
        t.item = statement.item;
        t.condition = absent(schema.hash.name);
        t.failedCode = "ValidationError";
        t.failedMessage = std::string(kPartiqlDuplicateItemMessage);
        t.returnOld = false;
        break;
    case PartiqlStatement::Kind::Update: // the WHERE clause's key terms fail on an absent item: UPDATE never creates
        t.kind = TransactItem::Kind::Update;
        t.update = statement.update;
        t.condition = statement.where;
        break;
    case PartiqlStatement::Kind::Delete: { // an absent item is no failure: nothing to delete
        t.kind = TransactItem::Kind::Delete;
        expr::Condition either;
        either.kind = expr::Condition::Kind::Or;
        either.children = {absent(schema.hash.name), *statement.where};
        t.condition = std::move(either);
        break;
    }
    default:
        t.kind = TransactItem::Kind::Check;
        t.condition = statement.where;
        break;
    }
    return t;
}

std::string writeTransaction(Context &context, const Params &params, const std::vector<Statement> &statements,
                             Consumption &used)
{
    std::vector<TransactItem> items;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        items.push_back(writeItem(context, statements[i], i, statements.size()));
        const auto &t = items.back();
        if (!seen.insert(t.table->name() + '\0' + keyText(dynamodb::keyOf(t.table->keySchema(), t.key))).second)
            throw validation(std::string(kTransactDuplicateItemMessage));
    }
    if (auto again = rememberedAnswer(context, params))
        return *again;
    runTransaction(items);
    chargeTransaction(used, items);
    const std::string answer = withCapacity("{\"Responses\":[]}", used.listMember());
    rememberAnswer(context, params, answer);
    return answer;
}

std::string readTransaction(Context &context, const std::vector<Statement> &statements, Consumption &used)
{
    std::vector<std::pair<std::shared_ptr<Table>, dynamodb::AttributeMap>> gets;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const PartiqlStatement &statement = statements[i].request.statement;
        auto table = partiqlTable(context, statement.table);
        if (statement.index)
            throw statementError(i, std::string(kIndexReadMessage));
        const auto &schema = table->keySchema();
        const auto key = pinnedKey(statement, schema);
        if (!key || termCount(statement) != keyCount(schema))
            throw statementError(i, std::string(kSelectKeyMessage));
        beforeRunning(i, statements.size(), [&] { dynamodb::keyOf(schema, *key); });
        if (!seen.insert(statement.table + '\0' + keyText(dynamodb::keyOf(schema, *key))).second)
            throw validation(std::string(kTransactDuplicateItemMessage));
        gets.emplace_back(std::move(table), *key);
    }
    const auto found = readTogether(gets);
    std::string out = "{\"Responses\":[";
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto &projection = statements[i].request.statement.projection;
        out += i ? "," : "";
        out += found[i]
                   ? "{\"Item\":" + dynamodb::itemJson(projection ? expr::project(*projection, *found[i]) : *found[i]) +
                         "}"
                   : "{}";
        used.addItemRead(gets[i].first->name(), found[i] ? &*found[i] : nullptr, true, 2);
    }
    return withCapacity(out + "]}", used.listMember());
}

} // namespace

std::string executeTransaction(Context &context, const Params &params)
{
    if (!params.has("TransactStatements"))
        throw missingMember("TransactStatements");
    const auto members = params.array("TransactStatements");
    if (members.empty() || members.size() > kMaxTransactStatements)
        throw validation("1 validation error detected: Value at 'transactStatements' failed to satisfy constraint: "
                         "Member must have length " +
                         std::string(members.empty() ? "greater than or equal to 1" : "less than or equal to 100"));
    checkClientRequestToken(params);
    const CapacityMode mode = capacityMode(params);
    // The first statement makes the transaction a read or a write one; EXISTS counts as a write.
    std::vector<Statement> statements;
    for (std::size_t i = 0; i < members.size(); ++i) {
        statements.push_back(readStatement(members[i], i));
        if (isWrite(statements.back().request.statement) != isWrite(statements.front().request.statement))
            throw validation(std::string(kMixedMessage));
    }
    const bool writes = isWrite(statements.front().request.statement);
    Consumption used(mode, writes);
    return writes ? writeTransaction(context, params, statements, used) : readTransaction(context, statements, used);
}

} // namespace orderlab::aws
