// BatchExecuteStatement: up to 25 PartiQL statements, each answered on its own
// (docs/dynamodb-partiql.md, "BatchExecuteStatement").
#include "dynamodb/expr/projection.h"
#include "dynamodb/service_error.h"
#include "js/json.h"
#include "partiql_operations.h"

namespace orderlab::aws {

namespace {

constexpr std::size_t kMaxStatements = 25;

/// A statement's error as a batch answers it: the exception's name without "Exception" ("ConditionalCheckFailed",
/// "DuplicateItem"; ValidationException is "ValidationError"), its message, and ALL_OLD's Item when it has one.
std::string errorEntry(const std::string &type, const std::string &message, const std::string &extra = {})
{
    std::string code = type;
    if (code == "ValidationException")
        code = "ValidationError";
    else if (code.size() > 9 && code.compare(code.size() - 9, 9, "Exception") == 0)
        code.resize(code.size() - 9);
    std::string out = "{\"Error\":{\"Code\":" + aws::quoted(code) + ",\"Message\":" + aws::quoted(message);
    if (!extra.empty())
        out += "," + extra;
    return out + "}}";
}

/// A SELECT in a batch: one item by its full key, the WHERE clause's other terms as a filter.
std::string batchSelect(Context &context, const PartiqlStatement &statement)
{
    const auto table = context.tables.get(statement.table).table;
    if (statement.index)
        throw validation("Select statements within BatchExecuteStatement must specify the primary key in the where "
                         "clause.");
    dynamodb::AttributeMap key;
    try {
        key = partiqlWhereKey(statement, table->keySchema());
    } catch (const ApiError &) {
        throw validation("Select statements within BatchExecuteStatement must specify the primary key in the where "
                         "clause.");
    }
    const auto item = table->get(key);
    std::string out = "{\"TableName\":" + aws::quoted(statement.table);
    if (item && (!statement.where || dynamodb::expr::evaluate(*statement.where, &*item)))
        out += ",\"Item\":" +
               dynamodb::itemJson(statement.projection ? dynamodb::expr::project(*statement.projection, *item) : *item);
    return out + "}";
}

std::string runOne(Context &context, const js::Value &member)
{
    try {
        const Params one(member, "Statements");
        const PartiqlRequest request = readPartiqlRequest(one);
        if (request.statement.kind == PartiqlStatement::Kind::Select)
            return batchSelect(context, request.statement);
        Consumption charged(CapacityMode::None, true); // BatchExecuteStatement answers no ConsumedCapacity yet
        partiqlWrite(context, one, request.statement, charged);
        return "{\"TableName\":" + aws::quoted(request.statement.table) + "}";
    } catch (const ApiError &e) {
        return errorEntry(e.type, e.what(), e.extraJson);
    } catch (const dynamodb::ValidationError &e) {
        return errorEntry("ValidationException", e.message());
    } catch (const dynamodb::ServiceError &e) {
        return errorEntry(e.type(), e.what());
    }
}

} // namespace

std::string batchExecuteStatement(Context &context, const Params &params)
{
    if (!params.has("Statements"))
        throw missingMember("Statements");
    const auto statements = params.array("Statements");
    if (statements.empty() || statements.size() > kMaxStatements)
        throw validation("1 validation error detected: Value at 'statements' failed to satisfy constraint: Member must "
                         "have length " +
                         std::string(statements.empty() ? "greater than or equal to 1" : "less than or equal to 25"));
    capacityMode(params); // checks ReturnConsumedCapacity's value
    std::string out = "{\"Responses\":[";
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (i)
            out += ',';
        out += runOne(context, statements[i]);
    }
    return out + "]}";
}

} // namespace orderlab::aws
