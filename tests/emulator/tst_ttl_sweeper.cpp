// TTL deletes on the emulator clock (docs/dynamodb-api.md, "Time to live"): which values expire, the
// five-year horizon, the bound on work per sweep, the service's userIdentity on the stream's REMOVE
// records, and the pipeline's housekeeping sweeping every second of the virtual clock.
#ifndef Q_MOC_RUN
#include "dynamodb/table_registry.h"
#include "dynamodb/ttl_sweeper.h"
#include "pipeline/pipeline.h"
#include "scheduler.h"
#endif

#include <QtTest>

using namespace orderlab;
using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using dynamodb::KeySchema;

// moc reads only the class; the helpers hold raw strings its tokenizer trips over.
#ifndef Q_MOC_RUN
namespace {

constexpr std::int64_t kNowSeconds = kDefaultStartTime / 1000;
const char *const kUserIdentity = R"("userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"})";
const char *const kGoneImage = "\"OldImage\":{\"pk\":{\"S\":\"gone\"},\"exp\":{\"N\":\"";

AttributeMap item(const std::string &pk, std::optional<AttributeValue> ttl)
{
    AttributeMap out{{"pk", AttributeValue::string(pk)}};
    if (ttl)
        out.emplace_back("exp", *ttl);
    return out;
}

AttributeValue seconds(std::int64_t s)
{
    return AttributeValue::number(std::to_string(s));
}

/// A registry on `clock` with table `t` (hash key pk, a NEW_AND_OLD_IMAGES stream), TTL on `exp`.
TableRegistry::Entry ttlTable(TableRegistry &registry, bool enableTtl = true)
{
    auto entry = registry.create("t", KeySchema{}, {true, StreamViewType::NewAndOldImages}, {});
    if (enableTtl)
        registry.updateSettings("t", [](TableSettings &s) { s.ttlAttribute = "exp"; });
    return entry;
}

QStringList keys(const Table &table)
{
    QStringList out;
    for (const auto &i : table.scan())
        out << QString::fromStdString(dynamodb::find(i, "pk")->text());
    return out;
}

} // namespace
#endif

class TtlSweeperTest : public QObject
{
    Q_OBJECT

  private slots:
    void deletesExpiredEpochSecondsOnly()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        const auto entry = ttlTable(registry);
        Table &table = *entry.table;
        table.put(item("a-past", seconds(kNowSeconds - 10)));
        table.put(item("b-now", seconds(kNowSeconds)));
        table.put(item("c-fraction", AttributeValue::number(std::to_string(kNowSeconds - 1) + ".5")));
        table.put(item("d-future", seconds(kNowSeconds + 100)));
        table.put(item("e-string", AttributeValue::string(std::to_string(kNowSeconds - 10))));
        table.put(item("f-millis", AttributeValue::number(std::to_string(kDefaultStartTime - 10000))));
        table.put(item("g-ancient", seconds(kNowSeconds - TtlSweeper::kMaxAgeSeconds - 1)));
        table.put(item("h-five-years", seconds(kNowSeconds - TtlSweeper::kMaxAgeSeconds)));
        table.put(item("i-none", std::nullopt));
        table.put(item("j-negative", seconds(-1)));

        TtlSweeper sweeper(registry, clock);
        auto done = sweeper.sweep();
        QCOMPARE(done.deleted, std::size_t(4));
        QCOMPARE(done.examined, std::size_t(10));
        QCOMPARE(keys(table), (QStringList{"d-future", "e-string", "f-millis", "g-ancient", "i-none", "j-negative"}));
        QCOMPARE(sweeper.sweep().deleted, std::size_t(0)); // nothing else is due yet

        clock.runUntil(kDefaultStartTime + 99999);
        QCOMPARE(sweeper.sweep().deleted, std::size_t(0));
        clock.runUntil(kDefaultStartTime + 100000);
        QCOMPARE(sweeper.sweep().deleted, std::size_t(1));
        QCOMPARE(keys(table), (QStringList{"e-string", "f-millis", "g-ancient", "i-none", "j-negative"}));
    }

    void removeRecordsCarryTheServicePrincipal()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        const auto entry = ttlTable(registry);
        entry.table->put(item("gone", seconds(kNowSeconds - 1)));
        entry.table->put(item("kept", seconds(kNowSeconds + 1)));
        entry.table->remove(AttributeMap{{"pk", AttributeValue::string("kept")}}); // a user's delete
        TtlSweeper(registry, clock).sweep();
        const auto records = entry.stream->read(0, 0, 100);
        QCOMPARE(records.size(), std::size_t(4));
        QStringList seen;
        for (const auto &r : records)
            seen << QString("%1 %2 %3").arg(r->eventName(), QString::fromStdString(r->pk)).arg(r->byTtl);
        QCOMPARE(seen, (QStringList{"INSERT gone 0", "INSERT kept 0", "REMOVE kept 0", "REMOVE gone 1"}));
        const std::string &ttlRemove = records[3]->json;
        QVERIFY2(ttlRemove.find(kUserIdentity) != std::string::npos, ttlRemove.c_str());
        QVERIFY(ttlRemove.find(kGoneImage) != std::string::npos);
        for (int i = 0; i < 3; ++i)
            QVERIFY(records[i]->json.find("userIdentity") == std::string::npos);
    }

    void boundsTheWorkOfEachSweep()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        const auto entry = ttlTable(registry);
        for (int i = 0; i < 25; ++i)
            entry.table->put(item("k" + std::to_string(100 + i), seconds(kNowSeconds - 1)));
        TtlSweeper sweeper(registry, clock, TtlSweeper::Limits{10, 3});
        std::vector<std::size_t> deleted;
        while (entry.table->size() > 0 && deleted.size() < 100) {
            const auto done = sweeper.sweep();
            QVERIFY(done.examined <= 10);
            QVERIFY(done.deleted <= 3);
            deleted.push_back(done.deleted);
        }
        QCOMPARE(deleted.size(), std::size_t(9)); // ⌈25 / 3⌉ sweeps
        // Reading is bounded too: 25 items that never expire take three sweeps to read once.
        for (int i = 0; i < 25; ++i)
            entry.table->put(item("n" + std::to_string(100 + i), seconds(kNowSeconds + 1000)));
        QCOMPARE(sweeper.sweep().examined, std::size_t(10));
        QCOMPARE(sweeper.sweep().examined, std::size_t(10));
        QCOMPARE(sweeper.sweep().examined, std::size_t(5));  // the pass ends with the table
        QCOMPARE(sweeper.sweep().examined, std::size_t(10)); // and starts again
    }

    void sharesTheBudgetBetweenTables()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        for (const char *name : {"a", "b"}) {
            const auto entry = registry.create(name, KeySchema{}, {}, {});
            registry.updateSettings(name, [](TableSettings &s) { s.ttlAttribute = "exp"; });
            for (int i = 0; i < 6; ++i)
                entry.table->put(item("k" + std::to_string(i), seconds(kNowSeconds - 1)));
        }
        TtlSweeper sweeper(registry, clock, TtlSweeper::Limits{4, 100});
        QCOMPARE(sweeper.sweep().deleted, std::size_t(4)); // a: 4
        QCOMPARE(sweeper.sweep().deleted, std::size_t(4)); // a: 2 (its end), b: 2
        QCOMPARE(registry.find("a").table->size(), std::size_t(0));
        QCOMPARE(registry.find("b").table->size(), std::size_t(4));
        QCOMPARE(sweeper.sweep().deleted, std::size_t(4));
        QCOMPARE(registry.find("b").table->size(), std::size_t(0));
    }

    void leavesTablesWithoutTtlAlone()
    {
        Scheduler clock;
        TableRegistry registry(clock, Stream::Options());
        const auto entry = ttlTable(registry, false);
        entry.table->put(item("x", seconds(kNowSeconds - 1)));
        TtlSweeper sweeper(registry, clock);
        QCOMPARE(sweeper.sweep().examined, std::size_t(0));
        registry.updateSettings("t", [](TableSettings &s) { s.ttlAttribute = "other"; });
        QCOMPARE(sweeper.sweep().deleted, std::size_t(0)); // TTL on another attribute
        registry.updateSettings("t", [](TableSettings &s) { s.ttlAttribute = "exp"; });
        QCOMPARE(sweeper.sweep().deleted, std::size_t(1));
        registry.remove("t");
        QCOMPARE(sweeper.sweep().examined, std::size_t(0));
    }

    void thePipelineSweepsEverySecondOfItsClock()
    {
        Pipeline pipeline{PipelineConfig{}};
        auto &registry = pipeline.tables();
        const auto entry = ttlTable(registry);
        entry.table->put(item("soon", seconds(kNowSeconds + 5)));
        // The orders table too: its TTL deletes reach the pipeline's stream marked as TTL's.
        registry.updateSettings("orders", [](TableSettings &s) { s.ttlAttribute = "ttl"; });
        pipeline.table().put(AttributeMap{{"pk", AttributeValue::string("o1")}, {"ttl", seconds(kNowSeconds + 2)}});
        pipeline.start();
        pipeline.scheduler().runUntil(kDefaultStartTime + 1999);
        QCOMPARE(entry.table->size(), std::size_t(1));
        QVERIFY(pipeline.table().get("o1"));
        pipeline.scheduler().runUntil(kDefaultStartTime + 2000);
        QVERIFY(!pipeline.table().get("o1"));
        pipeline.scheduler().runUntil(kDefaultStartTime + 5000);
        QCOMPARE(entry.table->size(), std::size_t(0));
        const auto records = pipeline.stream().read(0, 0, 100);
        QCOMPARE(records.size(), std::size_t(2));
        QVERIFY(records[1]->byTtl);
        QVERIFY(records[1]->json.find(kUserIdentity) != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TtlSweeperTest)
#include "tst_ttl_sweeper.moc"
