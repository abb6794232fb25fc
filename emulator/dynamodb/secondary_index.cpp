#include "secondary_index.h"
#include <algorithm>

namespace orderlab::dynamodb {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

/// The key attributes of `schema`, hash first.
std::vector<const KeyAttribute *> attributesOf(const KeySchema &schema)
{
    std::vector<const KeyAttribute *> out{&schema.hash};
    if (schema.range)
        out.push_back(&*schema.range);
    return out;
}

} // namespace

std::string_view projectionTypeName(ProjectionType type)
{
    switch (type) {
    case ProjectionType::KeysOnly:
        return "KEYS_ONLY";
    case ProjectionType::Include:
        return "INCLUDE";
    case ProjectionType::All:
        break;
    }
    return "ALL";
}

bool IndexEntryKeyLess::operator()(const IndexEntryKey &a, const IndexEntryKey &b) const
{
    if (const int c = a.hash.compare(b.hash); c != 0)
        return c < 0;
    if (const int c = compareKeyText(a.range, b.range, indexRangeType); c != 0)
        return c < 0;
    if (const int c = a.table.hash.compare(b.table.hash); c != 0)
        return c < 0;
    return compareKeyText(a.table.range, b.table.range, tableRangeType) < 0;
}

SecondaryIndex::SecondaryIndex(IndexDefinition definition, KeySchema tableSchema)
    : m_definition(std::move(definition)), m_table(std::move(tableSchema)),
      m_entries(IndexEntryKeyLess{m_definition.keys.range ? m_definition.keys.range->type : KeyType::S,
                                  m_table.range ? m_table.range->type : KeyType::S})
{
}

void SecondaryIndex::check(const AttributeMap &item) const
{
    for (const KeyAttribute *key : attributesOf(m_definition.keys)) {
        const AttributeValue *value = find(item, key->name);
        if (!value)
            continue;
        if (value->type() != attributeTypeOf(key->type))
            throw ValidationError(kInvalid + "Type mismatch for Index Key " + key->name +
                                  " Expected: " + std::string(keyTypeName(key->type)) + " Actual: " +
                                  std::string(typeName(value->type())) + " IndexName: " + m_definition.name);
        if (value->text().empty() && key->type != KeyType::N)
            throw ValidationError("One or more parameter values are not valid. A value specified for a secondary "
                                  "index key is not supported. The AttributeValue for a key attribute cannot contain "
                                  "an empty " +
                                  std::string(key->type == KeyType::S ? "string" : "binary") +
                                  " value. IndexName: " + m_definition.name + ", IndexKey: " + key->name);
        // DynamoDB's key size limits hold for index keys too: 2048 bytes for the hash key, 1024 for the range key
        // (numbers, at most 38 digits, never reach them).
        const bool isRange = m_definition.keys.range && key == &*m_definition.keys.range;
        const std::size_t limit = isRange ? 1024 : 2048;
        if (key->type != KeyType::N && value->text().size() > limit)
            throw ValidationError(kInvalid + "Size limit exceeded for Index Key " + key->name + " Actual Size: " +
                                  std::to_string(value->text().size()) + " bytes Max Size: " + std::to_string(limit) +
                                  " bytes IndexName: " + m_definition.name);
    }
}

std::optional<IndexEntryKey> SecondaryIndex::entryKey(const AttributeMap &item) const
{
    IndexEntryKey key;
    for (const KeyAttribute *attribute : attributesOf(m_definition.keys)) {
        const AttributeValue *value = find(item, attribute->name);
        if (!value || value->type() != attributeTypeOf(attribute->type) ||
            (value->text().empty() && attribute->type != KeyType::N))
            return std::nullopt;
        (attribute == &m_definition.keys.hash ? key.hash : key.range) = value->text();
    }
    key.table = itemKey(m_table, item);
    return key;
}

bool projects(const IndexDefinition &definition, const KeySchema &table, const std::string &name)
{
    if (definition.projection == ProjectionType::All)
        return true;
    for (const auto *schema : {&table, &definition.keys})
        for (const KeyAttribute *key : attributesOf(*schema))
            if (key->name == name)
                return true;
    const auto &include = definition.nonKeyAttributes;
    return definition.projection == ProjectionType::Include &&
           std::find(include.begin(), include.end(), name) != include.end();
}

bool SecondaryIndex::projects(const std::string &name) const
{
    return dynamodb::projects(m_definition, m_table, name);
}

AttributeMap SecondaryIndex::project(const AttributeMap &item) const
{
    if (m_definition.projection == ProjectionType::All)
        return item;
    AttributeMap out;
    for (const auto &entry : item)
        if (projects(entry.first))
            out.push_back(entry);
    return out;
}

AttributeMap SecondaryIndex::lastKey(const AttributeMap &entry) const
{
    AttributeMap out = keyAttributes(m_table, entry);
    for (const auto &attribute : keyAttributes(m_definition.keys, entry))
        if (!find(out, attribute.first))
            out.push_back(attribute);
    return out;
}

IndexEntryKey SecondaryIndex::startKey(const AttributeMap &key) const
{
    const auto invalid = [] {
        return ValidationError("The provided starting key is invalid: The provided key element does not match the "
                               "schema");
    };
    std::vector<const KeyAttribute *> expected = attributesOf(m_table);
    for (const KeyAttribute *attribute : attributesOf(m_definition.keys))
        if (std::none_of(expected.begin(), expected.end(), [&](const auto *k) { return k->name == attribute->name; }))
            expected.push_back(attribute);
    if (key.size() != expected.size())
        throw invalid();
    for (const KeyAttribute *attribute : expected) {
        const AttributeValue *value = find(key, attribute->name);
        if (!value || value->type() != attributeTypeOf(attribute->type))
            throw invalid();
    }
    const auto entry = entryKey(key);
    if (!entry)
        throw invalid();
    return *entry;
}

void SecondaryIndex::replace(const AttributeMap *oldItem, const AttributeMap *newItem)
{
    if (oldItem) {
        if (const auto key = entryKey(*oldItem)) {
            if (const auto it = m_entries.find(*key); it != m_entries.end()) {
                m_bytes -= sizeBytes(it->second);
                m_entries.erase(it);
            }
        }
    }
    if (newItem) {
        if (const auto key = entryKey(*newItem)) {
            AttributeMap entry = project(*newItem);
            m_bytes += sizeBytes(entry);
            m_entries[*key] = std::move(entry);
        }
    }
}

std::vector<const AttributeMap *> SecondaryIndex::queryPage(const std::string &hash,
                                                            const std::function<bool(const AttributeMap &)> &accept,
                                                            bool forward, const std::optional<IndexEntryKey> &start,
                                                            std::size_t limit, std::size_t maxBytes, bool *more) const
{
    std::vector<const AttributeMap *> out;
    bool stopped = false;
    std::size_t bytes = 0;
    const auto take = [&](const AttributeMap &entry) {
        if (accept && !accept(entry))
            return true;
        if ((limit && out.size() >= limit) || (maxBytes && bytes >= maxBytes)) {
            stopped = true;
            return false;
        }
        bytes += sizeBytes(entry);
        out.push_back(&entry);
        return true;
    };
    if (!start || start->hash == hash) {
        const auto first = m_entries.lower_bound(IndexEntryKey{hash, {}, {}});
        const auto last = m_entries.lower_bound(IndexEntryKey{hash + '\0', {}, {}});
        if (forward) {
            for (auto it = start ? m_entries.upper_bound(*start) : first; it != last && take(it->second); ++it) {
            }
        } else {
            for (auto it = start ? m_entries.lower_bound(*start) : last; it != first;) {
                --it;
                if (!take(it->second))
                    break;
            }
        }
    }
    if (more)
        *more = stopped;
    return out;
}

std::vector<const AttributeMap *> SecondaryIndex::scanPage(const std::optional<IndexEntryKey> &start, std::size_t limit,
                                                           std::size_t maxBytes, bool *more,
                                                           const std::function<bool(const std::string &)> &accept) const
{
    auto it = start ? m_entries.upper_bound(*start) : m_entries.begin();
    std::vector<const AttributeMap *> out;
    std::size_t bytes = 0;
    for (; it != m_entries.end(); ++it) {
        if (accept && !accept(it->first.hash))
            continue;
        if ((limit && out.size() >= limit) || (maxBytes && bytes >= maxBytes))
            break;
        bytes += sizeBytes(it->second);
        out.push_back(&it->second);
    }
    while (accept && it != m_entries.end() && !accept(it->first.hash))
        ++it;
    if (more)
        *more = it != m_entries.end();
    return out;
}

} // namespace orderlab::dynamodb
