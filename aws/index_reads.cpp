// Query and Scan through IndexName (docs/dynamodb-indexes.md, "Reads").
#include "index_reads.h"

namespace orderlab::aws {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

} // namespace

std::optional<dynamodb::IndexDefinition> requestedIndex(const Params &params, const Table &table)
{
    const auto name = params.string("IndexName");
    if (!name)
        return std::nullopt;
    checkTableName(*name, "indexName");
    auto index = table.index(*name);
    if (!index)
        throw validation("The table does not have the specified index: " + *name);
    if (index->global && params.boolean("ConsistentRead").value_or(false))
        throw validation("Consistent reads are not supported on global secondary indexes");
    return index;
}

IndexRead indexRead(const dynamodb::IndexDefinition &index, const dynamodb::KeySchema &table,
                    const ReadSelection &selection, const std::optional<dynamodb::expr::Condition> &filter)
{
    IndexRead read{index, false};
    if (selection.select == "ALL_ATTRIBUTES" && index.projection != dynamodb::ProjectionType::All) {
        if (index.global)
            throw validation(kInvalid + "Select type ALL_ATTRIBUTES is not supported for global secondary index " +
                             index.name + " because its projection type is not ALL");
        read.fetch = true;
    }
    std::string missing;
    for (const auto &name : selection.requestedNames())
        if (!dynamodb::projects(index, table, name))
            missing += (missing.empty() ? "" : ", ") + name;
    if (!missing.empty()) {
        if (index.global)
            throw validation(kInvalid + "Global secondary index " + index.name + " does not project [" + missing + "]");
        read.fetch = true;
    }
    if (filter && !index.global) {
        for (const auto &name : conditionNames(*filter))
            if (!dynamodb::projects(index, table, name))
                read.fetch = true;
    }
    return read;
}

std::vector<dynamodb::AttributeMap>
readIndexPage(const Table &table, const IndexRead &read,
              const std::function<std::vector<const dynamodb::AttributeMap *>(const dynamodb::SecondaryIndex &)> &page,
              IndexPageBytes *bytes)
{
    std::vector<dynamodb::AttributeMap> out;
    const bool found = table.readIndex(read.definition.name, [&](const dynamodb::SecondaryIndex &index) {
        for (const dynamodb::AttributeMap *entry : page(index)) {
            if (bytes)
                bytes->entries += dynamodb::sizeBytes(*entry);
            if (!read.fetch) {
                out.push_back(*entry);
                continue;
            }
            // the table's lock is held: the item the entry was made of is there
            if (auto item = table.get(dynamodb::keyAttributes(table.keySchema(), *entry))) {
                if (bytes)
                    bytes->fetched.push_back(dynamodb::sizeBytes(*item));
                out.push_back(std::move(*item));
            }
        }
    });
    if (!found) // dropped since requestedIndex found it
        throw validation("The table does not have the specified index: " + read.definition.name);
    return out;
}

void chargeIndexPage(Consumption &used, const std::string &table, const dynamodb::IndexDefinition &index,
                     const IndexPageBytes &bytes, bool consistent)
{
    used.addIndex(table, index, readUnits(bytes.entries, consistent));
    double fetched = 0;
    for (const std::size_t size : bytes.fetched)
        fetched += readUnits(size, consistent);
    used.addTable(table, fetched);
}

dynamodb::AttributeMap indexLastKey(const dynamodb::KeySchema &table, const dynamodb::IndexDefinition &index,
                                    const dynamodb::AttributeMap &item)
{
    dynamodb::AttributeMap out = dynamodb::keyAttributes(table, item);
    for (auto &attribute : dynamodb::keyAttributes(index.keys, item))
        if (!dynamodb::find(out, attribute.first))
            out.push_back(std::move(attribute));
    return out;
}

} // namespace orderlab::aws
