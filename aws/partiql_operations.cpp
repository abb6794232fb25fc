// ExecuteStatement: PartiQL's INSERT, UPDATE and DELETE through the table's own writes, and the dispatch
// to SELECT (docs/dynamodb-partiql.md).
#include "partiql_operations.h"

#include "dynamodb/service_error.h"
#include "expression_params.h"
#include "partiql_parser.h"

#include <algorithm>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kMaxStatementLength = 8192;

std::string writeAnswer(const Params &params, const std::string &table, std::size_t bytes)
{
    return withCapacity("{\"Items\":[]}", consumedCapacity(params, table, writeUnits(bytes), true));
}

ApiError conditionFailed()
{
    return ApiError(400, "ConditionalCheckFailedException", "The conditional request failed");
}

} // namespace

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
    const auto table = context.tables.get(statement.table).table;
    if (statement.index)
        throw validation(std::string(kPartiqlSingleTableMessage));
    return table;
}

std::string insert(Context &context, const Params &params, const PartiqlStatement &statement)
{
    const auto table = writtenTable(context, statement);
    const std::size_t size = dynamodb::sizeBytes(statement.item);
    table->locked([&] {
        table->validate(statement.item);
        if (table->get(dynamodb::keyAttributes(table->keySchema(), statement.item)))
            throw ApiError(400, "DuplicateItemException", "Duplicate primary key exists in table");
        table->put(statement.item);
    });
    return writeAnswer(params, statement.table, size);
}

std::string update(Context &context, const Params &params, const PartiqlStatement &statement)
{
    const auto table = writtenTable(context, statement);
    const auto &schema = table->keySchema();
    const auto key = partiqlWhereKey(statement, schema);
    refuseKeyUpdates(statement.update, schema);
    std::size_t size = 0;
    table->locked([&] {
        const auto old = table->get(key);
        if (!old)
            throw conditionFailed();
        requireCondition(statement.where, &*old, params);
        dynamodb::AttributeMap fresh = updatedItem(statement.update, &*old, schema, key);
        table->validate(fresh);
        size = std::max(dynamodb::sizeBytes(fresh), dynamodb::sizeBytes(*old));
        table->put(std::move(fresh));
    });
    return writeAnswer(params, statement.table, size);
}

std::string remove(Context &context, const Params &params, const PartiqlStatement &statement)
{
    const auto table = writtenTable(context, statement);
    const auto key = partiqlWhereKey(statement, table->keySchema());
    std::size_t size = 0;
    table->locked([&] {
        const auto old = table->get(key);
        if (!old)
            return;
        requireCondition(statement.where, &*old, params);
        size = dynamodb::sizeBytes(*old);
        table->remove(key);
    });
    return writeAnswer(params, statement.table, size);
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
    consumedCapacity(params, "", 0, false); // checks ReturnConsumedCapacity before anything is written
    if (const auto token = params.string("NextToken"); token && (token->empty() || token->size() > 32768))
        throw validation("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: Member "
                         "must have length " +
                         std::string(token->empty() ? "greater than or equal to 1" : "less than or equal to 32768"));
    request.statement = parsePartiql(request.text, request.parameters);
    return request;
}

std::string partiqlWrite(Context &context, const Params &params, const PartiqlStatement &statement)
{
    switch (statement.kind) {
    case PartiqlStatement::Kind::Insert:
        return insert(context, params, statement);
    case PartiqlStatement::Kind::Update:
        return update(context, params, statement);
    default:
        return remove(context, params, statement);
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
    return partiqlWrite(context, params, request.statement);
}

} // namespace

std::string partiqlOperation(Context &context, const std::string &operation, const Params &params, bool *handled)
{
    *handled = true;
    if (operation == "ExecuteStatement")
        return executeStatement(context, params);
    if (operation == "BatchExecuteStatement")
        return batchExecuteStatement(context, params);
    *handled = false;
    return {};
}

} // namespace orderlab::aws
