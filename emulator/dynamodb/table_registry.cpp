#include "table_registry.h"

#include "events/event_bus.h"
#include "service_error.h"

#include <shared_mutex>

namespace orderlab {

/// A created table with what keeps it running: its own bus and its stream's subscription. The
/// Entry's table pointer shares ownership of the whole holder (aliasing), so a table outlives a
/// DeleteTable as long as a request uses it, and its bus outlives it.
struct TableRegistry::Slot
{
    struct Holder
    {
        Holder(const Clock &clock, const std::string &name, dynamodb::KeySchema schema, StreamSpecification spec)
            : bus(clock), table(clock, &bus, name, std::move(schema), spec)
        {
        }
        EventBus bus;
        Table table;
        std::shared_ptr<Stream> stream;  // the one `follower` feeds
        EventBus::Subscription follower; // ended first: before the table and the stream go
    };

    Entry entry;
    std::shared_ptr<Holder> holder; // null for an adopted table
};

TableRegistry::TableRegistry(const Clock &clock, Stream::Options streamDefaults)
    : m_clock(clock), m_streamDefaults(std::move(streamDefaults))
{
}

TableRegistry::~TableRegistry() = default;

void TableRegistry::adopt(Table &table, Stream &stream)
{
    auto slot = std::make_unique<Slot>();
    slot->entry.table = std::shared_ptr<Table>(&table, [](Table *) {});
    slot->entry.stream = std::shared_ptr<Stream>(&stream, [](Stream *) {});
    slot->entry.settings.createdAt = m_clock.now();
    std::lock_guard lock(m_mutex);
    m_slots[table.name()] = std::move(slot);
}

TableRegistry::Entry TableRegistry::create(const std::string &name, dynamodb::KeySchema schema,
                                           StreamSpecification stream, TableSettings settings)
{
    std::lock_guard lock(m_mutex);
    if (m_slots.count(name))
        throw dynamodb::tableInUse(name);
    auto slot = std::make_unique<Slot>();
    slot->holder = std::make_shared<Slot::Holder>(m_clock, name, std::move(schema), StreamSpecification{});
    slot->entry.table = std::shared_ptr<Table>(slot->holder, &slot->holder->table);
    slot->entry.table->setItemCollectionLimit(m_itemCollectionLimit);
    settings.createdAt = m_clock.now();
    slot->entry.settings = std::move(settings);
    Slot &s = *slot;
    m_slots[name] = std::move(slot);
    if (stream.enabled) {
        try {
            // the lock is held: setStream's body, inline
            Stream::Options options = m_streamDefaults;
            options.tableName = name;
            options.viewType = stream.viewType;
            s.holder->stream = std::make_shared<Stream>(m_clock, options);
            s.entry.stream = s.holder->stream;
            s.holder->follower = s.entry.stream->follow(s.holder->bus);
            s.entry.table->setStreamSpecification(stream);
        } catch (...) {
            m_slots.erase(name);
            throw;
        }
    }
    return s.entry;
}

TableRegistry::Entry TableRegistry::remove(const std::string &name)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_slots.find(name);
    if (it == m_slots.end())
        throw dynamodb::tableNotFound();
    if (!it->second->holder)
        throw dynamodb::ValidationError("orderlab's " + name + " table belongs to the pipeline and cannot be deleted");
    Entry entry = it->second->entry;
    m_slots.erase(it);
    return entry;
}

TableRegistry::Entry TableRegistry::find(const std::string &name) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_slots.find(name);
    return it == m_slots.end() ? Entry() : it->second->entry;
}

TableRegistry::Entry TableRegistry::get(const std::string &name) const
{
    Entry entry = find(name);
    if (!entry.table)
        throw dynamodb::tableNotFound();
    return entry;
}

std::vector<std::string> TableRegistry::names() const
{
    std::shared_lock lock(m_mutex);
    std::vector<std::string> out;
    out.reserve(m_slots.size());
    for (const auto &[name, slot] : m_slots)
        out.push_back(name);
    return out;
}

std::vector<TableRegistry::Entry> TableRegistry::streams() const
{
    std::shared_lock lock(m_mutex);
    std::vector<Entry> out;
    for (const auto &[name, slot] : m_slots) {
        if (slot->entry.stream)
            out.push_back(slot->entry);
    }
    return out;
}

void TableRegistry::updateSettings(const std::string &name, const std::function<void(TableSettings &)> &change)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_slots.find(name);
    if (it == m_slots.end())
        throw dynamodb::tableNotFound();
    change(it->second->entry.settings);
}

void TableRegistry::setStream(const std::string &name, StreamSpecification spec)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_slots.find(name);
    if (it == m_slots.end())
        throw dynamodb::tableNotFound();
    Slot &s = *it->second;
    if (!s.holder)
        throw dynamodb::ValidationError("orderlab's " + name +
                                        " table feeds the pipeline: its stream specification cannot change");
    const StreamSpecification current = s.entry.table->streamSpecification();
    if (spec.enabled && current.enabled)
        throw dynamodb::ValidationError("Table already has an enabled stream: TableName: " + name);
    if (!spec.enabled && !current.enabled)
        throw dynamodb::ValidationError("Table already has a disabled stream: TableName: " + name); // orderlab's text
    if (spec.enabled) {
        Stream::Options options = m_streamDefaults;
        options.tableName = name;
        options.viewType = spec.viewType;
        s.holder->follower.reset();
        s.holder->stream = std::make_shared<Stream>(m_clock, options);
        s.entry.stream = s.holder->stream;
        s.holder->follower = s.entry.stream->follow(s.holder->bus);
    } else {
        s.holder->follower.reset(); // the stream stays readable, as a disabled stream does for 24 h
    }
    s.entry.table->setStreamSpecification(spec);
}

void TableRegistry::setItemCollectionLimit(std::uint64_t bytes)
{
    std::lock_guard lock(m_mutex);
    m_itemCollectionLimit = bytes;
    for (const auto &[name, slot] : m_slots)
        slot->entry.table->setItemCollectionLimit(bytes);
}

bool TableRegistry::adopted(const std::string &name) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_slots.find(name);
    return it != m_slots.end() && !it->second->holder;
}

} // namespace orderlab
