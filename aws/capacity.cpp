// ReturnConsumedCapacity: the units of every operation, by table and by index, in one place
// (docs/dynamodb-api.md, "Capacity").
#include "capacity.h"

#include "js/json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace orderlab::aws {

CapacityMode capacityMode(const Params &params)
{
    const auto mode = params.string("ReturnConsumedCapacity");
    if (!mode || *mode == "NONE")
        return CapacityMode::None;
    if (*mode == "TOTAL")
        return CapacityMode::Total;
    if (*mode == "INDEXES")
        return CapacityMode::Indexes;
    throw validation("1 validation error detected: Value '" + *mode +
                     "' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value "
                     "set: [INDEXES, TOTAL, NONE]");
}

double readUnits(std::size_t bytes, bool consistent)
{
    const double units = std::max<double>(1, std::ceil(static_cast<double>(bytes) / 4096.0));
    return consistent ? units : units / 2;
}

double writeUnits(std::size_t bytes)
{
    return std::max<double>(1, std::ceil(static_cast<double>(bytes) / 1024.0));
}

std::string unitsJson(double units)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", units);
    return buf;
}

double indexWriteUnits(const dynamodb::IndexDefinition &index, const dynamodb::KeySchema &table,
                       const dynamodb::AttributeMap *before, const dynamodb::AttributeMap *after)
{
    const dynamodb::SecondaryIndex shape(index, table);
    const auto beforeKey = before ? shape.entryKey(*before) : std::nullopt;
    const auto afterKey = after ? shape.entryKey(*after) : std::nullopt;
    if (!beforeKey && !afterKey)
        return 0;
    const std::size_t overhead = index.global ? 0 : dynamodb::kLsiEntryOverhead;
    const auto units = [&](const dynamodb::AttributeMap &entry) {
        return writeUnits(dynamodb::sizeBytes(entry) + overhead);
    };
    if (!afterKey)
        return units(shape.project(*before));
    if (!beforeKey)
        return units(shape.project(*after));
    const auto old = shape.project(*before);
    const auto fresh = shape.project(*after);
    if (beforeKey->hash != afterKey->hash || beforeKey->range != afterKey->range)
        return units(old) + units(fresh);
    if (dynamodb::sameItem(old, fresh))
        return 0;
    return std::max(units(old), units(fresh));
}

void Consumption::addTable(const std::string &table, double units)
{
    if (wanted())
        m_tables[table].table += units;
}

void Consumption::addIndex(const std::string &table, const dynamodb::IndexDefinition &index, double units)
{
    if (!wanted())
        return;
    auto &entry = m_tables[table];
    (index.global ? entry.global : entry.local)[index.name] += units;
}

void Consumption::addWrite(const Table &table, const dynamodb::AttributeMap *before,
                           const dynamodb::AttributeMap *after, double factor)
{
    if (!wanted())
        return;
    const std::size_t size =
        std::max(before ? dynamodb::sizeBytes(*before) : 0, after ? dynamodb::sizeBytes(*after) : 0);
    addTable(table.name(), factor * writeUnits(size));
    for (const auto &info : table.indexes())
        if (const double units = indexWriteUnits(info.definition, table.keySchema(), before, after); units > 0)
            addIndex(table.name(), info.definition, factor * units);
}

void Consumption::addItemRead(const std::string &table, const dynamodb::AttributeMap *item, bool consistent,
                              double factor)
{
    if (wanted())
        addTable(table, factor * readUnits(item ? dynamodb::sizeBytes(*item) : 0, consistent));
}

std::string Consumption::entry(const std::string &table, const Units &units) const
{
    const char *kind = m_write ? ",\"WriteCapacityUnits\":" : ",\"ReadCapacityUnits\":";
    const auto figures = [kind](double n) { return "\"CapacityUnits\":" + unitsJson(n) + kind + unitsJson(n); };
    double total = units.table;
    for (const auto *indexes : {&units.local, &units.global})
        for (const auto &[name, n] : *indexes)
            total += n;
    std::string out = "{\"TableName\":";
    js::appendQuoted(out, table);
    out += "," + figures(total);
    if (m_mode == CapacityMode::Indexes) {
        out += ",\"Table\":{" + figures(units.table) + "}";
        const auto indexes = [&](const char *member, const std::map<std::string, double> &map) {
            if (map.empty())
                return;
            out += std::string(",\"") + member + "\":{";
            bool first = true;
            for (const auto &[name, n] : map) {
                if (!first)
                    out += ',';
                first = false;
                js::appendQuoted(out, name);
                out += ":{" + figures(n) + "}";
            }
            out += '}';
        };
        indexes("LocalSecondaryIndexes", units.local);
        indexes("GlobalSecondaryIndexes", units.global);
    }
    return out + "}";
}

std::string Consumption::member() const
{
    if (!wanted() || m_tables.empty())
        return {};
    return "\"ConsumedCapacity\":" + entry(m_tables.begin()->first, m_tables.begin()->second);
}

std::string Consumption::listMember() const
{
    if (!wanted())
        return {};
    std::string out = "\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto &[table, units] : m_tables) {
        if (!first)
            out += ',';
        first = false;
        out += entry(table, units);
    }
    return out + "]";
}

std::string withCapacity(std::string body, const std::string &member)
{
    if (member.empty())
        return body;
    if (body == "{}")
        return "{" + member + "}";
    body.pop_back();
    return body + "," + member + "}";
}

} // namespace orderlab::aws
