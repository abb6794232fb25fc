// The fake orders table: writes, the changes its sink sees, validation, and thread safety.
#ifndef Q_MOC_RUN
#include "dynamodb/orders_table.h"
#include "events/event_bus.h"
#include "scheduler.h"
#include "table_test_data.h"
#endif

#include <QtTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

using namespace orderlab;
using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using Kind = TableChange::Kind;

namespace {

class ManualClock : public Clock
{
  public:
    TimeMs now() const override { return m_now.load(); }
    void set(TimeMs t) { m_now = t; }

  private:
    std::atomic<TimeMs> m_now{kDefaultStartTime};
};

/// Records the table changes published on its own bus.
class RecordingSink
{
  public:
    RecordingSink()
        : m_subscription(m_bus.subscribe([this](const Event &e) {
              if (const auto *t = e.as<TableChangedEvent>()) {
                  std::lock_guard lock(m_mutex);
                  m_changes.push_back(*t->change);
              }
          }))
    {
    }
    EventBus *bus() { return &m_bus; }
    std::vector<TableChange> changes() const
    {
        std::lock_guard lock(m_mutex);
        return m_changes;
    }
    std::size_t count() const { return changes().size(); }

  private:
    Scheduler m_clock;
    EventBus m_bus{m_clock};
    mutable std::mutex m_mutex;
    std::vector<TableChange> m_changes;
    EventBus::Subscription m_subscription;
};

AttributeValue S(const std::string &s)
{
    return AttributeValue::string(s);
}

AttributeValue N(const char *s)
{
    return AttributeValue::number(s);
}

AttributeMap order(const std::string &pk, const std::string &status)
{
    return {{"pk", S(pk)}, {"status", S(status)}, {"creator", S("alice")}, {"numItems", N("1")}};
}

std::vector<std::string> names(const AttributeMap &item)
{
    std::vector<std::string> out;
    for (const auto &entry : item)
        out.push_back(entry.first);
    return out;
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const dynamodb::ValidationError &e) {
        return e.message();
    }
    return "(no error)";
}

const std::string kInvalid = "One or more parameter values were invalid: ";

} // namespace

class TstOrdersTable : public QObject
{
    Q_OBJECT
  private slots:
    void putInsertsThenModifies()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        QCOMPARE(table.lastTraceId(), std::uint64_t(0));
        QCOMPARE(table.keyName(), std::string("pk"));

        auto r = table.put(order("o1", "NEW"));
        QVERIFY(r.changed);
        QCOMPARE(r.traceId, std::uint64_t(1));
        QCOMPARE(r.kind, std::optional(Kind::Insert));
        clock.set(kDefaultStartTime + 5000);
        r = table.put(order("o1", "BAKING"));
        QCOMPARE(r.kind, std::optional(Kind::Modify));
        QCOMPARE(r.traceId, std::uint64_t(2));
        QCOMPARE(table.lastTraceId(), std::uint64_t(2));

        const auto changes = sink.changes();
        QCOMPARE(changes.size(), std::size_t(2));
        QCOMPARE(changes[0].kind, Kind::Insert);
        QCOMPARE(changes[0].pk, std::string("o1"));
        QVERIFY(!changes[0].oldImage);
        QVERIFY(changes[0].newImage &&
                dynamodb::itemJson(*changes[0].newImage) == dynamodb::itemJson(order("o1", "NEW")));
        QCOMPARE(changes[0].time, kDefaultStartTime);
        QCOMPARE(changes[0].traceId, std::uint64_t(1));
        QVERIFY(!changes[0].byTtl);
        QCOMPARE(changes[1].kind, Kind::Modify);
        QVERIFY(dynamodb::sameItem(*changes[1].oldImage, order("o1", "NEW")));
        QVERIFY(dynamodb::sameItem(*changes[1].newImage, order("o1", "BAKING")));
        QCOMPARE(changes[1].time, kDefaultStartTime + 5000);
        QVERIFY(dynamodb::sameItem(*table.get("o1"), order("o1", "BAKING")));
        QVERIFY(!table.get("o2"));
    }

    void putWithoutChangeWritesNoRecord()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));
        auto r = table.put(order("o1", "NEW"));
        QVERIFY(!r.changed);
        QCOMPARE(r.traceId, std::uint64_t(0));
        QVERIFY(!r.kind);
        // Same attributes and values in another order, numbers in another spelling: no change either.
        AttributeMap shuffled = {
            {"numItems", N("1.0")}, {"creator", S("alice")}, {"status", S("NEW")}, {"pk", S("o1")}};
        QVERIFY(!table.put(shuffled).changed);
        QCOMPARE(sink.count(), std::size_t(1));
        QCOMPARE(table.lastTraceId(), std::uint64_t(1));
        // Nothing changed, so the stored item is still the one the stream last showed.
        QCOMPARE(dynamodb::itemJson(*table.get("o1")), dynamodb::itemJson(order("o1", "NEW")));
        // A put that drops an attribute is a change.
        QVERIFY(table.put({{"pk", S("o1")}, {"status", S("NEW")}}).changed);
        QCOMPARE(sink.count(), std::size_t(2));
    }

    void updateSetsAndAppends()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));
        const auto r = table.update("o1", {{"lastUpdated", S("t1")}, {"status", S("BAKING")}}, {});
        QCOMPARE(r.kind, std::optional(Kind::Modify));
        const AttributeMap item = *table.get("o1");
        QCOMPARE(names(item), (std::vector<std::string>{"pk", "status", "creator", "numItems", "lastUpdated"}));
        QCOMPARE(dynamodb::find(item, "status")->text(), std::string("BAKING"));
        const auto changes = sink.changes();
        QCOMPARE(changes.back().kind, Kind::Modify);
        QVERIFY(dynamodb::sameItem(*changes.back().oldImage, order("o1", "NEW")));
        QCOMPARE(dynamodb::itemJson(*changes.back().newImage), dynamodb::itemJson(item));
    }

    void updateRemoves()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));
        QCOMPARE(table.update("o1", {}, {"creator", "absent"}).kind, std::optional(Kind::Modify));
        QCOMPARE(names(*table.get("o1")), (std::vector<std::string>{"pk", "status", "numItems"}));
        // Removing only absent attributes changes nothing.
        QVERIFY(!table.update("o1", {}, {"creator"}).changed);
        // Setting the values already there changes nothing.
        QVERIFY(!table.update("o1", {{"status", S("NEW")}, {"numItems", N("1E0")}}, {}).changed);
        QCOMPARE(sink.count(), std::size_t(2));
    }

    void updateCreatesTheItem()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        auto r = table.update("o1", {{"status", S("NEW")}, {"n", N("2")}}, {"ignored"});
        QCOMPARE(r.kind, std::optional(Kind::Insert));
        QCOMPARE(names(*table.get("o1")), (std::vector<std::string>{"pk", "status", "n"}));
        QCOMPARE(dynamodb::find(*table.get("o1"), "pk")->text(), std::string("o1"));
        // An update with nothing to set still creates the item, with its key alone.
        r = table.update("o2", {}, {});
        QCOMPARE(r.kind, std::optional(Kind::Insert));
        QCOMPARE(dynamodb::itemJson(*table.get("o2")), std::string("{\"pk\":{\"S\":\"o2\"}}"));
        const auto changes = sink.changes();
        QCOMPARE(changes.size(), std::size_t(2));
        QVERIFY(!changes[0].oldImage && changes[0].newImage);
        QCOMPARE(changes[1].traceId, std::uint64_t(2));
    }

    void updateMayNotTouchTheKey()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));
        const std::string keyError = kInvalid + "Cannot update attribute pk. This attribute is part of the key";
        QCOMPARE(errorOf([&] { table.update("o1", {{"pk", S("o2")}}, {}); }), keyError);
        QCOMPARE(errorOf([&] { table.update("o1", {}, {"pk"}); }), keyError);
        QCOMPARE(errorOf([&] {
                     table.update("o1", {{"status", S("A")}}, {"status"});
                 }),
                 std::string("Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                             "rewrite one of these paths; path one: [status], path two: [status]"));
        QCOMPARE(errorOf([&] {
                     table.update("o1", {{"a", S("A")}, {"a", S("B")}}, {});
                 }).substr(0, 26),
                 std::string("Invalid UpdateExpression: "));
        QCOMPARE(errorOf([&] {
                     table.update("", {{"a", S("A")}}, {});
                 }),
                 std::string("One or more parameter values are not valid. The AttributeValue for a key attribute "
                             "cannot contain an empty string value. Key: pk"));
        QCOMPARE(sink.count(), std::size_t(1));
        QVERIFY(dynamodb::sameItem(*table.get("o1"), order("o1", "NEW")));
        QCOMPARE(table.size(), std::size_t(1));
    }

    void removeAndTtlDelete()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));
        table.put(order("o2", "NEW"));
        auto r = table.remove("o1");
        QCOMPARE(r.kind, std::optional(Kind::Remove));
        QCOMPARE(r.traceId, std::uint64_t(3));
        QVERIFY(!table.get("o1"));
        // Deleting a missing item does nothing and takes no trace id.
        r = table.remove("o1");
        QVERIFY(!r.changed && !r.kind && r.traceId == 0);
        QVERIFY(!table.ttlDelete("missing").changed);
        QCOMPARE(table.lastTraceId(), std::uint64_t(3));
        r = table.ttlDelete("o2");
        QCOMPARE(r.traceId, std::uint64_t(4));
        QCOMPARE(table.size(), std::size_t(0));

        const auto changes = sink.changes();
        QCOMPARE(changes.size(), std::size_t(4));
        QCOMPARE(changes[2].kind, Kind::Remove);
        QVERIFY(!changes[2].byTtl);
        QVERIFY(changes[2].oldImage && !changes[2].newImage);
        QVERIFY(dynamodb::sameItem(*changes[2].oldImage, order("o1", "NEW")));
        QCOMPARE(changes[3].kind, Kind::Remove);
        QVERIFY(changes[3].byTtl);
        QCOMPARE(changes[3].pk, std::string("o2"));
    }

    void sinkSeesTheLifecycleInOrder()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o1", "NEW"));                     // Insert
        table.update("o1", {{"status", S("BAKING")}}, {}); // Modify
        table.put(order("o1", "BAKING"));                  // no change
        table.put(order("o1", "DELIVERED"));               // Modify
        table.remove("o1");                                // Remove
        table.put(order("o1", "NEW"));                     // Insert again
        std::vector<Kind> kinds;
        std::vector<std::uint64_t> ids;
        for (const auto &c : sink.changes()) {
            kinds.push_back(c.kind);
            ids.push_back(c.traceId);
        }
        QCOMPARE(kinds, (std::vector<Kind>{Kind::Insert, Kind::Modify, Kind::Modify, Kind::Remove, Kind::Insert}));
        QCOMPARE(ids, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
    }

    void traceIdsCountWithoutASink()
    {
        ManualClock clock;
        OrdersTable table(clock, nullptr);
        QCOMPARE(table.put(order("o1", "NEW")).traceId, std::uint64_t(1));
        QCOMPARE(table.update("o1", {{"x", S("y")}}, {}).traceId, std::uint64_t(2));
        QCOMPARE(table.remove("o1").traceId, std::uint64_t(3));
        QCOMPARE(table.lastTraceId(), std::uint64_t(3));
    }

    void keyErrors()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        QCOMPARE(errorOf([&] { table.put({{"status", S("NEW")}}); }), kInvalid + "Missing the key pk in the item");
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", N("1")}});
                 }),
                 kInvalid + "Type mismatch for key pk expected: S actual: N");
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", AttributeValue::null()}});
                 }),
                 kInvalid + "Type mismatch for key pk expected: S actual: NULL");
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", AttributeValue::stringSet({"a"})}});
                 }),
                 kInvalid + "Type mismatch for key pk expected: S actual: SS");
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", S("")}});
                 }),
                 std::string("One or more parameter values are not valid. The AttributeValue for a key attribute "
                             "cannot contain an empty string value. Key: pk"));
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", S(std::string(2049, 'k'))}});
                 }),
                 kInvalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        QVERIFY(table.put({{"pk", S(std::string(2048, 'k'))}}).changed);
        QCOMPARE(errorOf([&] {
                     table.put({{"pk", S("o1")}, {"a", S("1")}, {"a", S("2")}});
                 }),
                 kInvalid + "Duplicate attribute name a in the item");
        QCOMPARE(sink.count(), std::size_t(1));
        QCOMPARE(table.size(), std::size_t(1));
        QCOMPARE(table.lastTraceId(), std::uint64_t(1));
    }

    void otherKeyName()
    {
        ManualClock clock;
        OrdersTable table(clock, nullptr, "orderId");
        QCOMPARE(errorOf([&] { table.put(order("o1", "NEW")); }), kInvalid + "Missing the key orderId in the item");
        QCOMPARE(errorOf([&] {
                     table.update("o1", {{"orderId", S("x")}}, {});
                 }),
                 kInvalid + "Cannot update attribute orderId. This attribute is part of the key");
        QVERIFY(table.update("o1", {{"pk", S("not the key")}}, {}).changed);
        QCOMPARE(names(*table.get("o1")), (std::vector<std::string>{"orderId", "pk"}));
    }

    void itemSizeLimit()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        const std::string tooBig = "Item size has exceeded the maximum allowed size";
        // pk (2) + "o1" (2) + data (4) + the string: exactly 400 KB is allowed.
        const std::size_t fits = dynamodb::kMaxItemSize - 8;
        QCOMPARE(dynamodb::kMaxItemSize, std::size_t(409600));
        AttributeMap big = {{"pk", S("o1")}, {"data", S(std::string(fits, 'x'))}};
        QCOMPARE(dynamodb::sizeBytes(big), std::size_t(409600));
        QVERIFY(table.put(big).changed);
        big[1].second = S(std::string(fits + 1, 'y'));
        QCOMPARE(errorOf([&] { table.put(big); }), tooBig);
        // Names count too.
        QCOMPARE(errorOf([&] { table.put({{"pk", S("o2")}, {"datax", S(std::string(fits, 'x'))}}); }), tooBig);
        // An update that would grow the item past the limit fails and changes nothing.
        QCOMPARE(errorOf([&] { table.update("o1", {{"z", AttributeValue::boolean(true)}}, {}); }), tooBig);
        QCOMPARE(errorOf([&] { table.update("o3", {{"data", S(std::string(fits + 1, 'x'))}}, {}); }), tooBig);
        QCOMPARE(sink.count(), std::size_t(1));
        QCOMPARE(table.size(), std::size_t(1));
        QCOMPARE(dynamodb::find(*table.get("o1"), "data")->text(), std::string(fits, 'x'));
        QVERIFY(!dynamodb::find(*table.get("o1"), "z"));
        // Shrinking it is fine.
        QVERIFY(table.update("o1", {{"z", AttributeValue::boolean(true)}}, {"data"}).changed);
    }

    void scanIsInKeyOrder()
    {
        ManualClock clock;
        OrdersTable table(clock, nullptr);
        for (const char *pk : {"o3", "o1", "o10", "o2"})
            table.put(order(pk, "NEW"));
        std::vector<std::string> keys;
        for (const auto &item : table.scan())
            keys.push_back(dynamodb::find(item, "pk")->text());
        QCOMPARE(keys, (std::vector<std::string>{"o1", "o10", "o2", "o3"}));
        QCOMPARE(table.size(), std::size_t(4));
    }

    void specExampleThroughTheTable()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(dynamodb::parseItemJson(testdata::kSpecOldImage));
        AttributeMap set = {{"status", S("BAKING")}, {"lastUpdated", S("2024-11-24T12:05:00.000Z")}};
        table.update("ord-1", set, {});
        const TableChange change = sink.changes().back();
        QCOMPARE(dynamodb::itemJson(*change.oldImage), std::string(testdata::kSpecOldImage));
        // The NewImage of docs/stream-and-mapping.md, "Example record": same attributes; the new lastUpdated goes last.
        QVERIFY(dynamodb::sameItem(*change.newImage, dynamodb::parseItemJson(testdata::kSpecNewImage)));
        QCOMPARE(names(*change.newImage), (std::vector<std::string>{"status", "creator", "pk", "createdAt", "numItems",
                                                                    "items", "lastUpdated"}));
        const AttributeMap keys = {{"pk", S(change.pk)}};
        QCOMPARE(int(dynamodb::sizeBytes(keys) + dynamodb::sizeBytes(*change.newImage) +
                     dynamodb::sizeBytes(*change.oldImage)),
                 testdata::kSpecSizeBytes);
    }

    void readsOfOneTableRunTogether()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        table.put(order("o-1", "NEW"));
        const AttributeMap key{{"pk", S("o-1")}};
        std::atomic<bool> firstInside{false}, secondInside{false}, overlapped{false};
        std::thread first([&] {
            table.visit(key, [&](const AttributeMap *item) {
                QVERIFY(item);
                firstInside = true;
                for (int i = 0; i < 300 && !secondInside; ++i) // a read that excluded others would wait 3 s here
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                overlapped = secondInside.load();
            });
        });
        for (int i = 0; i < 300 && !firstInside; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        QVERIFY(firstInside);
        table.visit(key, [&](const AttributeMap *item) {
            QVERIFY(item);
            secondInside = true;
        });
        first.join();
        QVERIFY2(overlapped, "a second GetItem waited for the first to end");
    }

    void concurrentWritersKeepCommitOrder()
    {
        ManualClock clock;
        RecordingSink sink;
        OrdersTable table(clock, sink.bus());
        constexpr int kThreads = 8;
        constexpr int kRounds = 300;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&table, t] {
                for (int i = 0; i < kRounds; ++i) {
                    const std::string own = "t" + std::to_string(t) + "-" + std::to_string(i % 7);
                    const std::string shared = "shared-" + std::to_string(i % 3);
                    switch (i % 4) {
                    case 0:
                        table.put(order(own, "NEW"));
                        break;
                    case 1:
                        table.update(shared, {{"by", S(std::to_string(t))}, {"i", N(std::to_string(i).c_str())}}, {});
                        break;
                    case 2:
                        table.update(own, {{"status", S("BAKING")}}, {"creator"});
                        break;
                    case 3:
                        table.remove(i % 8 == 3 ? shared : own);
                        break;
                    }
                    (void)table.get(shared);
                    (void)table.scan();
                }
            });
        }
        for (auto &thread : threads)
            thread.join();

        // The sink saw every committed change once, in trace id order.
        const auto changes = sink.changes();
        QCOMPARE(changes.size(), std::size_t(table.lastTraceId()));
        for (std::size_t i = 0; i < changes.size(); ++i)
            QCOMPARE(changes[i].traceId, std::uint64_t(i + 1));
        // Replaying the changes in that order rebuilds the table, and each old image is the previous new one.
        std::map<std::string, AttributeMap> replay;
        for (const auto &c : changes) {
            const auto it = replay.find(c.pk);
            QCOMPARE(it != replay.end(), c.kind != Kind::Insert);
            if (it != replay.end()) {
                QVERIFY(c.oldImage);
                QCOMPARE(dynamodb::itemJson(*c.oldImage), dynamodb::itemJson(it->second));
            }
            if (c.kind == Kind::Remove)
                replay.erase(c.pk);
            else
                replay[c.pk] = *c.newImage;
        }
        const auto scanned = table.scan();
        QCOMPARE(scanned.size(), replay.size());
        std::size_t i = 0;
        for (const auto &[pk, item] : replay)
            QCOMPARE(dynamodb::itemJson(scanned[i++]), dynamodb::itemJson(item));
    }
};

QTEST_GUILESS_MAIN(TstOrdersTable)
#include "tst_orders_table.moc"
