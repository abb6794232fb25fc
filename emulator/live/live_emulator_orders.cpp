// LiveEmulator's order actions: what a person does to the orders table from the window.
#include "live_emulator.h"

#include "live_emulator_impl.h"

namespace orderlab {

namespace {
QString itemError(const std::exception &e)
{
    return QString::fromUtf8(e.what());
}
} // namespace

QString LiveEmulator::newOrder(const QString &creator, const QString &itemsJson)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    if (creator.trimmed().isEmpty())
        return QStringLiteral("an order needs a creator");
    try {
        const auto items = dynamodb::marshallJson(itemsJson.toStdString());
        if (items.type() != dynamodb::AttributeValue::Type::L)
            return QStringLiteral("items must be a JSON array, e.g. [{\"name\":\"margherita\",\"size\":\"L\",\"price\":12.5}]");
        const qint64 now = d->pipeline->scheduler().now();
        const QString pk = QStringLiteral("ord-%1-%2").arg(now % 100000).arg(++d->orderCounter);
        dynamodb::AttributeMap item{
            {"pk", dynamodb::AttributeValue::string(pk.toStdString())},
            {"createdAt", dynamodb::AttributeValue::string(isoTimeMs(now))},
            {"status", dynamodb::AttributeValue::string("SUBMITTED")},
            {"numItems", dynamodb::AttributeValue::number(std::to_string(items.list().size()))},
            {"items", items},
            {"creator", dynamodb::AttributeValue::string(creator.trimmed().toStdString())}};
        d->pipeline->table().put(std::move(item));
    } catch (const std::exception &e) {
        return itemError(e);
    }
    return {};
}

QString LiveEmulator::advanceStatus(const QString &pk)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    auto item = d->pipeline->table().get(pk.toStdString());
    if (!item)
        return QStringLiteral("no order %1").arg(pk);
    const auto *status = dynamodb::find(*item, "status");
    const std::string current = status && status->type() == dynamodb::AttributeValue::Type::S ? status->text() : "";
    std::size_t i = 0;
    while (i < std::size(kStatuses) && current != kStatuses[i])
        ++i;
    if (i + 1 >= std::size(kStatuses))
        return i < std::size(kStatuses) ? QStringLiteral("%1 is already DELIVERED").arg(pk)
                                        : QStringLiteral("%1 has an unknown status '%2'").arg(pk, q(current));
    try {
        const std::string now = isoTimeMs(d->pipeline->scheduler().now());
        d->pipeline->table().update(pk.toStdString(),
                                    {{"status", dynamodb::AttributeValue::string(kStatuses[i + 1])},
                                     {"lastUpdated", dynamodb::AttributeValue::string(now)}},
                                    {});
    } catch (const std::exception &e) {
        return itemError(e);
    }
    return {};
}

QString LiveEmulator::editItems(const QString &pk, const QString &itemsJson)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    if (!d->pipeline->table().get(pk.toStdString()))
        return QStringLiteral("no order %1").arg(pk);
    try {
        const auto items = dynamodb::marshallJson(itemsJson.toStdString());
        if (items.type() != dynamodb::AttributeValue::Type::L)
            return QStringLiteral("items must be a JSON array");
        const std::string now = isoTimeMs(d->pipeline->scheduler().now());
        d->pipeline->table().update(pk.toStdString(),
                                    {{"items", items},
                                     {"numItems", dynamodb::AttributeValue::number(std::to_string(items.list().size()))},
                                     {"lastUpdated", dynamodb::AttributeValue::string(now)}},
                                    {});
    } catch (const std::exception &e) {
        return itemError(e);
    }
    return {};
}

QString LiveEmulator::cancelOrder(const QString &pk)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    if (!d->pipeline->table().remove(pk.toStdString()).changed)
        return QStringLiteral("no order %1").arg(pk);
    return {};
}

QString LiveEmulator::putItemJson(const QString &itemJson)
{
    if (!d->pipeline)
        return QStringLiteral("the emulator is not running");
    try {
        d->pipeline->table().put(dynamodb::parseItemJson(itemJson.toStdString()));
    } catch (const std::exception &e) {
        return itemError(e);
    }
    return {};
}

} // namespace orderlab
