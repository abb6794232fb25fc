#include "command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace orderlab {

namespace {
constexpr std::array<std::pair<Command::Kind, const char *>, 18> kKinds{{
    {Command::Kind::NewOrder, "new-order"},
    {Command::Kind::AdvanceStatus, "advance-status"},
    {Command::Kind::EditItems, "edit-items"},
    {Command::Kind::CancelOrder, "cancel-order"},
    {Command::Kind::PutItem, "put-item"},
    {Command::Kind::UpdateItem, "update-item"},
    {Command::Kind::DeleteItem, "delete-item"},
    {Command::Kind::SetFault, "set-fault"},
    {Command::Kind::ClearFault, "clear-fault"},
    {Command::Kind::AddSubscriber, "add-subscriber"},
    {Command::Kind::RemoveSubscriber, "remove-subscriber"},
    {Command::Kind::Pause, "pause"},
    {Command::Kind::Step, "step"},
    {Command::Kind::SetSpeed, "set-speed"},
    {Command::Kind::SetFeeding, "set-feeding"},
    {Command::Kind::SetRate, "set-rate"},
    {Command::Kind::UpdateMapping, "update-mapping"},
    {Command::Kind::Redeliver, "redeliver"},
}};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject mappingObject(const MappingConfig &c)
{
    QJsonObject o;
    o[QStringLiteral("BatchSize")] = c.batchSize;
    o[QStringLiteral("MaximumBatchingWindowInSeconds")] = c.maximumBatchingWindowSeconds;
    o[QStringLiteral("StartingPosition")] =
        QString::fromLatin1(MappingConfig::startingPositionName(c.startingPosition));
    o[QStringLiteral("ReportBatchItemFailures")] = c.reportBatchItemFailures;
    o[QStringLiteral("MaximumRetryAttempts")] = c.maximumRetryAttempts;
    o[QStringLiteral("MaximumRecordAgeInSeconds")] = c.maximumRecordAgeSeconds;
    o[QStringLiteral("BisectBatchOnFunctionError")] = c.bisectBatchOnFunctionError;
    o[QStringLiteral("ParallelizationFactor")] = c.parallelizationFactor;
    QJsonArray filters;
    for (const auto &f : c.filters)
        filters.append(q(f));
    o[QStringLiteral("Filters")] = filters;
    o[QStringLiteral("TumblingWindowInSeconds")] = c.tumblingWindowSeconds;
    o[QStringLiteral("Enabled")] = c.enabled;
    o[QStringLiteral("FunctionTimeoutMs")] = static_cast<qint64>(c.functionTimeoutMs);
    return o;
}

bool readMapping(const QJsonObject &o, MappingConfig &c, std::string *error)
{
    auto fail = [&](const char *key, const char *want) {
        if (error)
            *error = std::string("mapping field ") + key + " must be " + want;
        return false;
    };
    auto integer = [&](const char *key, auto &out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isDouble() || v.toDouble() != static_cast<double>(static_cast<qint64>(v.toDouble())))
            return fail(key, "a whole number");
        out = static_cast<std::remove_reference_t<decltype(out)>>(v.toDouble());
        return true;
    };
    auto boolean = [&](const char *key, bool &out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(key, "true or false");
        out = v.toBool();
        return true;
    };
    if (!integer("BatchSize", c.batchSize) ||
        !integer("MaximumBatchingWindowInSeconds", c.maximumBatchingWindowSeconds) ||
        !boolean("ReportBatchItemFailures", c.reportBatchItemFailures) ||
        !integer("MaximumRetryAttempts", c.maximumRetryAttempts) ||
        !integer("MaximumRecordAgeInSeconds", c.maximumRecordAgeSeconds) ||
        !boolean("BisectBatchOnFunctionError", c.bisectBatchOnFunctionError) ||
        !integer("ParallelizationFactor", c.parallelizationFactor) ||
        !integer("TumblingWindowInSeconds", c.tumblingWindowSeconds) || !boolean("Enabled", c.enabled) ||
        !integer("FunctionTimeoutMs", c.functionTimeoutMs))
        return false;
    if (const QJsonValue p = o.value(QStringLiteral("StartingPosition")); !p.isUndefined()) {
        if (p.toString() == QLatin1String("LATEST"))
            c.startingPosition = MappingConfig::StartingPosition::Latest;
        else if (p.toString() == QLatin1String("TRIM_HORIZON"))
            c.startingPosition = MappingConfig::StartingPosition::TrimHorizon;
        else
            return fail("StartingPosition", "TRIM_HORIZON or LATEST");
    }
    if (const QJsonValue f = o.value(QStringLiteral("Filters")); !f.isUndefined()) {
        if (!f.isArray())
            return fail("Filters", "an array of pattern strings");
        c.filters.clear();
        for (const auto &p : f.toArray()) {
            if (!p.isString())
                return fail("Filters", "an array of pattern strings");
            c.filters.push_back(p.toString().toStdString());
        }
    }
    return true;
}
} // namespace

const char *Command::kindName(Kind kind)
{
    for (const auto &[k, name] : kKinds)
        if (k == kind)
            return name;
    return "";
}

std::string Command::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("command")] = QString::fromLatin1(kindName(kind));
    auto s = [&](const char *key, const std::string &v) { o[QLatin1String(key)] = q(v); };
    switch (kind) {
    case Kind::NewOrder:
        if (!pk.empty())
            s("pk", pk);
        s("creator", creator);
        s("items", items);
        break;
    case Kind::EditItems:
        s("pk", pk), s("items", items);
        break;
    case Kind::AdvanceStatus:
    case Kind::CancelOrder:
        s("pk", pk);
        break;
    case Kind::DeleteItem:
        if (table.empty())
            s("pk", pk);
        else
            s("table", table), s("key", item);
        break;
    case Kind::PutItem:
        s("item", item);
        if (!table.empty())
            s("table", table);
        break;
    case Kind::UpdateItem: {
        s("pk", pk), s("set", item);
        QJsonArray remove;
        for (const auto &n : names)
            remove.append(q(n));
        o[QStringLiteral("remove")] = remove;
        break;
    }
    case Kind::SetFault:
        s("op", op), s("spec", spec);
        break;
    case Kind::ClearFault:
        s("op", op);
        break;
    case Kind::AddSubscriber:
        s("name", name), s("topic", topic);
        break;
    case Kind::RemoveSubscriber:
        s("name", name);
        break;
    case Kind::Pause:
    case Kind::SetFeeding:
        o[QStringLiteral("flag")] = flag;
        break;
    case Kind::Step:
        o[QStringLiteral("ms")] = static_cast<qint64>(ms);
        break;
    case Kind::SetSpeed:
    case Kind::SetRate:
        o[QStringLiteral("number")] = number;
        break;
    case Kind::UpdateMapping:
        o[QStringLiteral("mapping")] = mappingObject(mapping);
        break;
    case Kind::Redeliver:
        o[QStringLiteral("shard")] = shard;
        o[QStringLiteral("lane")] = lane;
        break;
    }
    return compact(o);
}

std::optional<Command> Command::fromJson(const std::string &json, std::string *error)
{
    auto fail = [&](std::string why) -> std::optional<Command> {
        if (error)
            *error = std::move(why);
        return std::nullopt;
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail("not JSON: " + parseError.errorString().toStdString() + " at offset " +
                    std::to_string(parseError.offset));
    if (!doc.isObject())
        return fail("a command must be a JSON object");
    const QJsonObject o = doc.object();
    const std::string name = o.value(QStringLiteral("command")).toString().toStdString();
    Command c;
    bool known = false;
    for (const auto &[k, n] : kKinds)
        if (name == n) {
            c.kind = k;
            known = true;
        }
    if (!known)
        return fail(name.empty() ? "a command needs a \"command\" field" : "unknown command '" + name + "'");
    for (const auto &[key, field] : {std::pair{"pk", &c.pk},
                                     {"creator", &c.creator},
                                     {"items", &c.items},
                                     {"item", &c.item},
                                     {"op", &c.op},
                                     {"spec", &c.spec},
                                     {"name", &c.name},
                                     {"topic", &c.topic},
                                     {"table", &c.table}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isString())
            return fail(std::string("field ") + key + " must be a string");
        *field = v.toString().toStdString();
    }
    c.flag = o.value(QStringLiteral("flag")).toBool();
    c.number = o.value(QStringLiteral("number")).toDouble();
    c.ms = static_cast<std::int64_t>(o.value(QStringLiteral("ms")).toDouble());
    c.shard = o.value(QStringLiteral("shard")).toInt();
    c.lane = o.value(QStringLiteral("lane")).toInt();
    if (c.kind == Kind::DeleteItem && !c.table.empty()) {
        const QJsonValue key = o.value(QStringLiteral("key"));
        if (!key.isString())
            return fail("field key must be a string (AttributeValue JSON of the key) when a table is named");
        c.item = key.toString().toStdString();
    }
    if (c.kind == Kind::UpdateItem) {
        const QJsonValue set = o.value(QStringLiteral("set")), remove = o.value(QStringLiteral("remove"));
        if (!set.isUndefined() && !set.isString())
            return fail("field set must be a string (AttributeValue JSON of the attributes to set)");
        c.item = set.toString().toStdString();
        if (!remove.isUndefined() && !remove.isArray())
            return fail("field remove must be an array of attribute names");
        for (const auto &n : remove.toArray()) {
            if (!n.isString())
                return fail("field remove must be an array of attribute names");
            c.names.push_back(n.toString().toStdString());
        }
    }
    if (c.kind == Kind::UpdateMapping) {
        const QJsonValue m = o.value(QStringLiteral("mapping"));
        if (!m.isObject())
            return fail("update-mapping needs a \"mapping\" object");
        std::string why;
        if (!readMapping(m.toObject(), c.mapping, &why))
            return fail(why);
    }
    return c;
}

std::string mappingConfigJson(const MappingConfig &config)
{
    return compact(mappingObject(config));
}

std::optional<MappingConfig> mappingConfigFromJson(const std::string &json, std::string *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    if (!doc.isObject()) {
        if (error)
            *error = "the mapping must be a JSON object";
        return std::nullopt;
    }
    MappingConfig c;
    if (!readMapping(doc.object(), c, error))
        return std::nullopt;
    return c;
}

} // namespace orderlab
