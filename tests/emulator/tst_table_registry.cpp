// Generic tables: key schemas (hash + range; S, N, B), their validation texts, the registry of
// tables with their own streams, and that the pipeline's orders stream sees only orders.
#ifndef Q_MOC_RUN
#include "dynamodb/expr/decimal.h"
#include "dynamodb/service_error.h"
#include "dynamodb/table_registry.h"
#include "events/event_bus.h"
#include "pipeline/pipeline.h"
#include "scheduler.h"
#endif

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace orderlab;
using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using dynamodb::KeySchema;
using dynamodb::KeyType;
using dynamodb::ServiceError;
using dynamodb::ValidationError;

namespace {

KeySchema hashRange(KeyType hashType, KeyType rangeType)
{
    return KeySchema{{"id", hashType}, dynamodb::KeyAttribute{"at", rangeType}};
}

AttributeMap row(const std::string &id, const std::string &at, const std::string &extra = "x")
{
    return {
        {"id", AttributeValue::string(id)}, {"at", AttributeValue::number(at)}, {"v", AttributeValue::string(extra)}};
}

QString messageOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ValidationError &e) {
        return QString::fromStdString(e.message());
    } catch (const ServiceError &e) {
        return QString::fromStdString(e.type() + ": " + e.what());
    }
    return {};
}

} // namespace

class TableRegistryTest : public QObject
{
    Q_OBJECT

  private slots:
    void numbersCompareNumerically()
    {
        QVERIFY(dynamodb::expr::compareNumbers("2", "10") < 0);
        QVERIFY(dynamodb::expr::compareNumbers("-2", "-10") > 0);
        QVERIFY(dynamodb::expr::compareNumbers("-1", "0.5") < 0);
        QVERIFY(dynamodb::expr::compareNumbers("0.25", "0.3") < 0);
        QCOMPARE(dynamodb::expr::compareNumbers("1.5", "1.5"), 0);
    }

    void rangeKeysOrderByType()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", hashRange(KeyType::S, KeyType::N), {});
        for (const char *at : {"10", "-3", "2", "1.5"})
            table.put(row("a", at));
        QStringList order;
        for (const auto &item : table.scan())
            order << QString::fromStdString(dynamodb::find(item, "at")->text());
        QCOMPARE(order, QStringList({"-3", "1.5", "2", "10"}));
        QCOMPARE(table.size(), std::size_t(4));
    }

    void keyRulesUseDynamoDbTexts()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", hashRange(KeyType::S, KeyType::N), {});
        QCOMPARE(messageOf([&] {
                     table.put({{"id", AttributeValue::string("a")}});
                 }),
                 QString("One or more parameter values were invalid: Missing the key at in the item"));
        QCOMPARE(messageOf([&] {
                     table.put({{"id", AttributeValue::string("a")}, {"at", AttributeValue::string("1")}});
                 }),
                 QString("One or more parameter values were invalid: Type mismatch for key at expected: N actual: S"));
        QCOMPARE(messageOf([&] { table.put(row("", "1")); }),
                 QString("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                         "contain an empty string value. Key: id"));
        QCOMPARE(messageOf([&] {
                     table.get(AttributeMap{{"id", AttributeValue::string("a")}});
                 }),
                 QString("The provided key element does not match the schema"));
        QCOMPARE(messageOf([&] { table.update(row("a", "1"), {}, {}); }),
                 QString("The provided key element does not match the schema"));
        QCOMPARE(messageOf([&] {
                     table.update(
                         AttributeMap{{"id", AttributeValue::string("a")}, {"at", AttributeValue::number("1")}},
                         {{"at", AttributeValue::number("2")}}, {});
                 }),
                 QString("One or more parameter values were invalid: Cannot update attribute at. This attribute is "
                         "part of the key"));
        Table binary(clock, nullptr, "b", KeySchema{{"k", KeyType::B}, std::nullopt}, {});
        QCOMPARE(messageOf([&] {
                     binary.put({{"k", AttributeValue::binary("")}});
                 }),
                 QString("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                         "contain an empty binary value. Key: k"));
        QCOMPARE(table.size(), std::size_t(0)); // nothing changed on failure
    }

    void keyedWritesAndChanges()
    {
        Scheduler clock;
        EventBus bus(clock);
        std::vector<TableChange> changes;
        auto sub = bus.subscribe([&](const Event &e) {
            if (const auto *t = e.as<TableChangedEvent>())
                changes.push_back(*t->change);
        });
        Table table(clock, &bus, "t", hashRange(KeyType::S, KeyType::N), {true, StreamViewType::KeysOnly});
        QVERIFY(table.put(row("a", "1")).changed);
        QVERIFY(!table.put(row("a", "1")).changed); // no-op write commits nothing
        const auto modified = table.put(row("a", "1", "y"));
        QVERIFY(modified.oldImage.has_value());
        const AttributeMap key{{"at", AttributeValue::number("1.0")}, {"id", AttributeValue::string("a")}};
        QVERIFY(table.get(key).has_value());
        QCOMPARE(table.remove(key).traceId, std::uint64_t(3));
        QVERIFY(!table.remove(key).changed);
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].table, std::string("t"));
        QCOMPARE(changes[0].pk, std::string("a"));
        QCOMPARE(QString::fromStdString(dynamodb::itemJson(changes[2].keys)),
                 QString(R"({"id":{"S":"a"},"at":{"N":"1"}})"));
    }

    void scanPagesAfterAKey()
    {
        Scheduler clock;
        Table table(clock, nullptr, "t", KeySchema{{"id", KeyType::N}, std::nullopt}, {});
        for (int i = 1; i <= 5; ++i)
            table.put({{"id", AttributeValue::number(std::to_string(i))}});
        bool more = false;
        auto page = table.scanPage(std::nullopt, 2, 0, &more);
        QCOMPARE(page.size(), std::size_t(2));
        QVERIFY(more);
        page = table.scanPage(AttributeMap{{"id", AttributeValue::number("4")}}, 2, 0, &more);
        QCOMPARE(page.size(), std::size_t(1));
        QVERIFY(!more);
    }

    void registryCreatesFindsAndDeletes()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        auto entry = registry.create("b", hashRange(KeyType::S, KeyType::N), {true, StreamViewType::NewImage}, {});
        registry.create("a", KeySchema{}, {}, {});
        QCOMPARE(registry.names(), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(messageOf([&] { registry.create("a", KeySchema{}, {}, {}); }),
                 QString("ResourceInUseException: Table already exists: a"));
        QVERIFY(entry.stream);
        QVERIFY(!registry.find("a").stream);
        QVERIFY(QString::fromStdString(entry.stream->arn()).contains(":table/b/stream/"));
        entry.table->put(row("x", "1"));
        QCOMPARE(entry.stream->size(), std::size_t(1));
        const auto record = entry.stream->read(0, 0, 10).front();
        QVERIFY(QString::fromStdString(record->json).contains(R"("Keys":{"id":{"S":"x"},"at":{"N":"1"}})"));
        QCOMPARE(registry.streams().size(), std::size_t(1));

        registry.remove("b");
        QCOMPARE(messageOf([&] { registry.get("b"); }),
                 QString("ResourceNotFoundException: Cannot do operations on a non-existent table"));
        entry.table->put(row("y", "2")); // a request that still holds the table writes safely
        QCOMPARE(entry.stream->size(), std::size_t(2));
    }

    void aLookupWaitsForAChangeUnderWay()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        registry.create("t", KeySchema{}, {}, {});
        std::atomic<bool> changing{false};
        std::thread change([&] {
            registry.updateSettings("t", [&](TableSettings &settings) {
                settings.readCapacityUnits = 7;
                changing = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(100)); // half done
                settings.writeCapacityUnits = 7;
            });
        });
        while (!changing)
            std::this_thread::yield();
        const auto entry = registry.find("t"); // lookups share the lock with each other, not with a change
        change.join();
        QCOMPARE(entry.settings.readCapacityUnits, 7);
        QCOMPARE(entry.settings.writeCapacityUnits, 7);
    }

    void streamsCanBeEnabledAndDisabled()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        auto entry = registry.create("t", KeySchema{}, {}, {});
        entry.table->put({{"pk", AttributeValue::string("before")}});
        registry.setStream("t", {true, StreamViewType::KeysOnly});
        auto stream = registry.get("t").stream;
        QVERIFY(stream);
        entry.table->put({{"pk", AttributeValue::string("during")}});
        QCOMPARE(messageOf([&] {
                     registry.setStream("t", {true, StreamViewType::KeysOnly});
                 }),
                 QString("Table already has an enabled stream: TableName: t"));
        registry.setStream("t", {false, StreamViewType::KeysOnly});
        entry.table->put({{"pk", AttributeValue::string("after")}});
        QCOMPARE(stream->size(), std::size_t(1));
        QVERIFY(!entry.table->streamSpecification().enabled);
    }

    void pipelineAdoptsOrdersAndKeepsItsStreamToItself()
    {
        Pipeline pipeline(PipelineConfig{});
        TableRegistry &tables = pipeline.tables();
        QVERIFY(tables.adopted("orders"));
        QCOMPARE(tables.get("orders").table.get(), &pipeline.table());
        QCOMPARE(tables.get("orders").stream.get(), &pipeline.stream());
        QVERIFY(!messageOf([&] { tables.remove("orders"); }).isEmpty());
        QVERIFY(!messageOf([&] { tables.setStream("orders", {}); }).isEmpty());

        auto other = tables.create("other", KeySchema{}, {true, StreamViewType::NewAndOldImages}, {});
        other.table->put({{"pk", AttributeValue::string("o1")}});
        pipeline.table().put({{"pk", AttributeValue::string("ord-1")}});
        QCOMPARE(pipeline.stream().size(), std::size_t(1)); // the orders stream has no record of `other`
        QCOMPARE(other.stream->size(), std::size_t(1));
        QCOMPARE(other.table->lastTraceId(), std::uint64_t(1));
        QCOMPARE(pipeline.table().lastTraceId(), std::uint64_t(1));
        const std::string json = pipeline.stream().read(0, 0, 1).front()->json;
        QVERIFY(QString::fromStdString(json).contains(R"("Keys":{"pk":{"S":"ord-1"}})"));
        QVERIFY(QString::fromStdString(json).contains(":table/orders/stream/"));
    }
};

QTEST_GUILESS_MAIN(TableRegistryTest)
#include "tst_table_registry.moc"
