#include "outcome_recorder.h"

#include "dynamodb/attribute_value.h"
#include "dynamodb/unmarshall.h"
#include "js/json.h"
#include "json_compare.h"
#include "stream/stream.h"

#include <QJsonDocument>

#include <variant>

namespace orderlab::scenario {

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

/// An item as plain JSON (as the handler sees it unmarshalled); AttributeValue JSON when that fails.
QJsonValue plainItem(const dynamodb::AttributeMap &item)
{
    std::string typed;
    dynamodb::appendItemJson(typed, item);
    try {
        const auto plain = js::stringifyJson(dynamodb::unmarshall(js::parseJson(typed)));
        if (plain)
            return jsonOrString(*plain);
    } catch (const std::exception &) {
    }
    return jsonOrString(typed);
}

QJsonArray numbers(const std::vector<std::uint64_t> &ids)
{
    QJsonArray a;
    for (auto id : ids)
        a.append(static_cast<qint64>(id));
    return a;
}
} // namespace

OutcomeRecorder::OutcomeRecorder(World &world)
    : m_world(world), m_subscription(world.events().subscribe([this](const Event &e) { onEvent(e); }))
{
}

void OutcomeRecorder::onEvent(const Event &event)
{
    std::lock_guard lock(m_mutex);
    m_attribution.onEvent(event);
    const TimeMs t = since(event.time);
    if (const auto *topic = event.as<TopicChangedEvent>()) {
        const TopicEvent &c = topic->change;
        if (c.kind != TopicEvent::Kind::Published)
            return;
        // The hub delivers before it announces the publish: deliveries already seen are waiting.
        QJsonArray deliveries;
        const auto waiting = m_waiting.find({c.topic, c.sequenceNumber});
        if (waiting != m_waiting.end()) {
            deliveries = waiting->second;
            m_waiting.erase(waiting);
        }
        QJsonObject p{{QStringLiteral("t"), static_cast<qint64>(t)},
                      {QStringLiteral("cache"), q(c.cache)},
                      {QStringLiteral("topic"), q(c.topic)},
                      {QStringLiteral("sequence"), static_cast<qint64>(c.sequenceNumber)},
                      {QStringLiteral("publisher"), q(ProcessAttribution::publisher(event, c.who))},
                      {QStringLiteral("deliveries"), deliveries}};
        m_publishAt[{c.topic, c.sequenceNumber}] = m_publishes.size();
        m_publishes.append(p);
    } else if (const auto *d = event.as<DeliveredEvent>()) {
        m_deliveries[d->subscriber].push_back({t, d->topic, d->value, d->discontinuity});
        QJsonObject one{{QStringLiteral("subscriber"), q(d->subscriber)}};
        if (d->discontinuity)
            one.insert(QStringLiteral("discontinuity"), true);
        const auto at = m_publishAt.find({d->topic, d->sequenceNumber});
        if (at == m_publishAt.end()) {
            m_waiting[{d->topic, d->sequenceNumber}].append(one);
            return;
        }
        QJsonObject p = m_publishes.at(at->second).toObject();
        QJsonArray deliveries = p.value(QStringLiteral("deliveries")).toArray();
        deliveries.append(one);
        p.insert(QStringLiteral("deliveries"), deliveries);
        m_publishes.replace(at->second, p);
    } else if (const auto *call = event.as<HandlerCallEvent>()) {
        if (call->op != "publish")
            return;
        if (call->result != "ok") {
            m_publishes.append(QJsonObject{{QStringLiteral("t"), static_cast<qint64>(t)},
                                           {QStringLiteral("cache"), q(call->cache)},
                                           {QStringLiteral("topic"), q(call->key)},
                                           {QStringLiteral("error"), q(call->result)},
                                           {QStringLiteral("message"), jsonOrString(call->value)}});
            return;
        }
        // The hub's publish came first (TopicChangedEvent): the newest one of this topic without a message.
        for (qsizetype i = m_publishes.size(); i-- > 0;) {
            QJsonObject p = m_publishes.at(i).toObject();
            if (p.value(QStringLiteral("topic")).toString() == q(call->key) && !p.contains(QStringLiteral("message"))) {
                p.insert(QStringLiteral("message"), jsonOrString(call->value));
                m_publishes.replace(i, p);
                break;
            }
        }
    } else if (const auto *f = event.as<InvocationFinishedEvent>()) {
        QJsonObject o{{QStringLiteral("t"), static_cast<qint64>(t)},
                      {QStringLiteral("id"), static_cast<qint64>(f->batch.invocationId)},
                      {QStringLiteral("shard"), f->batch.shard},
                      {QStringLiteral("lane"), f->batch.lane},
                      {QStringLiteral("attempt"), f->batch.attempt},
                      {QStringLiteral("records"), static_cast<qint64>(f->batch.sequenceNumbers.size())},
                      {QStringLiteral("traces"), numbers(f->batch.traceIds)},
                      {QStringLiteral("result"), q(f->result)},
                      {QStringLiteral("response"), jsonOrString(f->response)},
                      {QStringLiteral("outcome"), q(f->outcome)},
                      {QStringLiteral("durationMs"), static_cast<qint64>(f->durationMs)}};
        if (f->batch.redelivery)
            o.insert(QStringLiteral("redelivery"), true);
        if (!f->reason.empty())
            o.insert(QStringLiteral("reason"), q(f->reason));
        m_invocations.append(o);
    } else if (const auto *r = event.as<RecordsDiscardedEvent>()) {
        m_discards.append(QJsonObject{{QStringLiteral("t"), static_cast<qint64>(t)},
                                      {QStringLiteral("shard"), r->shard},
                                      {QStringLiteral("lane"), r->lane},
                                      {QStringLiteral("condition"), q(r->condition)},
                                      {QStringLiteral("traces"), numbers(r->traceIds)}});
    } else if (const auto *c = event.as<CacheChangedEvent>()) {
        if (c->change.kind == CacheEvent::Kind::Expire)
            m_expired.append(QJsonObject{{QStringLiteral("t"), static_cast<qint64>(t)},
                                         {QStringLiteral("cache"), q(c->change.cache)},
                                         {QStringLiteral("key"), q(c->change.key)}});
    } else if (const auto *a = event.as<CommandAppliedEvent>()) {
        if (!a->error.empty())
            m_commandErrors.append(QJsonObject{{QStringLiteral("t"), static_cast<qint64>(t)},
                                               {QStringLiteral("command"), jsonOrString(a->commandJson)},
                                               {QStringLiteral("error"), q(a->error)}});
    }
}

void OutcomeRecorder::recordApiCall(TimeMs t, const std::string &operation, int status, const std::string &body)
{
    const QJsonDocument answer = QJsonDocument::fromJson(QByteArray::fromStdString(body));
    std::lock_guard lock(m_mutex);
    m_apiCalls.append(
        QJsonObject{{QStringLiteral("t"), static_cast<qint64>(since(t))},
                    {QStringLiteral("operation"), q(operation)},
                    {QStringLiteral("status"), status},
                    {QStringLiteral("answer"), answer.isObject() ? QJsonValue(answer.object()) : QJsonValue(q(body))}});
}

std::vector<Delivery> OutcomeRecorder::deliveries(const std::string &subscriber) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_deliveries.find(subscriber);
    return it == m_deliveries.end() ? std::vector<Delivery>{} : it->second;
}

std::string OutcomeRecorder::outcomeJson()
{
    Pipeline &p = m_world.pipeline();
    QJsonObject cache;
    for (const auto &name : p.cache().listCaches()) {
        QJsonObject keys;
        for (const auto &k : p.cache().keys(name)) {
            const auto got = p.cache().peek(name, k.key);
            const auto *hit = std::get_if<momento::Hit>(&got);
            std::string writer;
            {
                std::lock_guard lock(m_mutex);
                writer = m_attribution.writer(name, k.key, k.writer);
            }
            keys.insert(q(k.key), QJsonObject{{QStringLiteral("value"),
                                               hit ? jsonOrString(hit->value ? *hit->value : std::string())
                                                   : QJsonValue(QJsonValue::Null)},
                                              {QStringLiteral("lastWrite"), static_cast<qint64>(since(k.lastWriteMs))},
                                              {QStringLiteral("expiresAt"), static_cast<qint64>(since(k.expiresAtMs))},
                                              {QStringLiteral("writer"), q(writer)}});
        }
        cache.insert(q(name), keys);
    }
    QJsonObject table;
    for (const auto &item : p.table().scan()) {
        const auto *pk = dynamodb::find(item, "pk");
        table.insert(pk ? q(pk->text()) : QString(), plainItem(item));
    }
    // The tables `dynamodb:` steps made, by name, each item's key as JSON ("{"id":"a"}") to its plain item.
    QJsonObject tables;
    for (const auto &name : p.tables().names()) {
        if (p.tables().adopted(name))
            continue;
        const auto entry = p.tables().find(name);
        if (!entry.table)
            continue;
        QJsonObject items;
        for (const auto &item : entry.table->scan()) {
            QJsonObject key;
            const QJsonObject plain = plainItem(item).toObject();
            const auto &schema = entry.table->keySchema();
            key.insert(q(schema.hash.name), plain.value(q(schema.hash.name)));
            if (schema.range)
                key.insert(q(schema.range->name), plain.value(q(schema.range->name)));
            items.insert(QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact)), plain);
        }
        tables.insert(q(name), items);
    }
    const CheckReport report = p.check();
    QJsonArray findings;
    for (const auto &f : report.findings)
        findings.append(q(f));
    QJsonArray failures;
    for (const auto &f : p.mapping().failures()) {
        QJsonArray pks;
        for (const auto &r : f.records)
            pks.append(q(r->pk));
        failures.append(QJsonObject{{QStringLiteral("t"), static_cast<qint64>(since(f.time))},
                                    {QStringLiteral("condition"), q(f.condition)},
                                    {QStringLiteral("pks"), pks}});
    }
    const auto s = p.mapping().stats();
    QJsonObject out;
    {
        std::lock_guard lock(m_mutex);
        out.insert(QStringLiteral("publishes"), m_publishes);
        out.insert(QStringLiteral("invocations"), m_invocations);
        out.insert(QStringLiteral("discards"), m_discards);
        out.insert(QStringLiteral("expired"), m_expired);
        if (!m_commandErrors.isEmpty())
            out.insert(QStringLiteral("commandErrors"), m_commandErrors);
        if (!m_apiCalls.isEmpty())
            out.insert(QStringLiteral("dynamodb"), m_apiCalls);
    }
    out.insert(QStringLiteral("endedAt"), static_cast<qint64>(since(p.scheduler().now())));
    out.insert(QStringLiteral("cache"), cache);
    out.insert(QStringLiteral("table"), table);
    if (!tables.isEmpty())
        out.insert(QStringLiteral("tables"), tables);
    out.insert(QStringLiteral("failures"), failures);
    out.insert(QStringLiteral("checker"), QJsonObject{{QStringLiteral("inStep"), report.inStep()},
                                                      {QStringLiteral("verdict"), q(report.verdict())},
                                                      {QStringLiteral("findings"), findings}});
    out.insert(QStringLiteral("counts"),
               QJsonObject{{QStringLiteral("invocations"), static_cast<qint64>(s.invocations)},
                           {QStringLiteral("retries"), static_cast<qint64>(s.retries)},
                           {QStringLiteral("recordsProcessed"), static_cast<qint64>(s.recordsProcessed)},
                           {QStringLiteral("recordsDiscarded"), static_cast<qint64>(s.recordsDiscarded)},
                           {QStringLiteral("poisonRecords"), static_cast<qint64>(s.poisonRecords)}});
    return prettyJson(out) + "\n";
}

} // namespace orderlab::scenario
