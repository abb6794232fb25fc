// ExecuteStatement: PartiQL's INSERT, UPDATE and DELETE through the table's own writes, and the dispatch
// to SELECT (docs/dynamodb-partiql.md).
#include "partiql_operations.h"

#include "dynamodb/service_error.h"
#include "expression_params.h"
#include "partiql_parser.h"

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kMaxStatementLength = 8192;

ApiError conditionFailed()
{
    return ApiError(400, "ConditionalCheckFailedException", "The conditional request failed");
}

} // namespace

std::shared_ptr<Table> partiqlTable(Context &context, const std::string &name)
{
    try {
        return context.tables.get(name).table;
    } catch (const dynamodb::ServiceError &e) {
        if (e.type() != "ResourceNotFoundException")
            throw;
        throw ApiError(400, "ResourceNotFoundException", "Requested resource not found");
    }
}

dynamodb::AttributeMap partiqlWhereKey(const PartiqlStatement &statement, const dynamodb::KeySchema &schema)
{
    dynamodb::AttributeMap key;
    const auto pin = [&](const std::string &name) {
        const auto values = pinnedValues(statement.where, name, false);
        if (!values)
            throw validation("Where clause does not contain a mandatory equality on all key attributes");
        key.emplace_back(name, values->front());
    };
    pin(schema.hash.name);
    if (schema.range)
        pin(schema.range->name);
    return key;
}

namespace {

std::shared_ptr<Table> writtenTable(Context &context, const PartiqlStatement &statement)
{
    const auto table = partiqlTable(context, statement.table);
    if (statement.index)
        throw validation(std::string(kPartiqlSingleTableMessage));
    return table;
}

void insert(Context &context, const PartiqlStatement &statement, Consumption &used)
{
    const auto table = writtenTable(context, statement);
    table->locked([&] {
        table->validate(statement.item);
        if (table->get(dynamodb::keyAttributes(table->keySchema(), statement.item)))
            throw ApiError(400, "DuplicateItemException", std::string(kPartiqlDuplicateItemMessage));
        table->put(statement.item);
    });
    used.addWrite(*table, nullptr, &statement.item);
}

void update(Context &context, const Params &params, const PartiqlStatement &statement, Consumption &used)
{
    const auto table = writtenTable(context, statement);
    const auto &schema = table->keySchema();
    const auto key = partiqlWhereKey(statement, schema);
    refuseKeyUpdates(statement.update, schema);
    std::optional<dynamodb::AttributeMap> old;
    dynamodb::AttributeMap fresh;
    table->locked([&] {
        old = table->get(key);
        if (!old)
            throw conditionFailed();
        requireCondition(statement.where, &*old, params);
        fresh = updatedItem(statement.update, &*old, schema, key);
        table->validate(fresh);
        table->put(fresh);
    });
    used.addWrite(*table, &*old, &fresh);
}

void remove(Context &context, const Params &params, const PartiqlStatement &statement, Consumption &used)
{
    const auto table = writtenTable(context, statement);
    const auto key = partiqlWhereKey(statement, table->keySchema());
    std::optional<dynamodb::AttributeMap> old;
    table->locked([&] {
        old = table->get(key);
        if (!old)
            return;
        requireCondition(statement.where, &*old, params);
        table->remove(key);
    });
    used.addWrite(*table, old ? &*old : nullptr, nullptr);
}

} // namespace

PartiqlRequest readPartiqlRequest(const Params &params)
{
    PartiqlRequest request;
    request.text = params.requiredString("Statement");
    if (request.text.empty() || request.text.size() > kMaxStatementLength)
        throw validation("1 validation error detected: Value '" + request.text.substr(0, 64) +
                         "' at 'statement' failed to satisfy constraint: Member must have length " +
                         (request.text.empty() ? "greater than or equal to 1" : "less than or equal to 8192"));
    if (params.has("Parameters")) {
        const auto values = params.array("Parameters");
        if (values.empty())
            throw validation("1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: "
                             "Member must have length greater than or equal to 1");
        for (const auto &value : values)
            request.parameters.push_back(dynamodb::parseAttributeValue(value));
    }
    const std::string mode = params.string("ReturnValuesOnConditionCheckFailure").value_or("NONE");
    if (mode != "NONE" && mode != "ALL_OLD")
        throw validation("1 validation error detected: Value '" + mode +
                         "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
                         "satisfy enum value set: [ALL_OLD, NONE]");
    capacityMode(params); // checks ReturnConsumedCapacity before anything is written
    if (const auto token = params.string("NextToken"); token && (token->empty() || token->size() > 32768))
        throw validation("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: Member "
                         "must have length " +
                         std::string(token->empty() ? "greater than or equal to 1" : "less than or equal to 32768"));
    request.statement = parsePartiql(request.text, request.parameters);
    return request;
}

void partiqlWrite(Context &context, const Params &params, const PartiqlStatement &statement, Consumption &used)
{
    switch (statement.kind) {
    case PartiqlStatement::Kind::Insert:
        insert(context, statement, used);
        return;
    case PartiqlStatement::Kind::Update:
        update(context, params, statement, used);
        return;
    case PartiqlStatement::Kind::Delete:
        remove(context, params, statement, used);
        return;
    default:
        throw validation(std::string(kPartiqlExistsOutsideTransactionMessage));
    }
}

namespace {

std::string executeStatement(Context &context, const Params &params)
{
    const PartiqlRequest request = readPartiqlRequest(params);
    if (request.statement.kind == PartiqlStatement::Kind::Select)
        return partiqlSelect(context, params, request);
    if (params.has("NextToken"))
        throw validation("NextToken is only valid on a SELECT statement");
    Consumption used(capacityMode(params), true);
    partiqlWrite(context, params, request.statement, used);
    return withCapacity("{\"Items\":[]}", used.member());
}

} // namespace

std::string partiqlOperation(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "ExecuteStatement")
        return executeStatement(context, params);
    if (operation == "BatchExecuteStatement")
        return batchExecuteStatement(context, params);
    if (operation == "ExecuteTransaction")
        return executeTransaction(context, params);
    *handled = false;
    return {};
}

} // namespace orderlab::aws
