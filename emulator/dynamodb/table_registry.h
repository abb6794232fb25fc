#pragma once

#include "clock.h"
#include "stream/stream.h"
#include "table.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

class EventBus;

/// What CreateTable says of a table besides its keys, and what the control plane reports.
struct TableSettings
{
    std::string billingMode = "PROVISIONED"; ///< PROVISIONED or PAY_PER_REQUEST
    std::int64_t readCapacityUnits = 0, writeCapacityUnits = 0;
    std::vector<std::pair<std::string, std::string>> tags; ///< in the order they were set
    std::optional<std::string> ttlAttribute;               ///< TimeToLiveSpecification, when enabled
    TimeMs createdAt = 0;
    TimeMs throughputChangedAt = 0; ///< LastIncreaseDateTime / LastDecreaseDateTime
};

/**
 * Every table of a world, by name (docs/dynamodb-api.md, "Tables").
 *
 * The pipeline's `orders` table and its stream are adopted (borrowed: they belong to the
 * pipeline, publish on the world's event bus and are what the mapping follows); they cannot be
 * deleted, and their stream specification cannot change. Every other table is created here:
 * it publishes its changes on an event bus of its own, which its stream (when enabled; same
 * Stream class, its own ARN) follows, so nothing of the pizza pipeline sees it.
 *
 * Thread-safe: one readers-writer lock (TableMutex) guards the map and the settings: lookups hold it shared,
 * changes alone, and nothing else is locked while a lookup holds it. Tables and streams are shared
 * pointers, so a request holding one keeps using it after a DeleteTable.
 * `clock` must outlive the registry.
 */
class TableRegistry
{
  public:
    struct Entry
    {
        std::shared_ptr<Table> table;
        std::shared_ptr<Stream> stream; ///< the latest stream; null when the table never had one
        TableSettings settings;
    };

    TableRegistry(const Clock &clock, Stream::Options streamDefaults);
    ~TableRegistry();
    TableRegistry(const TableRegistry &) = delete;
    TableRegistry &operator=(const TableRegistry &) = delete;

    /// Registers the pipeline's table and stream (borrowed; they must outlive the registry).
    void adopt(Table &table, Stream &stream);

    /// CreateTable. @throws dynamodb::ServiceError ResourceInUseException "Table already exists: x".
    Entry create(const std::string &name, dynamodb::KeySchema schema, StreamSpecification stream,
                 TableSettings settings);
    /// @throws dynamodb::ServiceError ResourceNotFoundException; ValidationException for an adopted table.
    Entry remove(const std::string &name);
    /// Null table when there is none.
    Entry find(const std::string &name) const;
    /// @throws dynamodb::ServiceError ResourceNotFoundException.
    Entry get(const std::string &name) const;
    /// Table names in byte order.
    std::vector<std::string> names() const;
    /// Every entry with a stream (the Streams API's ListStreams), in name order.
    std::vector<Entry> streams() const;
    /// Changes the settings of `name` under the registry's lock. @throws ResourceNotFoundException.
    void updateSettings(const std::string &name, const std::function<void(TableSettings &)> &change);
    /// Enables or disables the stream of a created table (a new stream, with a new ARN, each time
    /// it is enabled). @throws ResourceNotFoundException; ValidationException for an adopted table.
    void setStream(const std::string &name, StreamSpecification spec);
    /// True for the pipeline's own table.
    bool adopted(const std::string &name) const;
    /// Sets the item collection limit (Table::setItemCollectionLimit) of every table, those created later included
    /// (`orderlab serve --item-collection-limit-bytes`, docs/dynamodb-indexes.md, "Item collections").
    void setItemCollectionLimit(std::uint64_t bytes);

  private:
    struct Slot;
    const Clock &m_clock;
    const Stream::Options m_streamDefaults;
    mutable TableMutex m_mutex; ///< shared by the lookups, which every request makes; held alone by changes
    std::map<std::string, std::unique_ptr<Slot>> m_slots;
    std::uint64_t m_itemCollectionLimit = dynamodb::kDefaultItemCollectionLimit;
};

} // namespace orderlab
