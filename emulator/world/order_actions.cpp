#include "order_actions.h"

#include "dynamodb/marshall.h"
#include "handler/order_domain.h"
#include "stream/stream_time.h"

namespace orderlab::order_actions {

namespace {
template <class Fn> std::string guarded(Fn &&fn)
{
    try {
        return fn();
    } catch (const std::exception &e) {
        return e.what();
    }
}
} // namespace

std::string newOrder(OrdersTable &table, TimeMs now, const std::string &pk, const std::string &creator,
                     const std::string &itemsJson)
{
    if (creator.find_first_not_of(" \t") == std::string::npos)
        return "an order needs a creator";
    return guarded([&]() -> std::string {
        const auto items = dynamodb::marshallJson(itemsJson);
        if (items.type() != dynamodb::AttributeValue::Type::L)
            return R"(items must be a JSON array, e.g. [{"name":"margherita","size":"L","price":12.5}])";
        dynamodb::AttributeMap item{{"pk", dynamodb::AttributeValue::string(pk)},
                                    {"createdAt", dynamodb::AttributeValue::string(isoTimeMs(now))},
                                    {"status", dynamodb::AttributeValue::string(std::string(kOrderStatuses.front()))},
                                    {"numItems", dynamodb::AttributeValue::number(std::to_string(items.list().size()))},
                                    {"items", items},
                                    {"creator", dynamodb::AttributeValue::string(creator)}};
        table.put(std::move(item));
        return {};
    });
}

std::string advanceStatus(OrdersTable &table, TimeMs now, const std::string &pk)
{
    auto item = table.get(pk);
    if (!item)
        return "no order " + pk;
    const auto *status = dynamodb::find(*item, "status");
    const std::string current = status && status->type() == dynamodb::AttributeValue::Type::S ? status->text() : "";
    const auto next = nextOrderStatus(current);
    if (!next)
        return orderStatusIndex(current) ? pk + " is already " + std::string(kOrderStatuses.back())
                                         : pk + " has an unknown status '" + current + "'";
    return guarded([&]() -> std::string {
        table.update(pk,
                     {{"status", dynamodb::AttributeValue::string(std::string(*next))},
                      {"lastUpdated", dynamodb::AttributeValue::string(isoTimeMs(now))}},
                     {});
        return {};
    });
}

std::string editItems(OrdersTable &table, TimeMs now, const std::string &pk, const std::string &itemsJson)
{
    if (!table.get(pk))
        return "no order " + pk;
    return guarded([&]() -> std::string {
        const auto items = dynamodb::marshallJson(itemsJson);
        if (items.type() != dynamodb::AttributeValue::Type::L)
            return "items must be a JSON array";
        table.update(pk,
                     {{"items", items},
                      {"numItems", dynamodb::AttributeValue::number(std::to_string(items.list().size()))},
                      {"lastUpdated", dynamodb::AttributeValue::string(isoTimeMs(now))}},
                     {});
        return {};
    });
}

std::string cancelOrder(OrdersTable &table, const std::string &pk)
{
    return table.remove(pk).changed ? std::string() : "no order " + pk;
}

std::string putItem(OrdersTable &table, const std::string &itemJson)
{
    return guarded([&]() -> std::string {
        table.put(dynamodb::parseItemJson(itemJson));
        return {};
    });
}

std::string updateItem(OrdersTable &table, const std::string &pk, const std::string &setJson,
                       const std::vector<std::string> &remove)
{
    return guarded([&]() -> std::string {
        const dynamodb::AttributeMap set =
            setJson.empty() ? dynamodb::AttributeMap{} : dynamodb::parseItemJson(setJson);
        table.update(pk, set, remove);
        return {};
    });
}

namespace {
std::shared_ptr<Table> named(TableRegistry &tables, const std::string &table)
{
    return tables.find(table).table;
}
} // namespace

std::string putItem(TableRegistry &tables, const std::string &table, const std::string &itemJson)
{
    const auto t = named(tables, table);
    if (!t)
        return "no table named '" + table + "'";
    return guarded([&]() -> std::string {
        t->put(dynamodb::parseItemJson(itemJson));
        return {};
    });
}

std::string deleteItem(TableRegistry &tables, const std::string &table, const std::string &keyJson)
{
    const auto t = named(tables, table);
    if (!t)
        return "no table named '" + table + "'";
    return guarded([&]() -> std::string {
        t->remove(dynamodb::parseItemJson(keyJson));
        return {};
    });
}

} // namespace orderlab::order_actions
