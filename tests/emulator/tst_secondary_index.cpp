// Secondary indexes of a table (docs/dynamodb-indexes.md): sparse entries, projections, order by index
// key then table key, pages and start keys, maintenance on every write kind, the fill of a new index,
// DynamoDB's type-mismatch text, and that index writes publish nothing of their own.
#ifndef Q_MOC_RUN
#include "dynamodb/service_error.h"
#include "dynamodb/table.h"
#include "events/event_bus.h"
#include "scheduler.h"
#endif

#include <QtTest>

using namespace orderlab;
using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using dynamodb::IndexDefinition;
using dynamodb::KeyAttribute;
using dynamodb::KeySchema;
using dynamodb::KeyType;
using dynamodb::ProjectionType;
using dynamodb::ValidationError;

namespace {

/// Table key id (S) + at (N); index "byCity": city (S) + score (N).
KeySchema tableKeys()
{
    return KeySchema{{"id", KeyType::S}, KeyAttribute{"at", KeyType::N}};
}

IndexDefinition byCity(ProjectionType projection = ProjectionType::All, std::vector<std::string> include = {})
{
    IndexDefinition d;
    d.name = "byCity";
    d.keys = KeySchema{{"city", KeyType::S}, KeyAttribute{"score", KeyType::N}};
    d.projection = projection;
    d.nonKeyAttributes = std::move(include);
    return d;
}

AttributeMap row(const std::string &id, const std::string &at, const std::string &city, const std::string &score)
{
    AttributeMap item{{"id", AttributeValue::string(id)}, {"at", AttributeValue::number(at)}};
    if (!city.empty())
        item.emplace_back("city", AttributeValue::string(city));
    if (!score.empty())
        item.emplace_back("score", AttributeValue::number(score));
    item.emplace_back("note", AttributeValue::string("n-" + id));
    item.emplace_back("extra", AttributeValue::string("e-" + id));
    return item;
}

/// "id/at" of each entry a query of city `city` gives, in order.
QStringList query(const Table &table, const std::string &city, bool forward = true,
                  const std::optional<AttributeMap> &start = std::nullopt, std::size_t limit = 0, bool *more = nullptr)
{
    QStringList out;
    table.readIndex("byCity", [&](const dynamodb::SecondaryIndex &index) {
        const auto page = index.queryPage(city, {}, forward,
                                          start ? std::optional(index.startKey(*start)) : std::nullopt, limit, 0, more);
        for (const AttributeMap *entry : page)
            out << QString::fromStdString(dynamodb::find(*entry, "id")->text() + "/" +
                                          dynamodb::find(*entry, "at")->text());
    });
    return out;
}

QString messageOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ValidationError &e) {
        return QString::fromStdString(e.message());
    }
    return "(no error)";
}

} // namespace

class SecondaryIndexTest : public QObject
{
    Q_OBJECT

  private slots:
    void indexesOnlyItemsWithEveryIndexKey()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        table.put(row("a", "1", "Oslo", "5"));
        table.put(row("b", "1", "Oslo", "")); // no range key of the index: not indexed
        table.put(row("c", "1", "", "7"));    // no hash key of the index: not indexed
        QCOMPARE(table.indexes().at(0).itemCount, std::size_t(1));
        QCOMPARE(query(table, "Oslo"), QStringList{"a/1"});
    }

    void ordersByIndexRangeThenTableKeyBothWays()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        table.put(row("b", "2", "Oslo", "10"));
        table.put(row("a", "9", "Oslo", "10"));
        table.put(row("a", "10", "Oslo", "10")); // at 10 after at 9: the table's range is numeric
        table.put(row("z", "1", "Oslo", "-3"));
        table.put(row("y", "1", "Oslo", "2.5"));
        table.put(row("x", "1", "Bergen", "1"));
        QCOMPARE(query(table, "Oslo"), (QStringList{"z/1", "y/1", "a/9", "a/10", "b/2"}));
        QCOMPARE(query(table, "Oslo", false), (QStringList{"b/2", "a/10", "a/9", "y/1", "z/1"}));
        QCOMPARE(query(table, "Bergen"), QStringList{"x/1"});
        QCOMPARE(query(table, "Trondheim"), QStringList{});
    }

    void pagesContinueAfterTheTableAndIndexKey()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        for (const char *id : {"a", "b", "c", "d"})
            table.put(row(id, "1", "Oslo", "5")); // one index key: the table key orders them
        bool more = false;
        QCOMPARE(query(table, "Oslo", true, std::nullopt, 2, &more), (QStringList{"a/1", "b/1"}));
        QVERIFY(more);
        const AttributeMap start{{"id", AttributeValue::string("b")},
                                 {"at", AttributeValue::number("1")},
                                 {"city", AttributeValue::string("Oslo")},
                                 {"score", AttributeValue::number("5")}};
        QCOMPARE(query(table, "Oslo", true, start, 2, &more), (QStringList{"c/1", "d/1"}));
        QVERIFY(!more);
        QCOMPARE(query(table, "Oslo", false, start, 0, &more), QStringList{"a/1"});
        const AttributeMap tableKeyOnly{{"id", AttributeValue::string("b")}, {"at", AttributeValue::number("1")}};
        QCOMPARE(messageOf([&] { query(table, "Oslo", true, tableKeyOnly); }),
                 QString("The provided starting key is invalid: The provided key element does not match the schema"));
    }

    void keepsStepWithEveryWriteKind()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        table.put(row("a", "1", "Oslo", "5"));
        table.put(row("a", "1", "Bergen", "5")); // the index key changed: the entry moved
        QCOMPARE(query(table, "Oslo"), QStringList{});
        QCOMPARE(query(table, "Bergen"), QStringList{"a/1"});
        const AttributeMap key{{"id", AttributeValue::string("a")}, {"at", AttributeValue::number("1")}};
        table.update(key, {}, {"score"}); // REMOVE of an index key: the item leaves the index
        QCOMPARE(query(table, "Bergen"), QStringList{});
        table.update(key, {{"score", AttributeValue::number("1")}}, {});
        QCOMPARE(query(table, "Bergen"), QStringList{"a/1"});
        table.ttlDelete(key);
        QCOMPARE(query(table, "Bergen"), QStringList{});
        table.put(row("b", "1", "Oslo", "5"));
        table.remove(AttributeMap{{"id", AttributeValue::string("b")}, {"at", AttributeValue::number("1")}});
        QCOMPARE(table.indexes().at(0).itemCount, std::size_t(0));
        QCOMPARE(table.indexes().at(0).bytes, std::size_t(0));
    }

    void projectsKeysOnlyOrIncludedAttributes()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity(ProjectionType::Include, {"note"}));
        auto keysOnly = byCity(ProjectionType::KeysOnly);
        keysOnly.name = "keys";
        table.addIndex(keysOnly);
        table.put(row("a", "1", "Oslo", "5"));
        QString included, keys;
        table.readIndex("byCity", [&](const dynamodb::SecondaryIndex &index) {
            included =
                QString::fromStdString(dynamodb::itemJson(*index.queryPage("Oslo", {}, true, {}, 0, 0, nullptr)[0]));
        });
        table.readIndex("keys", [&](const dynamodb::SecondaryIndex &index) {
            keys = QString::fromStdString(dynamodb::itemJson(*index.queryPage("Oslo", {}, true, {}, 0, 0, nullptr)[0]));
        });
        QCOMPARE(
            included,
            QString(R"({"id":{"S":"a"},"at":{"N":"1"},"city":{"S":"Oslo"},"score":{"N":"5"},"note":{"S":"n-a"}})"));
        QCOMPARE(keys, QString(R"({"id":{"S":"a"},"at":{"N":"1"},"city":{"S":"Oslo"},"score":{"N":"5"}})"));
        QVERIFY(table.indexes().at(1).bytes < table.indexes().at(0).bytes);
        QVERIFY(table.indexes().at(0).bytes < table.bytes());
    }

    void refusesAnIndexKeyOfTheWrongTypeAndChangesNothing()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        table.put(row("a", "1", "Oslo", "5"));
        AttributeMap wrong = row("a", "1", "Oslo", "");
        wrong.emplace_back("score", AttributeValue::string("high"));
        QCOMPARE(messageOf([&] { table.put(wrong); }),
                 QString("One or more parameter values were invalid: Type mismatch for Index Key score Expected: N "
                         "Actual: S IndexName: byCity"));
        const AttributeMap key{{"id", AttributeValue::string("a")}, {"at", AttributeValue::number("1")}};
        QCOMPARE(messageOf([&] {
                     table.update(key, {{"city", AttributeValue::string("")}}, {});
                 }),
                 QString("One or more parameter values are not valid. A value specified for a secondary index key is "
                         "not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                         "IndexName: byCity, IndexKey: city"));
        QCOMPARE(query(table, "Oslo"), QStringList{"a/1"});
        QCOMPARE(table.lastTraceId(), std::uint64_t(1));
    }

    // DynamoDB's key size limits hold for index keys: 2048 bytes for an index's hash key, 1024 for its range key.
    void refusesAnIndexKeyOverDynamoDbsSizeLimitsAndChangesNothing()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        IndexDefinition byTag;
        byTag.name = "byTag";
        byTag.keys = KeySchema{{"city", KeyType::S}, KeyAttribute{"tag", KeyType::S}};
        table.addIndex(byTag);
        table.put(row("a", "1", std::string(2048, 'c'), "5")); // at the limits: accepted
        AttributeMap longTag = row("b", "1", "Oslo", "5");
        longTag.emplace_back("tag", AttributeValue::string(std::string(1024, 'n')));
        table.put(longTag);
        QCOMPARE(
            messageOf([&] { table.put(row("c", "1", std::string(2049, 'c'), "5")); }),
            QString("One or more parameter values were invalid: Size limit exceeded for Index Key city Actual Size: "
                    "2049 bytes Max Size: 2048 bytes IndexName: byCity"));
        longTag = row("d", "1", "Oslo", "5");
        longTag.emplace_back("tag", AttributeValue::string(std::string(1025, 'n')));
        QCOMPARE(
            messageOf([&] { table.put(longTag); }),
            QString("One or more parameter values were invalid: Size limit exceeded for Index Key tag Actual Size: "
                    "1025 bytes Max Size: 1024 bytes IndexName: byTag"));
        QCOMPARE(table.size(), std::size_t(2));
        QCOMPARE(query(table, "Oslo"), QStringList{"b/1"});
    }

    void aNewIndexIsFilledAndADroppedOneIsGone()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.put(row("a", "1", "Oslo", "5"));
        AttributeMap violation = row("b", "1", "Oslo", "");
        violation.emplace_back("score", AttributeValue::string("x")); // stored before the index: left out
        table.put(violation);
        table.put(row("c", "1", "Oslo", "1"));
        table.addIndex(byCity());
        QCOMPARE(query(table, "Oslo"), (QStringList{"c/1", "a/1"}));
        QVERIFY(table.index("byCity").has_value());
        QVERIFY(table.dropIndex("byCity"));
        QVERIFY(!table.dropIndex("byCity"));
        QVERIFY(!table.index("byCity").has_value());
        QVERIFY(!table.readIndex("byCity", [](const dynamodb::SecondaryIndex &) {}));
        table.put(violation); // no index now: the item is fine again
    }

    void indexWritesPublishNothingOfTheirOwn()
    {
        Scheduler clock;
        EventBus bus(clock);
        int published = 0;
        auto sub = bus.subscribe([&](const Event &e) {
            if (e.as<TableChangedEvent>())
                ++published;
        });
        Table table(clock, &bus, "t", tableKeys(), {true, StreamViewType::NewAndOldImages});
        table.addIndex(byCity());
        auto other = byCity(ProjectionType::KeysOnly);
        other.name = "other";
        table.addIndex(other);
        table.put(row("a", "1", "Oslo", "5"));
        table.put(row("a", "1", "Bergen", "5"));
        table.remove(AttributeMap{{"id", AttributeValue::string("a")}, {"at", AttributeValue::number("1")}});
        QCOMPARE(published, 3);
        QCOMPARE(table.lastTraceId(), std::uint64_t(3));
    }

    void scansInIndexOrderWithSegments()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", tableKeys(), {});
        table.addIndex(byCity());
        table.put(row("a", "1", "Oslo", "5"));
        table.put(row("b", "1", "Bergen", "5"));
        table.put(row("c", "1", "", ""));
        QStringList all, oslo;
        bool more = true;
        table.readIndex("byCity", [&](const dynamodb::SecondaryIndex &index) {
            for (const AttributeMap *e : index.scanPage(std::nullopt, 0, 0, &more, {}))
                all << QString::fromStdString(dynamodb::find(*e, "id")->text());
            for (const AttributeMap *e :
                 index.scanPage(std::nullopt, 0, 0, nullptr, [](const std::string &h) { return h == "Oslo"; }))
                oslo << QString::fromStdString(dynamodb::find(*e, "id")->text());
        });
        QCOMPARE(all, (QStringList{"b", "a"}));
        QVERIFY(!more);
        QCOMPARE(oslo, QStringList{"a"});
    }
};

QTEST_GUILESS_MAIN(SecondaryIndexTest)
#include "tst_secondary_index.moc"
