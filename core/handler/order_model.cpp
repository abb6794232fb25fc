#include "order_model.h"

#include "js/json.h"
#include "js/operations.h"

namespace orderlab::order {

using js::Value;

namespace {
/// `JSON.stringify({ [name]: value })`
std::string stringifyMember(const char *name, const Value &value)
{
    auto o = js::newObject();
    o->set(name, value);
    std::string out;
    js::stringifyJson(Value(o), out);
    return out;
}
} // namespace

js::ObjectPtr view(const Value &record)
{
    auto item = js::newObject();
    item->set("id", js::getProperty(record, "pk"));
    item->set("createdAt", js::getProperty(record, "createdAt"));
    item->set("status", js::getProperty(record, "status"));
    item->set("numItems", js::getProperty(record, "numItems"));
    item->set("items", js::getProperty(record, "items"));
    Value lastUpdated = js::getProperty(record, "lastUpdated");
    if (js::isTruthy(lastUpdated))
        item->set("lastUpdated", lastUpdated);
    return item;
}

js::ObjectPtr adminView(const js::ObjectPtr &orderView, const Value &record)
{
    auto admin = js::newObject();
    js::spreadInto(*admin, Value(orderView));
    admin->set("creator", js::getProperty(record, "creator"));
    return admin;
}

js::ObjectPtr summary(const js::ObjectPtr &orderView)
{
    auto s = js::newObject();
    js::spreadInto(*s, Value(orderView));
    s->erase("items");
    return s;
}

Publish publishFor(const std::string &eventName, const Value &record, const Value &oldRecord)
{
    const Value pk = js::getProperty(record, "pk");
    if (eventName == "INSERT")
        return {"new-order", stringifyMember("id", pk), false};
    if (eventName == "REMOVE")
        return {"order-canceled", stringifyMember("id", pk), false};
    const Value status = js::getProperty(record, "status");
    if (oldRecord.isUndefined())
        return {js::toString(pk) + "-updated", stringifyMember("status", status), true};
    const bool same = js::looselyEquals(status, js::getProperty(oldRecord, "status"));
    std::string topic = js::toString(pk) + (same ? "-updated" : "-status-updated");
    return {std::move(topic), stringifyMember("status", status), false};
}

} // namespace orderlab::order
