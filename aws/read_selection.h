#pragma once

#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/projection.h"
#include "dynamodb/key_schema.h"
#include "request_params.h"

#include <optional>
#include <string>
#include <vector>

namespace orderlab::aws {

/**
 * What a read returns of each item (docs/dynamodb-api.md, "Reads"): everything, the legacy
 * AttributesToGet names, a ProjectionExpression, or (Scan and Query) only the count.
 */
struct ReadSelection
{
    bool countOnly = false;
    std::string select; ///< the request's Select; empty when it has none
    std::optional<std::vector<std::string>> names;
    std::optional<dynamodb::expr::Projection> projection;

    /// The top-level attribute names the selection asks for (none when it asks for everything).
    std::vector<std::string> requestedNames() const;

    /// `item` as the selection returns it (the whole item when nothing was selected).
    dynamodb::AttributeMap apply(const dynamodb::AttributeMap &item) const;
    /// Appends apply(item)'s AttributeValue JSON to `out`; the whole item without a copy of it.
    void appendJson(std::string &out, const dynamodb::AttributeMap &item) const;
};

/**
 * Reads AttributesToGet, ProjectionExpression (parsed with `context`) and, when `withSelect`
 * (Scan, Query), Select, with DynamoDB's rules and texts: SPECIFIC_ATTRIBUTES needs one of the two;
 * either with another Select is refused ("Cannot specify the ProjectionExpression when choosing to
 * get ALL_ATTRIBUTES", "... only the Count"); ALL_PROJECTED_ATTRIBUTES needs an index (`index`).
 * @throws ApiError, dynamodb::ValidationError.
 */
ReadSelection readSelection(const Params &params, dynamodb::expr::ExpressionContext &context, bool withSelect,
                            bool index = false);

/// The top-level attribute names `condition` reads, once each.
std::vector<std::string> conditionNames(const dynamodb::expr::Condition &condition);

/// The request's FilterExpression parsed with `context`, or nullopt. @throws dynamodb::ValidationError.
std::optional<dynamodb::expr::Condition> filterOf(const Params &params, dynamodb::expr::ExpressionContext &context);

/// Query's rule: "Filter Expression can only contain non-primary key attributes: Primary key
/// attribute: pk" when the filter names a key attribute of `schema`. @throws ApiError.
void refuseKeyAttributesInFilter(const dynamodb::expr::Condition &filter, const dynamodb::KeySchema &schema);

} // namespace orderlab::aws
