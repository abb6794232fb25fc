#include "expectation_check.h"

#include "json_compare.h"

#include "dynamodb/attribute_value.h"
#include "dynamodb/marshall.h"
#include "dynamodb/table.h"
#include "dynamodb/unmarshall.h"
#include "js/json.h"

#include <QJsonArray>
#include <QJsonObject>

#include <variant>

namespace orderlab::scenario {

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::optional<QJsonValue> cacheValue(World &world, const std::string &cache, const std::string &key)
{
    const auto got = world.pipeline().cache().peek(cache, key);
    if (const auto *hit = std::get_if<momento::Hit>(&got))
        return jsonOrString(hit->value ? *hit->value : std::string());
    return std::nullopt;
}

/// The table an expectation names: the orders table, or one a `dynamodb:` step made. Throws when it is not there
/// (deleted since, or never made because its CreateTable failed).
std::shared_ptr<Table> namedTable(World &world, const std::string &name)
{
    auto entry = world.pipeline().tables().find(name);
    if (!entry.table)
        throw std::runtime_error("there is no table '" + name + "' now");
    return entry.table;
}

std::optional<QJsonValue> tableItem(World &world, const Expectation &e)
{
    const std::shared_ptr<Table> table = namedTable(world, e.table);
    dynamodb::AttributeMap key;
    if (!e.itemKey.isEmpty()) {
        for (auto it = e.itemKey.begin(); it != e.itemKey.end(); ++it)
            key.emplace_back(it.key().toStdString(), dynamodb::marshallJson(compactJson(it.value())));
    } else {
        const auto &schema = table->keySchema();
        if (schema.range)
            throw std::runtime_error("table '" + e.table + "' has a range key (" + schema.range->name +
                                     "): name the item with key: {" + schema.hash.name + ": ..., " +
                                     schema.range->name + ": ...}");
        key.emplace_back(schema.hash.name, dynamodb::marshallJson(compactJson(q(e.key))));
    }
    const auto item = table->get(key);
    if (!item)
        return std::nullopt;
    std::string typed;
    dynamodb::appendItemJson(typed, *item);
    try {
        if (const auto plain = js::stringifyJson(dynamodb::unmarshall(js::parseJson(typed))))
            return jsonOrString(*plain);
    } catch (const std::exception &) {
    }
    return jsonOrString(typed);
}

/// equals / contains / absent of `actual` (nothing: absent), at the expectation's path.
void matchValue(const Expectation &e, const std::optional<QJsonValue> &whole, ExpectationResult &r)
{
    r.expected = e.match == Expectation::Match::Absent ? QJsonValue(QJsonValue::Null) : e.expected;
    if (e.match == Expectation::Match::Absent) {
        r.passed = !whole;
        r.actual = whole ? *whole : QJsonValue(QJsonValue::Null);
        if (!r.passed)
            r.message = "it is there";
        return;
    }
    if (!whole) {
        r.message = "it is absent";
        return;
    }
    std::optional<QJsonValue> actual = whole;
    if (!e.path.empty()) {
        std::string error;
        actual = jsonAtPath(*whole, e.path, &error);
        if (!error.empty()) {
            r.message = error;
            r.actual = *whole;
            return;
        }
        if (!actual) {
            r.message = "nothing at " + e.path;
            r.actual = *whole;
            return;
        }
    }
    r.actual = *actual;
    const bool subset = e.match == Expectation::Match::Contains;
    r.passed = subset ? containsJson(*actual, e.expected) : *actual == e.expected;
    if (!r.passed) {
        r.differing = differingPaths(e.expected, *actual, subset);
        r.message = subset ? "the value does not contain the expected subset" : "the value differs";
    }
}

std::uint64_t counter(const EventSourceMapping::Stats &s, const std::string &name)
{
    if (name == "invocations")
        return s.invocations;
    if (name == "retries")
        return s.retries;
    if (name == "redeliveries")
        return s.redeliveries;
    if (name == "records-delivered")
        return s.recordsDelivered;
    if (name == "records-processed")
        return s.recordsProcessed;
    if (name == "records-discarded")
        return s.recordsDiscarded;
    if (name == "records-lost")
        return s.recordsLost;
    if (name == "records-filtered-out")
        return s.recordsFilteredOut;
    if (name == "poison-records")
        return s.poisonRecords;
    if (name == "partial-failures")
        return s.partialFailures;
    if (name == "failed-invocations")
        return s.failures;
    return s.bisections;
}

void inRange(long long value, const Expectation &e, ExpectationResult &r)
{
    r.actual = static_cast<qint64>(value);
    r.expected = e.min == e.max ? QJsonValue(static_cast<qint64>(e.min))
                                : QJsonValue(QJsonObject{{QStringLiteral("min"), static_cast<qint64>(e.min)},
                                                         {QStringLiteral("max"), static_cast<qint64>(e.max)}});
    r.passed = value >= e.min && value <= e.max;
    if (!r.passed)
        r.message = "it is " + std::to_string(value);
}

void notifications(const Expectation &e, const OutcomeRecorder &recorder, ExpectationResult &r)
{
    QJsonArray actual;
    const auto got = recorder.deliveries(e.subject);
    for (const auto &d : got)
        actual.append(
            QJsonObject{{QStringLiteral("topic"), q(d.topic)}, {QStringLiteral("message"), jsonOrString(d.message)}});
    r.actual = actual;
    r.expected = e.expected;
    const QJsonArray want = e.expected.toArray();
    if (e.exactly) {
        r.passed = want.size() == actual.size();
        for (qsizetype i = 0; r.passed && i < want.size(); ++i)
            r.passed = containsJson(actual.at(i), want.at(i));
        if (!r.passed) {
            r.differing = differingPaths(e.expected, actual, true);
            r.message = e.subject + " received " + std::to_string(actual.size()) + " messages, " +
                        std::to_string(want.size()) + " expected exactly";
        }
        return;
    }
    r.passed = containsJson(actual, e.expected);
    if (!r.passed)
        r.message = e.subject + "'s " + std::to_string(actual.size()) +
                    " messages do not contain the expected ones in that order";
}

void verdict(const Expectation &e, World &world, ExpectationResult &r)
{
    const CheckReport report = world.pipeline().check();
    QJsonArray findings;
    for (const auto &f : report.findings)
        findings.append(q(f));
    r.actual = QJsonObject{{QStringLiteral("inStep"), report.inStep()},
                           {QStringLiteral("verdict"), q(report.verdict())},
                           {QStringLiteral("findings"), findings}};
    QJsonObject expected;
    r.passed = true;
    if (e.expected.isString()) {
        expected.insert(QStringLiteral("verdict"), e.expected);
        if (e.expected.toString().toStdString() != report.verdict()) {
            r.passed = false;
            r.message = "the verdict is '" + report.verdict() + "'";
        }
    }
    if (e.inStep) {
        expected.insert(QStringLiteral("inStep"), *e.inStep);
        if (*e.inStep != report.inStep()) {
            r.passed = false;
            r.message = report.inStep() ? "the checker finds the world in step" : "the checker finds it drifted";
        }
    }
    QJsonArray finds;
    for (const auto &text : e.finds) {
        finds.append(q(text));
        bool found = false;
        for (const auto &f : report.findings)
            found = found || f.find(text) != std::string::npos;
        if (!found) {
            r.passed = false;
            r.message = "no finding contains '" + text + "'";
        }
    }
    if (!finds.isEmpty())
        expected.insert(QStringLiteral("findingsContaining"), finds);
    r.expected = expected;
}

void failures(const Expectation &e, World &world, ExpectationResult &r)
{
    const auto list = world.pipeline().mapping().failures();
    if (e.countOnly) {
        inRange(static_cast<long long>(list.size()), e, r);
        return;
    }
    QJsonArray actual;
    for (const auto &f : list) {
        QJsonArray pks;
        for (const auto &rec : f.records)
            pks.append(q(rec->pk));
        actual.append(QJsonObject{{QStringLiteral("condition"), q(f.condition)}, {QStringLiteral("pks"), pks}});
    }
    r.expected = e.expected;
    r.actual = actual;
    r.passed = actual == e.expected.toArray();
    if (!r.passed) {
        r.differing = differingPaths(e.expected, actual, false);
        r.message = "the failure list differs";
    }
}
} // namespace

std::string Expectation::describe() const
{
    switch (kind) {
    case Kind::CacheKey:
    case Kind::TableItem: {
        std::string d = kind == Kind::CacheKey ? "cache " + cache + " key " + key
                        : itemKey.isEmpty()    ? "table " + table + " item " + key
                                               : "table " + table + " item " + compactJson(itemKey);
        if (!path.empty())
            d += " at " + path;
        return d + (match == Match::Absent     ? " is absent"
                    : match == Match::Contains ? " contains " + compactJson(expected)
                                               : " equals " + compactJson(expected));
    }
    case Kind::Notifications:
        return subject + " received " + (exactly ? "exactly " : "in order ") + compactJson(expected);
    case Kind::Verdict: {
        std::string d = "the checker's verdict";
        if (inStep)
            d += *inStep ? " is in step" : " is drifted";
        if (expected.isString())
            d += " is '" + expected.toString().toStdString() + "'";
        for (const auto &f : finds)
            d += ", a finding contains '" + f + "'";
        return d;
    }
    case Kind::Count:
    case Kind::TableCount:
    case Kind::Failures: {
        const std::string what = kind == Kind::Count        ? subject
                                 : kind == Kind::TableCount ? "table " + table + " items"
                                                            : "failure list entries";
        if (kind == Kind::Failures && !countOnly)
            return "the failure list is " + compactJson(expected);
        if (min == max)
            return what + " = " + std::to_string(min);
        return what + " in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    }
    }
    return {};
}

std::string ExpectationResult::report() const
{
    std::string out = place.text() + ": expected " + description;
    if (passed)
        return out + ": passed\n";
    out += ": " + message + "\n";
    if (!differing.empty()) {
        out += "  differing:";
        for (const auto &p : differing)
            out += " " + p;
        out += "\n";
    }
    auto indented = [](const std::string &text) {
        std::string o = "    ";
        for (char c : text) {
            o += c;
            if (c == '\n')
                o += "    ";
        }
        return o + "\n";
    };
    out += "  expected:\n" + indented(prettyJson(expected));
    out += "  actual:\n" + indented(prettyJson(actual));
    return out;
}

ExpectationResult checkExpectation(const Expectation &e, World &world, const OutcomeRecorder &recorder)
{
    ExpectationResult r;
    r.place = e.place;
    r.description = e.describe();
    try {
        switch (e.kind) {
        case Expectation::Kind::CacheKey:
            matchValue(e, cacheValue(world, e.cache, e.key), r);
            break;
        case Expectation::Kind::TableItem:
            matchValue(e, tableItem(world, e), r);
            break;
        case Expectation::Kind::Notifications:
            notifications(e, recorder, r);
            break;
        case Expectation::Kind::Verdict:
            verdict(e, world, r);
            break;
        case Expectation::Kind::Count:
            inRange(static_cast<long long>(counter(world.pipeline().mapping().stats(), e.subject)), e, r);
            break;
        case Expectation::Kind::TableCount:
            inRange(static_cast<long long>(namedTable(world, e.table)->size()), e, r);
            break;
        case Expectation::Kind::Failures:
            failures(e, world, r);
            break;
        }
    } catch (const std::exception &ex) {
        r.passed = false;
        r.message = std::string("could not be checked: ") + ex.what();
    }
    return r;
}

} // namespace orderlab::scenario
