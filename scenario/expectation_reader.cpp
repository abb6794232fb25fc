#include "expectation_reader.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace orderlab::scenario {

namespace {
constexpr long long kMost = std::numeric_limits<long long>::max();

std::string joined(const std::set<std::string> &names)
{
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

/// equals / contains / absent (exactly one) and an optional path, for a cache key or a table item.
void readValueMatch(const YamlValues &y, const YAML::Node &n, const std::string &what, Expectation &e)
{
    int given = 0;
    if (n["equals"]) {
        e.match = Expectation::Match::Equals, e.expected = y.json(n["equals"]), ++given;
    }
    if (n["contains"]) {
        e.match = Expectation::Match::Contains, e.expected = y.json(n["contains"]), ++given;
        if (!e.expected.isObject() && !e.expected.isArray())
            y.fail(n["contains"], what + ".contains must be a mapping or a list (a JSON subset); use equals for a "
                                         "single value");
    }
    if (n["absent"]) {
        if (!y.boolean(n["absent"], what + ".absent"))
            y.fail(n["absent"], what + ".absent can only be true (leave it out otherwise)");
        e.match = Expectation::Match::Absent, ++given;
    }
    if (given != 1)
        y.fail(n, what + " needs exactly one of equals, contains or absent");
    if (n["path"]) {
        e.path = y.string(n["path"], what + ".path");
        if (e.match == Expectation::Match::Absent)
            y.fail(n["path"], what + ": a path does not go with absent");
    }
}

void readRange(const YamlValues &y, const YAML::Node &n, const std::string &what, Expectation &e)
{
    if (n.IsMap()) {
        y.mapWithKeys(n, what, {"min", "max"});
        e.min = n["min"] ? y.whole(n["min"], what + ".min", 0, kMost) : 0;
        e.max = n["max"] ? y.whole(n["max"], what + ".max", 0, kMost) : kMost;
        if (!n["min"] && !n["max"])
            y.fail(n, what + " needs min, max or both");
        if (e.min > e.max)
            y.fail(n, what + ": min is above max");
        return;
    }
    e.min = e.max = y.whole(n, what, 0, kMost);
}

void cacheExpectations(const YamlValues &y, const YAML::Node &list, const KnownNames &names,
                       std::vector<Expectation> &out)
{
    y.sequence(list, "expect.cache");
    for (const auto &n : list) {
        const std::string what = "expect.cache entry";
        y.mapWithKeys(n, what, {"cache", "key", "equals", "contains", "absent", "path"});
        Expectation e;
        e.kind = Expectation::Kind::CacheKey;
        e.place = y.place(n);
        e.cache = n["cache"] ? y.string(n["cache"], what + ".cache") : *names.caches.begin();
        if (!names.caches.count(e.cache))
            y.fail(n["cache"], "no cache '" + e.cache + "' in this world (it has " + joined(names.caches) + ")");
        if (!n["key"])
            y.fail(n, what + " needs 'key'");
        e.key = y.string(n["key"], what + ".key");
        readValueMatch(y, n, what, e);
        out.push_back(std::move(e));
    }
}

void notificationExpectations(const YamlValues &y, const YAML::Node &list, const KnownNames &names,
                              std::vector<Expectation> &out)
{
    y.sequence(list, "expect.notifications");
    for (const auto &n : list) {
        const std::string what = "expect.notifications entry";
        y.mapWithKeys(n, what, {"subscriber", "exactly", "containing"});
        Expectation e;
        e.kind = Expectation::Kind::Notifications;
        e.place = y.place(n);
        if (!n["subscriber"])
            y.fail(n, what + " needs 'subscriber'");
        e.subject = y.string(n["subscriber"], what + ".subscriber");
        if (!names.subscribers.count(e.subject))
            y.fail(n["subscriber"],
                   "no subscriber '" + e.subject + "' in this scenario (it has " + joined(names.subscribers) + ")");
        if (!!n["exactly"] == !!n["containing"])
            y.fail(n, what + " needs exactly one of 'exactly' or 'containing'");
        e.exactly = !!n["exactly"];
        const YAML::Node messages = e.exactly ? n["exactly"] : n["containing"];
        y.sequence(messages, what + (e.exactly ? ".exactly" : ".containing"));
        QJsonArray expected;
        for (const auto &m : messages) {
            if (m.IsScalar()) {
                expected.append(QJsonObject{{QStringLiteral("topic"), y.json(m).toVariant().toString()}});
                continue;
            }
            y.mapWithKeys(m, what + " message", {"topic", "message"});
            if (!m["topic"])
                y.fail(m, what + " message needs 'topic'");
            QJsonObject o{{QStringLiteral("topic"), QString::fromStdString(y.string(m["topic"], "topic"))}};
            if (m["message"])
                o.insert(QStringLiteral("message"), y.json(m["message"]));
            expected.append(o);
        }
        e.expected = expected;
        out.push_back(std::move(e));
    }
}

void verdictExpectation(const YamlValues &y, const YAML::Node &n, std::vector<Expectation> &out)
{
    Expectation e;
    e.kind = Expectation::Kind::Verdict;
    e.place = y.place(n);
    if (n.IsScalar()) {
        e.expected = QString::fromStdString(y.string(n, "expect.verdict"));
    } else {
        y.mapWithKeys(n, "expect.verdict", {"in-step", "equals", "finding"});
        if (n["in-step"])
            e.inStep = y.boolean(n["in-step"], "expect.verdict.in-step");
        if (n["equals"])
            e.expected = QString::fromStdString(y.string(n["equals"], "expect.verdict.equals"));
        if (const YAML::Node f = n["finding"]) {
            if (f.IsSequence())
                for (const auto &t : f)
                    e.finds.push_back(y.string(t, "expect.verdict.finding"));
            else
                e.finds.push_back(y.string(f, "expect.verdict.finding"));
        }
        if (!e.inStep && e.expected.isUndefined() && e.finds.empty())
            y.fail(n, "expect.verdict needs in-step, equals or finding");
    }
    out.push_back(std::move(e));
}

void countExpectations(const YamlValues &y, const YAML::Node &n, std::vector<Expectation> &out)
{
    if (!n.IsMap())
        y.fail(n, "expect.counts must be a mapping such as {invocations: 3, retries: {min: 1}}");
    for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string name = it->first.Scalar();
        bool known = false;
        std::string list;
        for (const auto &c : countNames()) {
            known = known || c == name;
            list += (list.empty() ? "" : ", ") + c;
        }
        if (!known)
            y.fail(it->first, "no counter '" + name + "' (expect.counts takes " + list + ")");
        Expectation e;
        e.kind = Expectation::Kind::Count;
        e.place = y.place(it->first);
        e.subject = name;
        readRange(y, it->second, "expect.counts." + name, e);
        out.push_back(std::move(e));
    }
}

void failureExpectation(const YamlValues &y, const YAML::Node &n, std::vector<Expectation> &out)
{
    Expectation e;
    e.kind = Expectation::Kind::Failures;
    e.place = y.place(n);
    if (!n.IsSequence()) {
        e.countOnly = true;
        readRange(y, n, "expect.failures", e);
        out.push_back(std::move(e));
        return;
    }
    QJsonArray expected;
    for (const auto &f : n) {
        y.mapWithKeys(f, "expect.failures entry", {"condition", "pks"});
        QJsonObject o;
        if (!f["condition"] || !f["pks"])
            y.fail(f, "expect.failures entry needs condition and pks");
        const std::string condition = y.string(f["condition"], "expect.failures.condition");
        if (condition != "RetryAttemptsExhausted" && condition != "RecordAgeExceeded")
            y.fail(f["condition"], "expect.failures.condition must be RetryAttemptsExhausted or RecordAgeExceeded");
        o.insert(QStringLiteral("condition"), QString::fromStdString(condition));
        y.sequence(f["pks"], "expect.failures.pks");
        QJsonArray pks;
        for (const auto &p : f["pks"])
            pks.append(QString::fromStdString(y.string(p, "expect.failures.pks")));
        o.insert(QStringLiteral("pks"), pks);
        expected.append(o);
    }
    e.expected = expected;
    out.push_back(std::move(e));
}

void tableExpectations(const YamlValues &y, const YAML::Node &list, const KnownNames &names,
                       std::vector<Expectation> &out)
{
    y.sequence(list, "expect.table");
    for (const auto &n : list) {
        const std::string what = "expect.table entry";
        y.mapWithKeys(n, what, {"table", "pk", "key", "count", "equals", "contains", "absent", "path"});
        Expectation e;
        e.place = y.place(n);
        if (n["table"]) {
            e.table = y.string(n["table"], what + ".table");
            if (!names.tables.count(e.table)) {
                std::string known;
                for (const auto &t : names.tables)
                    known += (known.empty() ? "" : ", ") + t;
                y.fail(n["table"], "no table '" + e.table + "' (the tables so far: " + known +
                                       "; a dynamodb: CreateTable step before this one makes another)");
            }
        }
        if (n["count"]) {
            if (n["pk"] || n["key"])
                y.fail(n["count"], what + ": count and pk or key exclude each other");
            e.kind = Expectation::Kind::TableCount;
            readRange(y, n["count"], what + ".count", e);
        } else {
            e.kind = Expectation::Kind::TableItem;
            if (n["pk"] && n["key"])
                y.fail(n["key"], what + ": pk and key exclude each other");
            if (n["key"]) {
                const YAML::Node key = n["key"];
                if (!key.IsMap() || key.size() == 0 || key.size() > 2)
                    y.fail(key, what + ".key must map the key's one or two attributes to plain values");
                e.itemKey = y.json(key).toObject();
            } else if (n["pk"]) {
                e.key = y.string(n["pk"], what + ".pk");
            } else {
                y.fail(n, what + " needs 'pk', 'key' or 'count'");
            }
            readValueMatch(y, n, what, e);
        }
        out.push_back(std::move(e));
    }
}
} // namespace

const std::vector<std::string> &countNames()
{
    static const std::vector<std::string> names{
        "invocations",       "retries",           "redeliveries",       "records-delivered",
        "records-processed", "records-discarded", "records-lost",       "records-filtered-out",
        "poison-records",    "partial-failures",  "failed-invocations", "bisections"};
    return names;
}

std::vector<Expectation> readExpectations(const YamlValues &y, const YAML::Node &body, const KnownNames &names)
{
    y.mapWithKeys(body, "expect", {"cache", "notifications", "verdict", "counts", "failures", "table"});
    std::vector<Expectation> out;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (key == "cache")
            cacheExpectations(y, it->second, names, out);
        else if (key == "notifications")
            notificationExpectations(y, it->second, names, out);
        else if (key == "verdict")
            verdictExpectation(y, it->second, out);
        else if (key == "counts")
            countExpectations(y, it->second, out);
        else if (key == "failures")
            failureExpectation(y, it->second, out);
        else
            tableExpectations(y, it->second, names, out);
    }
    if (out.empty())
        y.fail(body, "expect has nothing to check");
    return out;
}

} // namespace orderlab::scenario
