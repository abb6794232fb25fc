#include "stream_handler.h"

#include "order_model.h"

#include "dynamodb/unmarshall.h"
#include "js/js_error.h"
#include "js/json.h"
#include "js/operations.h"
#include "js/wtf8.h"

namespace orderlab {

using js::Value;

namespace {

/// A Momento call that answered with an error: the record fails with this text.
class MomentoCallFailed : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

std::string stringifyOrThrow(const Value &v)
{
    std::string out;
    js::stringifyJson(v, out);
    return out;
}

std::string sequenceNumberOf(const Value &record)
{
    if (!record.isAnyObject())
        return {};
    Value dynamodb = js::getProperty(record, "dynamodb");
    if (!dynamodb.isAnyObject())
        return {};
    Value seq = js::getProperty(dynamodb, "SequenceNumber");
    return seq.isString() ? seq.asString() : std::string();
}

} // namespace

std::string HandlerResult::responseJson() const
{
    std::string out = "{\"batchItemFailures\":[";
    for (std::size_t i = 0; i < failures.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"itemIdentifier\":";
        js::appendQuoted(out, failures[i].itemIdentifier);
        out += '}';
    }
    out += "]}";
    return out;
}

StreamHandler::StreamHandler(momento::CacheClient &cache, momento::TopicClient &topics)
    : StreamHandler(cache, topics, Options{})
{
}

StreamHandler::StreamHandler(momento::CacheClient &cache, momento::TopicClient &topics, Options options)
    : m_cache(&cache), m_topics(&topics), m_options(std::move(options))
{
}

StreamHandler::StreamHandler(Options options) : m_options(std::move(options)) {}

Task<HandlerResult> StreamHandler::handleJson(std::string eventJson, InvocationObserver *observer)
{
    Value event;
    try {
        event = js::parseJson(eventJson);
    } catch (const js::JsonParseError &e) {
        HandlerResult result;
        result.thrown = std::string("SyntaxError: ") + e.what();
        co_return result;
    }
    co_return co_await handle(std::move(event), observer);
}

Task<HandlerResult> StreamHandler::handle(Value event, InvocationObserver *observer)
{
    if (!m_cache || !m_topics)
        throw std::logic_error("StreamHandler::handle: no default clients; use handleWith");
    co_return co_await handleWith(std::move(event), *m_cache, *m_topics, observer);
}

Task<HandlerResult> StreamHandler::handleWith(Value event, momento::CacheClient &cache, momento::TopicClient &topics,
                                              InvocationObserver *observer)
{
    HandlerResult result;
    Calls calls{cache, topics, result};
    // `for (const record of event.Records)`: arrays and strings are iterable; anything else throws.
    std::vector<Value> records;
    try {
        Value list = js::getProperty(event, "Records");
        if (list.isArray()) {
            records = list.asArray()->items;
        } else if (list.isString()) {
            std::string s = list.asString();
            for (std::size_t pos = 0; pos < s.size();) {
                std::size_t start = pos;
                js::wtf8::decode(s, pos);
                records.emplace_back(s.substr(start, pos - start));
            }
        } else {
            throw js::JsError::typeError("event.Records is not iterable");
        }
    } catch (const js::JsError &e) {
        result.thrown = e.what();
        co_return result;
    }

    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string seq = sequenceNumberOf(records[i]);
        if (observer)
            observer->recordStarted(i, seq);
        std::optional<std::string> error;
        bool dataError = true;
        try {
            co_await processRecord(calls, records[i]);
        } catch (const MomentoCallFailed &e) {
            error = e.what();
            dataError = false;
        } catch (const std::exception &e) {
            error = e.what();
        }
        if (!error) {
            ++result.recordsProcessed;
            continue;
        }
        result.failures.push_back({seq, *error, true, dataError});
        for (std::size_t j = i + 1; j < records.size(); ++j)
            result.failures.push_back({sequenceNumberOf(records[j]),
                                       "not processed: record " + (seq.empty() ? "#" + std::to_string(i) : seq) +
                                           " before it in the batch failed",
                                       false, false});
        break;
    }
    co_return result;
}

Task<void> StreamHandler::processRecord(Calls &c, const Value &record)
{
    Value eventName = js::getProperty(record, "eventName");
    if (!eventName.isString())
        co_return;
    const std::string &name = eventName.asString();
    if (name == "INSERT" || name == "MODIFY") {
        Value dynamodb = js::getProperty(record, "dynamodb");
        Value newRecord = dynamodb::unmarshall(js::getProperty(dynamodb, "NewImage"));
        Value oldImage = js::getProperty(dynamodb, "OldImage");
        Value oldRecord = js::isTruthy(oldImage) ? dynamodb::unmarshall(oldImage) : Value();
        co_await handleNewOrUpdated(c, std::move(newRecord), std::move(oldRecord), name == "INSERT");
    } else if (name == "REMOVE") {
        Value dynamodb = js::getProperty(record, "dynamodb");
        co_await handleDeleted(c, dynamodb::unmarshall(js::getProperty(dynamodb, "OldImage")));
    }
}

Task<void> StreamHandler::handleNewOrUpdated(Calls &c, Value record, Value oldRecord, bool isInsert)
{
    co_await updateOrderRecord(c, record);
    order::Publish p = order::publishFor(isInsert ? "INSERT" : "MODIFY", record, oldRecord);
    if (p.oldImageMissing)
        c.result.warnings.push_back("MODIFY of " + js::toString(js::getProperty(record, "pk")) +
                                    " carries no OldImage: a status change cannot be told from an edit; "
                                    "the stream view type must be NEW_AND_OLD_IMAGES");
    co_await publish(c, std::move(p.topic), std::move(p.payload));
}

Task<void> StreamHandler::updateOrderRecord(Calls &c, const Value &record)
{
    // The reference's order of evaluation: the view's key after its JSON, the ADMIN key before its JSON.
    const js::ObjectPtr item = order::view(record);
    const Value id = *item->find("id");
    std::string viewJson = stringifyOrThrow(Value(item));
    co_await set(c, js::toString(id), std::move(viewJson));

    std::string adminKey = "ADMIN-" + js::toString(id);
    co_await set(c, std::move(adminKey), stringifyOrThrow(Value(order::adminView(item, record))));

    const Value summary(order::summary(item));
    co_await updateArrayCacheItem(c, Value("all-orders"), summary);
    co_await updateArrayCacheItem(c, js::getProperty(record, "creator"), summary);
}

Task<void> StreamHandler::updateArrayCacheItem(Calls &c, Value keyValue, Value item)
{
    std::string key = js::toString(keyValue);
    momento::CacheValue current = co_await get(c, key);
    momento::CacheValue next = m_arrays.upsert(key, current, item);
    co_await set(c, std::move(key), std::move(next));
}

Task<void> StreamHandler::handleDeleted(Calls &c, Value record)
{
    const Value pk = js::getProperty(record, "pk");
    co_await remove(c, js::toString(pk));
    co_await remove(c, "ADMIN-" + js::toString(pk));
    co_await deleteArrayCacheItem(c, Value("all-orders"), pk);
    co_await deleteArrayCacheItem(c, js::getProperty(record, "creator"), pk);
    order::Publish p = order::publishFor("REMOVE", record, Value());
    co_await publish(c, std::move(p.topic), std::move(p.payload));
}

Task<void> StreamHandler::deleteArrayCacheItem(Calls &c, Value keyValue, Value itemId)
{
    std::string key = js::toString(keyValue);
    momento::CacheValue current = co_await get(c, key);
    if (!current)
        co_return;
    momento::CacheValue next = m_arrays.remove(key, current, itemId);
    co_await set(c, std::move(key), std::move(next)); // written back even when nothing matched, as the article does
}

Task<momento::CacheValue> StreamHandler::get(Calls &c, std::string key)
{
    momento::GetResponse r = co_await c.cache.get(m_options.cacheName, key);
    if (auto *hit = std::get_if<momento::Hit>(&r))
        co_return hit->value;
    if (auto *err = std::get_if<momento::Error>(&r))
        throw MomentoCallFailed("cache get '" + key + "' failed: " + err->toString());
    co_return momento::CacheValue{};
}

Task<void> StreamHandler::set(Calls &c, std::string key, std::string value)
{
    co_await set(c, std::move(key), momento::makeValue(std::move(value)));
}

Task<void> StreamHandler::set(Calls &c, std::string key, momento::CacheValue value)
{
    momento::Status s = co_await c.cache.set(m_options.cacheName, key, std::move(value), m_options.ttl);
    if (s)
        throw MomentoCallFailed("cache set '" + key + "' failed: " + s->toString());
}

Task<void> StreamHandler::remove(Calls &c, std::string key)
{
    momento::Status s = co_await c.cache.remove(m_options.cacheName, key);
    if (s)
        throw MomentoCallFailed("cache delete '" + key + "' failed: " + s->toString());
}

Task<void> StreamHandler::publish(Calls &c, std::string topic, std::string value)
{
    momento::Status s = co_await c.topics.publish(m_options.cacheName, topic, std::move(value));
    if (s)
        throw MomentoCallFailed("topic publish '" + topic + "' failed: " + s->toString());
}

} // namespace orderlab
