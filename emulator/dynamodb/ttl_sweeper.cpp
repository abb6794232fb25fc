#include "ttl_sweeper.h"

#include "expr/decimal.h"
#include "key_schema.h"
#include "table_registry.h"

#include <algorithm>
#include <vector>

namespace orderlab {

namespace {

constexpr std::size_t kPage = 256;

/// `ms` as canonical decimal seconds ("1732449600.123").
std::string secondsText(TimeMs ms)
{
    const bool negative = ms < 0;
    const std::uint64_t magnitude =
        negative ? static_cast<std::uint64_t>(-(ms + 1)) + 1 : static_cast<std::uint64_t>(ms);
    std::string fraction = std::to_string(magnitude % 1000);
    fraction.insert(0, 3 - fraction.size(), '0');
    return dynamodb::canonicalNumber((negative ? "-" : "") + std::to_string(magnitude / 1000) + "." + fraction);
}

} // namespace

TtlSweeper::TtlSweeper(const TableRegistry &tables, const Clock &clock, Limits limits)
    : m_tables(tables), m_clock(clock), m_limits(limits)
{
}

bool TtlSweeper::expired(const dynamodb::AttributeMap &item, const std::string &attribute, TimeMs now)
{
    const dynamodb::AttributeValue *value = dynamodb::find(item, attribute);
    if (!value || value->type() != dynamodb::AttributeValue::Type::N)
        return false;
    const std::string nowSeconds = secondsText(now);
    if (dynamodb::expr::compareNumbers(value->text(), nowSeconds) > 0)
        return false;
    const std::string oldest = dynamodb::expr::subtractNumbers(nowSeconds, std::to_string(kMaxAgeSeconds));
    return dynamodb::expr::compareNumbers(value->text(), oldest) >= 0;
}

TtlSweeper::Sweep TtlSweeper::sweep()
{
    Sweep done;
    std::vector<std::string> names; // the TTL tables, in name order
    for (const std::string &name : m_tables.names()) {
        if (m_tables.find(name).settings.ttlAttribute)
            names.push_back(name);
    }
    for (auto it = m_cursors.begin(); it != m_cursors.end();) {
        it = std::binary_search(names.begin(), names.end(), it->first) ? std::next(it) : m_cursors.erase(it);
    }
    if (names.empty())
        return done;
    const std::size_t first =
        static_cast<std::size_t>(std::lower_bound(names.begin(), names.end(), m_resume) - names.begin()) % names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string &name = names[(first + i) % names.size()];
        const TableRegistry::Entry entry = m_tables.find(name);
        if (!entry.table || !entry.settings.ttlAttribute)
            continue; // deleted or disabled since the list was made
        if (!sweepTable(name, *entry.table, *entry.settings.ttlAttribute, done)) {
            m_resume = name;
            return done;
        }
    }
    m_resume.clear();
    return done;
}

bool TtlSweeper::sweepTable(const std::string &name, Table &table, const std::string &attribute, Sweep &done)
{
    std::optional<dynamodb::AttributeMap> &cursor = m_cursors[name];
    const TimeMs now = m_clock.now();
    while (done.examined < m_limits.maxExamined) {
        bool more = false;
        const auto page = table.scanPage(cursor, std::min(kPage, m_limits.maxExamined - done.examined), 0, &more);
        for (const auto &item : page) {
            if (done.deleted >= m_limits.maxDeleted)
                return false;
            ++done.examined;
            cursor = dynamodb::keyAttributes(table.keySchema(), item);
            if (!expired(item, attribute, now))
                continue;
            table.locked([&] {
                const auto current = table.get(*cursor);
                if (current && expired(*current, attribute, now) && table.ttlDelete(*cursor).changed)
                    ++done.deleted;
            });
        }
        if (!more) {
            cursor.reset();
            return true;
        }
    }
    return false;
}

} // namespace orderlab
