// CacheStore: the emulated Momento cache (operations, errors and arguments).
#ifndef Q_MOC_RUN
#include "events/event_bus.h"
#include "store_test_support.h"
#endif

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace orderlab;
using namespace orderlab::testing;
using momento::ErrorCode;
using Kind = CacheEvent::Kind;

class TstCacheStore : public QObject
{
    Q_OBJECT
  private slots:
    void defaultAndConfiguredCaches()
    {
        TestClock clock;
        CacheStore byDefault(clock);
        QCOMPARE(byDefault.listCaches(), std::vector<std::string>{"pizza"});
        CacheStore configured(clock, {"b", "", " ", "a"});
        QCOMPARE(configured.listCaches(), (std::vector<std::string>{"a", "b"}));
        QVERIFY(configured.hasCache("a"));
        QVERIFY(!configured.hasCache("pizza"));
    }

    void createDeleteCaches()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.createCache("menu")));
        QVERIFY(hasCode(store.createCache("menu"), ErrorCode::AlreadyExists));
        QVERIFY(hasCode(store.createCache(""), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.createCache(" \t"), ErrorCode::InvalidArgument)); // Momento's SDKs refuse blank names
        QCOMPARE(store.listCaches(), (std::vector<std::string>{"menu", "pizza"}));
        QVERIFY(ok(store.set("menu", "k", val("v"), 1000)));
        QVERIFY(ok(store.deleteCache("menu")));
        QVERIFY(hasCode(store.deleteCache("menu"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.get("menu", "k"), ErrorCode::CacheNotFound));
        QCOMPARE(store.nextExpiryMs(), TimeMs(-1)); // the deleted cache's keys left the expiry index
        QVERIFY(ok(store.createCache("menu")));
        QVERIFY(isMiss(store.get("menu", "k"))); // a new cache starts empty
    }

    void createCacheStopsAtTheCacheCount()
    {
        TestClock clock;
        CacheStore store(clock); // pizza
        QVERIFY(ok(store.createCache("a", 3)));
        QVERIFY(ok(store.createCache("b", 3)));
        QVERIFY(hasCode(store.createCache("c", 3), ErrorCode::LimitExceeded));
        QVERIFY(hasCode(store.createCache("a", 3), ErrorCode::AlreadyExists)); // not a new cache
        QCOMPARE(store.listCaches().size(), std::size_t(3));
        QVERIFY(ok(store.deleteCache("a")));
        QVERIFY(ok(store.createCache("c", 3)));
    }

    void flushCache()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "a", val("1"), 1000)));
        QVERIFY(ok(store.set("pizza", "b", val("2"), 1000)));
        QVERIFY(ok(store.flushCache("pizza")));
        QVERIFY(isMiss(store.get("pizza", "a")));
        QVERIFY(store.keys("pizza").empty());
        QVERIFY(store.hasCache("pizza"));
        QCOMPARE(store.nextExpiryMs(), TimeMs(-1));
        QVERIFY(hasCode(store.flushCache("nope"), ErrorCode::CacheNotFound));
    }

    void evictsTheLeastRecentlyUsedPastTheByteCap()
    {
        TestClock clock;
        EventBus bus(clock);
        std::vector<CacheEvent> seen;
        auto subscription = bus.subscribe([&](const Event &e) {
            if (const auto *c = e.as<CacheChangedEvent>())
                seen.push_back(c->change);
        });
        CacheStore::Limits limits;
        limits.maxTotalBytes = 30; // three items of 10 bytes (key 1 + value 9)
        CacheStore store(clock, {"pizza", "menu"}, limits, &bus);
        QVERIFY(ok(store.set("pizza", "a", val("123456789"), 60000, "w1")));
        QVERIFY(ok(store.set("menu", "b", val("123456789"), 60000)));
        QVERIFY(ok(store.set("pizza", "c", val("123456789"), 60000)));
        QCOMPARE(store.totalBytes(), std::size_t(30));
        QCOMPARE(hitValue(store.get("pizza", "a")),
                 std::string("123456789")); // a is now the most recently used; b the least
        QVERIFY(ok(store.set("pizza", "d", val("123456789"), 60000)));
        QVERIFY(isMiss(store.get("menu", "b")));
        QCOMPARE(hitValue(store.get("pizza", "a")), std::string("123456789"));
        QCOMPARE(store.totalBytes(), std::size_t(30));
        QCOMPARE(store.counters().evicted, std::uint64_t(1));
        const auto evict =
            std::find_if(seen.begin(), seen.end(), [](const CacheEvent &e) { return e.kind == Kind::Evict; });
        QVERIFY(evict != seen.end());
        QCOMPARE(evict->cache, std::string("menu"));
        QCOMPARE(evict->key, std::string("b"));
        QCOMPARE(evict->size, std::size_t(10));
        // Overwriting a key replaces its bytes; a key larger than the cap evicts all the others but is kept.
        QVERIFY(ok(store.set("pizza", "a", val("12"), 60000)));
        QCOMPARE(store.totalBytes(), std::size_t(23));
        QVERIFY(ok(store.set("pizza", "big", std::make_shared<const std::string>(40, 'x'), 60000)));
        QCOMPARE(store.keys("pizza").size(), std::size_t(1));
        QCOMPARE(store.totalBytes(), std::size_t(43));
        // Deletes, flushes, expiry and dropped caches give their bytes back.
        QVERIFY(ok(store.flushCache("pizza")));
        QCOMPARE(store.totalBytes(), std::size_t(0));
        QVERIFY(ok(store.set("menu", "x", val("1"), 1000)));
        QVERIFY(ok(store.set("menu", "y", val("1"), 5000)));
        QVERIFY(ok(store.remove("menu", "y")));
        clock.advance(1000);
        store.expireDue();
        QCOMPARE(store.totalBytes(), std::size_t(0));
        QVERIFY(ok(store.set("menu", "z", val("1"), 1000)));
        QVERIFY(ok(store.deleteCache("menu")));
        QCOMPARE(store.totalBytes(), std::size_t(0));
    }

    void getReturnsTheStoredBuffer()
    {
        TestClock clock;
        CacheStore store(clock);
        auto value = val("{\"id\":1}");
        QVERIFY(ok(store.set("pizza", "order#1", value, 60000)));
        auto r = store.get("pizza", "order#1");
        QVERIFY(std::holds_alternative<momento::Hit>(r));
        QCOMPARE(std::get<momento::Hit>(r).value.get(), value.get()); // the same buffer, not a copy
        QVERIFY(isMiss(store.get("pizza", "order#2")));
        QVERIFY(ok(store.set("pizza", "order#1", val("new"), 60000)));
        QCOMPARE(hitValue(store.get("pizza", "order#1")), std::string("new"));
        QCOMPARE(*value, std::string("{\"id\":1}")); // a reader's buffer never changes under it
    }

    void unknownCacheOnEveryOperation()
    {
        TestClock clock;
        CacheStore store(clock);
        const std::string c = "nope";
        QVERIFY(hasCode(store.get(c, "k"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.set(c, "k", val("v"), 1000), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.remove(c, "k"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.setIf(c, "k", val("v"), {CacheStore::SetIfCondition::Kind::Absent, {}}, 1000),
                        ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.keysExist(c, {"k"}), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.increment(c, "k", 1, 1000), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.itemGetTtl(c, "k"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.updateTtl(c, "k", CacheStore::TtlUpdate::OverwriteTo, 1000), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.peek(c, "k"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.flushCache(c), ErrorCode::CacheNotFound));
        QVERIFY(store.keys(c).empty());
        auto e = errorOf(store.get(c, "k"));
        QVERIFY(e->message.find("nope") != std::string::npos);
    }

    void invalidArguments_data()
    {
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("cache");
        QTest::addColumn<QString>("key");
        QTest::addColumn<qulonglong>("ttl");
        QTest::addColumn<QString>("mentions");
        const qulonglong day = 24ULL * 60 * 60 * 1000;
        for (int op = 0; op < 4; ++op) {
            const QByteArray name = QByteArray("op") + QByteArray::number(op);
            QTest::newRow(name + " empty cache") << op << ""
                                                 << "k" << 1000ULL << "cache name";
            QTest::newRow(name + " empty key") << op << "pizza"
                                               << "" << 1000ULL << "key";
            QTest::newRow(name + " ttl 0") << op << "pizza"
                                           << "k" << 0ULL << "ttl";
            QTest::newRow(name + " ttl over 24 h") << op << "pizza"
                                                   << "k" << (day + 1) << "ttl";
        }
    }
    void invalidArguments()
    {
        QFETCH(int, op);
        QFETCH(QString, cache);
        QFETCH(QString, key);
        QFETCH(qulonglong, ttl);
        QFETCH(QString, mentions);
        TestClock clock;
        CacheStore store(clock);
        const std::string c = cache.toStdString(), k = key.toStdString();
        std::optional<momento::Error> e;
        switch (op) {
        case 0:
            e = errorOf(store.set(c, k, val("v"), ttl));
            break;
        case 1:
            e = errorOf(store.setIf(c, k, val("v"), {CacheStore::SetIfCondition::Kind::Absent, {}}, ttl));
            break;
        case 2:
            e = errorOf(store.increment(c, k, 1, ttl));
            break;
        case 3:
            e = errorOf(store.updateTtl(c, k, CacheStore::TtlUpdate::OverwriteTo, ttl));
            break;
        }
        QVERIFY(e);
        QCOMPARE(e->code, ErrorCode::InvalidArgument);
        QVERIFY2(e->message.find(mentions.toStdString()) != std::string::npos, e->message.c_str());
        QCOMPARE(store.counters().sets, std::uint64_t(0));
    }

    void cacheNamesFollowMomentosRule()
    {
        QCOMPARE(CacheStore::cacheNameError(""), std::optional<std::string>("cache name must not be empty or only "
                                                                            "whitespace"));
        QVERIFY(CacheStore::cacheNameError(" \t\n"));
        QVERIFY(!CacheStore::cacheNameError("pizza"));
        QVERIFY(!CacheStore::cacheNameError(" a "));
        TestClock clock;
        CacheStore store(clock);
        const auto e = errorOf(store.get(" ", "k"));
        QVERIFY(e && e->code == ErrorCode::InvalidArgument);
    }

    void otherInvalidArguments()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(hasCode(store.set("pizza", "k", nullptr, 1000), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.get("pizza", ""), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.get("", "k"), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.remove("pizza", ""), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.itemGetTtl("pizza", ""), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.keysExist("", {"k"}), ErrorCode::InvalidArgument));
        QVERIFY(hasCode(store.deleteCache(""), ErrorCode::InvalidArgument));
        // Arguments are checked before the cache.
        QVERIFY(hasCode(store.set("nope", "k", val("v"), 0), ErrorCode::InvalidArgument));
        // Exactly 24 h is allowed.
        QVERIFY(ok(store.set("pizza", "k", val("v"), 24ULL * 60 * 60 * 1000)));
    }

    void removeKeys()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "k", val("v"), 1000)));
        QVERIFY(ok(store.remove("pizza", "k")));
        QVERIFY(isMiss(store.get("pizza", "k")));
        QVERIFY(ok(store.remove("pizza", "k"))); // absent: still a success
        QCOMPARE(store.counters().deletes, std::uint64_t(2));
        QCOMPARE(store.nextExpiryMs(), TimeMs(-1));
    }

    void setIf_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("current"); // "<absent>" or the stored value
        QTest::addColumn<QString>("compare");
        QTest::addColumn<bool>("stored");
        using K = CacheStore::SetIfCondition::Kind;
        const QString absent = "<absent>";
        auto row = [](const char *name, K kind, const QString &current, const char *compare, bool stored) {
            QTest::newRow(name) << int(kind) << current << QString(compare) << stored;
        };
        row("present, present", K::Present, "a", "", true);
        row("present, absent", K::Present, absent, "", false);
        row("presentAndNotEqual, other", K::PresentAndNotEqual, "a", "b", true);
        row("presentAndNotEqual, equal", K::PresentAndNotEqual, "a", "a", false);
        row("presentAndNotEqual, absent", K::PresentAndNotEqual, absent, "a", false);
        row("absent, absent", K::Absent, absent, "", true);
        row("absent, present", K::Absent, "a", "", false);
        row("equal, equal", K::Equal, "a", "a", true);
        row("equal, other", K::Equal, "a", "b", false);
        row("equal, absent", K::Equal, absent, "a", false);
        row("absentOrEqual, absent", K::AbsentOrEqual, absent, "a", true);
        row("absentOrEqual, equal", K::AbsentOrEqual, "a", "a", true);
        row("absentOrEqual, other", K::AbsentOrEqual, "a", "b", false);
        row("notEqual, other", K::NotEqual, "a", "b", true);
        row("notEqual, absent", K::NotEqual, absent, "b", true);
        row("notEqual, equal", K::NotEqual, "a", "a", false);
    }
    void setIf()
    {
        QFETCH(int, kind);
        QFETCH(QString, current);
        QFETCH(QString, compare);
        QFETCH(bool, stored);
        TestClock clock;
        CacheStore store(clock);
        const bool present = current != "<absent>";
        if (present)
            QVERIFY(ok(store.set("pizza", "k", val(current.toStdString()), 1000)));
        auto r = store.setIf("pizza", "k", val("new"), {CacheStore::SetIfCondition::Kind(kind), compare.toStdString()},
                             5000, "w");
        QVERIFY(std::holds_alternative<CacheStore::SetIfResult>(r));
        QCOMPARE(std::get<CacheStore::SetIfResult>(r),
                 stored ? CacheStore::SetIfResult::Stored : CacheStore::SetIfResult::NotStored);
        if (stored)
            QCOMPARE(hitValue(store.get("pizza", "k")), std::string("new"));
        else if (present)
            QCOMPARE(hitValue(store.get("pizza", "k")), current.toStdString());
        else
            QVERIFY(isMiss(store.get("pizza", "k")));
    }

    void setIfTreatsExpiredAsAbsent()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "k", val("a"), 100)));
        clock.advance(100);
        auto r = store.setIf("pizza", "k", val("b"), {CacheStore::SetIfCondition::Kind::Absent, {}}, 100);
        QCOMPARE(std::get<CacheStore::SetIfResult>(r), CacheStore::SetIfResult::Stored);
    }

    void keysExist()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "a", val("1"), 1000)));
        QVERIFY(ok(store.set("pizza", "short", val("1"), 10)));
        clock.advance(10);
        auto r = store.keysExist("pizza", {"b", "a", "short", "a"});
        QCOMPARE(std::get<std::vector<bool>>(r), (std::vector<bool>{false, true, false, true}));
        QVERIFY(std::get<std::vector<bool>>(store.keysExist("pizza", {})).empty());
        QCOMPARE(store.counters().gets, std::uint64_t(0));
    }

    void increment()
    {
        TestClock clock;
        CacheStore store(clock);
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "n", 5, 1000)), std::int64_t(5));
        QCOMPARE(hitValue(store.get("pizza", "n")), std::string("5"));
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "n", -12, 1000)), std::int64_t(-7));
        QCOMPARE(hitValue(store.get("pizza", "n")), std::string("-7"));
        QVERIFY(ok(store.set("pizza", "n", val("40"), 1000)));
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "n", 2, 1000)), std::int64_t(42));
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "n", 0, 1000)), std::int64_t(42));
        // The TTL is that of the last write.
        clock.advance(500);
        QVERIFY(ok(store.set("pizza", "m", val("1"), 100)));
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "m", 1, 3000)), std::int64_t(2));
        QCOMPARE(std::get<CacheStore::TtlFound>(store.itemGetTtl("pizza", "m")).remainingMs, std::uint64_t(3000));
        // An expired value counts as missing.
        clock.advance(3000);
        QCOMPARE(std::get<std::int64_t>(store.increment("pizza", "m", 1, 3000)), std::int64_t(1));
    }

    void incrementErrors_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<qlonglong>("amount");
        QTest::newRow("text") << "abc" << 1LL;
        QTest::newRow("empty") << "" << 1LL;
        QTest::newRow("decimal") << "1.5" << 1LL;
        QTest::newRow("leading space") << " 5" << 1LL;
        QTest::newRow("trailing text") << "5x" << 1LL;
        QTest::newRow("plus sign") << "+5" << 1LL;
        QTest::newRow("too big for int64") << "9223372036854775808" << 1LL;
        QTest::newRow("overflow") << "9223372036854775807" << 1LL;
        QTest::newRow("underflow") << "-9223372036854775808" << -1LL;
    }
    void incrementErrors()
    {
        QFETCH(QString, stored);
        QFETCH(qlonglong, amount);
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "n", val(stored.toStdString()), 1000)));
        auto r = store.increment("pizza", "n", amount, 1000);
        QVERIFY(hasCode(r, ErrorCode::FailedPrecondition));
        QCOMPARE(hitValue(store.get("pizza", "n")), stored.toStdString()); // unchanged
    }

    void itemGetTtl()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(std::holds_alternative<CacheStore::TtlMissing>(store.itemGetTtl("pizza", "k")));
        QVERIFY(ok(store.set("pizza", "k", val("v"), 1000)));
        QCOMPARE(std::get<CacheStore::TtlFound>(store.itemGetTtl("pizza", "k")).remainingMs, std::uint64_t(1000));
        clock.advance(999);
        QCOMPARE(std::get<CacheStore::TtlFound>(store.itemGetTtl("pizza", "k")).remainingMs, std::uint64_t(1));
        clock.advance(1);
        QVERIFY(std::holds_alternative<CacheStore::TtlMissing>(store.itemGetTtl("pizza", "k")));
    }

    void updateTtl_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<qulonglong>("ttl");
        QTest::addColumn<int>("result");
        QTest::addColumn<qlonglong>("expiresAfter"); // remaining ms afterwards
        using M = CacheStore::TtlUpdate;
        using R = CacheStore::UpdateTtlResult;
        // The key has 1000 ms left.
        QTest::newRow("increase, longer") << int(M::IncreaseTo) << 5000ULL << int(R::Set) << 5000LL;
        QTest::newRow("increase, shorter") << int(M::IncreaseTo) << 500ULL << int(R::NotSet) << 1000LL;
        QTest::newRow("increase, same") << int(M::IncreaseTo) << 1000ULL << int(R::NotSet) << 1000LL;
        QTest::newRow("decrease, shorter") << int(M::DecreaseTo) << 500ULL << int(R::Set) << 500LL;
        QTest::newRow("decrease, longer") << int(M::DecreaseTo) << 5000ULL << int(R::NotSet) << 1000LL;
        QTest::newRow("decrease, same") << int(M::DecreaseTo) << 1000ULL << int(R::NotSet) << 1000LL;
        QTest::newRow("overwrite, longer") << int(M::OverwriteTo) << 5000ULL << int(R::Set) << 5000LL;
        QTest::newRow("overwrite, shorter") << int(M::OverwriteTo) << 10ULL << int(R::Set) << 10LL;
    }
    void updateTtl()
    {
        QFETCH(int, mode);
        QFETCH(qulonglong, ttl);
        QFETCH(int, result);
        QFETCH(qlonglong, expiresAfter);
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "k", val("v"), 1000)));
        auto r = store.updateTtl("pizza", "k", CacheStore::TtlUpdate(mode), ttl);
        QCOMPARE(int(std::get<CacheStore::UpdateTtlResult>(r)), result);
        QCOMPARE(std::get<CacheStore::TtlFound>(store.itemGetTtl("pizza", "k")).remainingMs,
                 std::uint64_t(expiresAfter));
        QCOMPARE(store.nextExpiryMs(), TimeMs(T0 + expiresAfter));
        QCOMPARE(hitValue(store.get("pizza", "k")), std::string("v"));
    }

    void updateTtlMissing()
    {
        TestClock clock;
        CacheStore store(clock);
        using R = CacheStore::UpdateTtlResult;
        auto r = store.updateTtl("pizza", "k", CacheStore::TtlUpdate::OverwriteTo, 1000);
        QCOMPARE(std::get<R>(r), R::Missing);
        QVERIFY(ok(store.set("pizza", "k", val("v"), 100)));
        clock.advance(100);
        r = store.updateTtl("pizza", "k", CacheStore::TtlUpdate::IncreaseTo, 1000);
        QCOMPARE(std::get<R>(r), R::Missing); // expired: too late to extend
    }
};

QTEST_GUILESS_MAIN(TstCacheStore)
#include "tst_cache_store.moc"
