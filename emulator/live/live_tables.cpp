// LiveEmulator's reads and writes of any table (the window's Tables view): the world's TableRegistry,
// which is thread-safe, read from the GUI thread; writes go through World::apply as commands.
#include "live_emulator.h"

#include "live_emulator_impl.h"

#include "dynamodb/marshall.h"
#include "stream/view_type.h"

#include <algorithm>

namespace orderlab {

namespace {

QString keySchemaText(const dynamodb::KeySchema &schema)
{
    QString text = QStringLiteral("%1 (%2)").arg(q(schema.hash.name), q(std::string(keyTypeName(schema.hash.type))));
    if (schema.range)
        text += QStringLiteral(", %1 (%2)").arg(q(schema.range->name), q(std::string(keyTypeName(schema.range->type))));
    return text;
}

/// The key attributes of `item` under `schema` (the item came from the table, so they are there).
dynamodb::AttributeMap keyOf(const dynamodb::AttributeMap &item, const dynamodb::KeySchema &schema)
{
    dynamodb::AttributeMap key;
    for (const dynamodb::KeyAttribute *k : {&schema.hash, schema.range ? &*schema.range : nullptr})
        if (k)
            if (const auto *v = dynamodb::find(item, k->name))
                key.emplace_back(k->name, *v);
    return key;
}

} // namespace

QList<TableSummary> LiveEmulator::tables() const
{
    QList<TableSummary> out;
    if (!d->world)
        return out;
    TableRegistry &registry = d->world->pipeline().tables();
    for (const std::string &name : registry.names()) {
        const TableRegistry::Entry entry = registry.find(name);
        if (!entry.table)
            continue; // deleted since names() was read
        TableSummary s;
        s.name = q(name);
        s.keySchema = keySchemaText(entry.table->keySchema());
        s.items = static_cast<qint64>(entry.table->size());
        s.bytes = static_cast<qint64>(entry.table->bytes());
        const StreamSpecification spec = entry.table->streamSpecification();
        if (spec.enabled)
            s.stream = q(std::string(viewTypeName(spec.viewType)));
        s.pipeline = registry.adopted(name);
        out << s;
    }
    return out;
}

TablePage LiveEmulator::tableItems(const QString &table, const QString &afterKeyJson, int limit) const
{
    TablePage page;
    if (!d->world) {
        page.error = QStringLiteral("the emulator is not running");
        return page;
    }
    const auto entry = d->world->pipeline().tables().find(table.toStdString());
    if (!entry.table) {
        page.error = QStringLiteral("no table named '%1'").arg(table);
        return page;
    }
    try {
        std::optional<dynamodb::AttributeMap> start;
        if (!afterKeyJson.isEmpty())
            start = dynamodb::parseItemJson(afterKeyJson.toStdString());
        bool more = false;
        const auto items = entry.table->scanPage(start, static_cast<std::size_t>(std::clamp(limit, 1, 1000)), 0, &more);
        for (const auto &item : items) {
            page.itemsJson << q(dynamodb::itemJson(item));
            page.keysJson << q(dynamodb::itemJson(keyOf(item, entry.table->keySchema())));
        }
        page.more = more;
    } catch (const std::exception &e) {
        page.error = q(e.what());
        page.itemsJson.clear();
        page.keysJson.clear();
    }
    return page;
}

QString LiveEmulator::putTableItem(const QString &table, const QString &itemJson)
{
    Command c;
    c.kind = Command::Kind::PutItem;
    c.table = table.toStdString();
    c.item = itemJson.toStdString();
    return submit(c);
}

QString LiveEmulator::deleteTableItem(const QString &table, const QString &keyJson)
{
    Command c;
    c.kind = Command::Kind::DeleteItem;
    c.table = table.toStdString();
    c.item = keyJson.toStdString();
    if (table == QLatin1String(kOrdersTableName)) { // the orders table's delete takes its pk
        try {
            const auto key = dynamodb::parseItemJson(c.item);
            const auto *pk = dynamodb::find(key, "pk");
            if (!pk || pk->type() != dynamodb::AttributeValue::Type::S)
                return QStringLiteral("the key of an order is {\"pk\":{\"S\":\"...\"}}");
            c.table.clear();
            c.pk = pk->text();
        } catch (const std::exception &e) {
            return q(e.what());
        }
    }
    return submit(c);
}

} // namespace orderlab
