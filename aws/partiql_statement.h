#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/projection.h"
#include "dynamodb/expr/update.h"

#include <optional>
#include <string>

namespace orderlab::aws {

/**
 * One parsed PartiQL statement of DynamoDB's dialect (docs/dynamodb-partiql.md, "Statements"), with
 * its `?` parameters already bound. The WHERE clause is a condition of the expression language
 * (emulator/dynamodb/expr), so the one evaluator judges PartiQL and ConditionExpression alike; the
 * SET and REMOVE clauses are an update expression's actions. A value type.
 */
struct PartiqlStatement
{
    /// Exists: `EXISTS(SELECT ...)`, a write transaction's condition check on one item (the fields are the SELECT's).
    enum class Kind { Select, Insert, Update, Delete, Exists };
    Kind kind = Kind::Select;
    std::string table;
    std::optional<std::string> index; ///< SELECT ... FROM "table"."index"
    /// SELECT's list; nullopt for `*`.
    std::optional<dynamodb::expr::Projection> projection;
    std::optional<dynamodb::expr::Condition> where;
    dynamodb::AttributeMap item;             ///< INSERT's VALUE
    dynamodb::expr::UpdateExpression update; ///< UPDATE's SET and REMOVE, in the order written
};

} // namespace orderlab::aws
