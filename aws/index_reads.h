#pragma once

#include "capacity.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/secondary_index.h"
#include "dynamodb/table.h"
#include "read_selection.h"
#include "request_params.h"

#include <functional>
#include <optional>
#include <vector>

namespace orderlab::aws {

/// A Query or Scan through IndexName (docs/dynamodb-indexes.md, "Reads").
struct IndexRead
{
    dynamodb::IndexDefinition definition;
    /// An LSI read that needs attributes the index does not project: the page's items are read
    /// from the table (under the same lock).
    bool fetch = false;
};

/**
 * The index the request's IndexName names on `table`, or nullopt without IndexName.
 * @throws ApiError "The table does not have the specified index: x"; "Consistent reads are not
 *         supported on global secondary indexes" for ConsistentRead true on a GSI.
 */
std::optional<dynamodb::IndexDefinition> requestedIndex(const Params &params, const Table &table);

/**
 * How to read `index` for `selection` and `filter`: a GSI refuses what it does not project
 * ("Select type ALL_ATTRIBUTES is not supported for global secondary index x because its
 * projection type is not ALL", "Global secondary index x does not project [a]"); an LSI fetches
 * the table's items instead. @throws ApiError.
 */
IndexRead indexRead(const dynamodb::IndexDefinition &index, const dynamodb::KeySchema &table,
                    const ReadSelection &selection, const std::optional<dynamodb::expr::Condition> &filter);

/// What an index page read, for its capacity: the bytes of the index entries (the index's charge) and the size of
/// each table item fetched for them (the table's).
struct IndexPageBytes
{
    std::size_t entries = 0;
    std::vector<std::size_t> fetched;
};

/// Runs `page` on the index under the table's lock and copies what it picked (the table's items
/// instead when `read.fetch`); fills `bytes` when given. @throws ValidationError from `page` (a bad start key).
std::vector<dynamodb::AttributeMap>
readIndexPage(const Table &table, const IndexRead &read,
              const std::function<std::vector<const dynamodb::AttributeMap *>(const dynamodb::SecondaryIndex &)> &page,
              IndexPageBytes *bytes = nullptr);

/// Charges an index page to `used`: the index for its entries, the table for the items fetched (each item on its
/// own, as a GetItem), and the table by name even when nothing was fetched.
void chargeIndexPage(Consumption &used, const std::string &table, const dynamodb::IndexDefinition &index,
                     const IndexPageBytes &bytes, bool consistent);

/// An index read's LastEvaluatedKey: the table's key attributes of `item`, then the index's.
dynamodb::AttributeMap indexLastKey(const dynamodb::KeySchema &table, const dynamodb::IndexDefinition &index,
                                    const dynamodb::AttributeMap &item);

} // namespace orderlab::aws
