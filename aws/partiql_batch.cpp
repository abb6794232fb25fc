// BatchExecuteStatement: up to 25 PartiQL statements, each answered on its own
// (docs/dynamodb-partiql.md, "BatchExecuteStatement").
#include "dynamodb/expr/projection.h"
#include "dynamodb/service_error.h"
#include "js/json.h"
#include "partiql_operations.h"

namespace orderlab::aws {

namespace {

constexpr std::size_t kMaxStatements = 25;
constexpr std::string_view kBatchSelectKeyMessage =
    "Select statements within BatchExecuteStatement must specify the primary key in the where clause.";
constexpr std::string_view kBatchMixedMessage = "Read and write requests together in the same batch is not supported.";

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

/// A SELECT in a batch: one item by its full key, the WHERE clause's other terms as a filter; the read is charged
/// to `used` as a GetItem.
std::string batchSelect(Context &context, const PartiqlStatement &statement, bool consistent, Consumption &used)
{
    const auto table = partiqlTable(context, statement.table);
    if (statement.index)
        throw validation(std::string(kBatchSelectKeyMessage));
    dynamodb::AttributeMap key;
    try {
        key = partiqlWhereKey(statement, table->keySchema());
    } catch (const ApiError &) {
        throw validation(std::string(kBatchSelectKeyMessage));
    }
    const auto item = table->get(key);
    used.addItemRead(statement.table, item ? &*item : nullptr, consistent);
    std::string out = "{\"TableName\":" + aws::quoted(statement.table);
    if (item && (!statement.where || dynamodb::expr::evaluate(*statement.where, &*item)))
        out += ",\"Item\":" +
               dynamodb::itemJson(statement.projection ? dynamodb::expr::project(*statement.projection, *item) : *item);
    return out + "}";
}

/// A statement's error as its entry of Responses.
template <typename Fn> std::string answered(Fn &&fn)
{
    try {
        return fn();
    } catch (const ApiError &e) {
        return errorEntry(e.type, e.what(), e.extraJson);
    } catch (const dynamodb::ValidationError &e) {
        return errorEntry("ValidationException", e.message());
    } catch (const dynamodb::ServiceError &e) {
        return errorEntry(e.type(), e.what());
    }
}

/// One member of Statements, read: its request, or the error entry that answers it.
struct Member
{
    std::optional<Params> params;
    std::optional<PartiqlRequest> request;
    std::string error;
};

Member readMember(const js::Value &value)
{
    Member member;
    member.error = answered([&] {
        member.params.emplace(value, "Statements");
        member.request = readPartiqlRequest(*member.params);
        if (member.request->statement.kind == PartiqlStatement::Kind::Exists)
            throw validation(std::string(kPartiqlExistsOutsideTransactionMessage));
        return std::string();
    });
    if (!member.error.empty())
        member.request.reset();
    return member;
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
    const CapacityMode mode = capacityMode(params);
    // Every statement is read before any runs: one that cannot be read is answered with its error and takes no
    // part in telling a read batch from a write batch.
    std::vector<Member> members;
    bool reads = false, writes = false;
    for (const auto &value : statements) {
        members.push_back(readMember(value));
        if (const auto &request = members.back().request)
            (request->statement.kind == PartiqlStatement::Kind::Select ? reads : writes) = true;
    }
    if (reads && writes)
        throw validation(std::string(kBatchMixedMessage));
    Consumption used(mode, writes);
    std::string out = "{\"Responses\":[";
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (i)
            out += ',';
        const Member &member = members[i];
        if (!member.request) {
            out += member.error;
            continue;
        }
        const PartiqlStatement &statement = member.request->statement;
        out += answered([&] {
            if (statement.kind == PartiqlStatement::Kind::Select)
                return batchSelect(context, statement, member.params->boolean("ConsistentRead").value_or(false), used);
            partiqlWrite(context, *member.params, statement, used);
            return "{\"TableName\":" + aws::quoted(statement.table) + "}";
        });
    }
    return withCapacity(out + "]}", used.listMember());
}

} // namespace orderlab::aws
