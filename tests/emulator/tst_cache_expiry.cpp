// CacheStore: TTL and expiry, limits, introspection, listener events and threads.
#ifndef Q_MOC_RUN
#include "events/event_bus.h"
#include "store_test_support.h"
#endif

#include <QtTest>

#include <atomic>
#include <thread>

using namespace orderlab;
using namespace orderlab::testing;
using momento::ErrorCode;
using Kind = CacheEvent::Kind;

class TstCacheExpiry : public QObject
{
    Q_OBJECT
  private slots:
    void expiryAtTheBoundary()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "k", val("v"), 1000)));
        clock.set(T0 + 999);
        QCOMPARE(hitValue(store.get("pizza", "k")), std::string("v"));
        QCOMPARE(store.keys("pizza").size(), std::size_t(1));
        QVERIFY(store.expireDue().empty());
        clock.set(T0 + 1000);
        QVERIFY(isMiss(store.get("pizza", "k"))); // lazily, at once
        QVERIFY(isMiss(store.peek("pizza", "k")));
        QVERIFY(store.keys("pizza").empty());
        QCOMPARE(std::get<std::vector<bool>>(store.keysExist("pizza", {"k"})), std::vector<bool>{false});
        QCOMPARE(store.counters().expired, std::uint64_t(0)); // not removed yet
        auto expired = store.expireDue();
        QCOMPARE(expired.size(), std::size_t(1));
        QCOMPARE(expired[0].kind, Kind::Expire);
        QCOMPARE(expired[0].key, std::string("k"));
        QCOMPARE(expired[0].expiresAtMs, T0 + 1000);
        QCOMPARE(store.counters().expired, std::uint64_t(1));
        QVERIFY(store.expireDue().empty());
    }

    void expireDueReportsInExpiryOrder()
    {
        TestClock clock;
        CacheStore store(clock, {"pizza", "menu"});
        QVERIFY(ok(store.set("pizza", "late", val("1"), 300, "w1")));
        QVERIFY(ok(store.set("menu", "early", val("22"), 100, "w2")));
        QVERIFY(ok(store.set("pizza", "mid", val("333"), 200, "w3")));
        QVERIFY(ok(store.set("pizza", "never", val("4"), 100000)));
        QCOMPARE(store.nextExpiryMs(), T0 + 100);
        clock.advance(250);
        auto expired = store.expireDue();
        QCOMPARE(expired.size(), std::size_t(2));
        QCOMPARE(expired[0].cache, std::string("menu"));
        QCOMPARE(expired[0].key, std::string("early"));
        QCOMPARE(expired[0].writer, std::string("w2"));
        QCOMPARE(expired[0].size, std::size_t(5 + 2));
        QCOMPARE(expired[0].timeMs, T0 + 250);
        QCOMPARE(expired[1].key, std::string("mid"));
        QCOMPARE(store.nextExpiryMs(), T0 + 300);
        QCOMPARE(store.keys("pizza").size(), std::size_t(2));
        clock.advance(1000000);
        QCOMPARE(store.expireDue().size(), std::size_t(2));
        QCOMPARE(store.nextExpiryMs(), TimeMs(-1));
        QCOMPARE(store.counters().expired, std::uint64_t(4));
    }

    void writingAnExpiredKeyReportsTheExpiry()
    {
        TestClock clock;
        EventBus bus(clock);
        CacheStore store(clock, {"pizza"}, &bus);
        std::vector<CacheEvent> events;
        auto sub = bus.subscribe([&](const Event &e) {
            if (const auto *c = e.as<CacheChangedEvent>())
                events.push_back(c->change);
        });
        QVERIFY(ok(store.set("pizza", "k", val("v"), 100, "first")));
        clock.advance(150);
        QVERIFY(ok(store.set("pizza", "k", val("w"), 100, "second")));
        QCOMPARE(events.size(), std::size_t(3));
        QCOMPARE(events[1].kind, Kind::Expire);
        QCOMPARE(events[1].writer, std::string("first"));
        QCOMPARE(events[1].expiresAtMs, T0 + 100);
        QCOMPARE(events[2].kind, Kind::Set);
        QVERIFY(store.expireDue().empty()); // nothing left to expire
        clock.advance(100);
        QVERIFY(ok(store.remove("pizza", "k"))); // expired, then removed: an Expire, not a Delete
        QCOMPARE(events.back().kind, Kind::Expire);
        QCOMPARE(store.counters().expired, std::uint64_t(2));
    }

    void itemSizeLimit()
    {
        TestClock clock;
        CacheStore store(clock);
        const std::size_t fiveMb = 5 * 1024 * 1024;
        const std::string key = "big";
        QVERIFY(ok(store.set("pizza", key, val(std::string(fiveMb - key.size(), 'x')), 1000)));
        auto e = errorOf(store.set("pizza", key, val(std::string(fiveMb - key.size() + 1, 'x')), 1000));
        QVERIFY(e);
        QCOMPARE(e->code, ErrorCode::LimitExceeded);
        QVERIFY2(e->message.rfind("item_size_limit_exceeded: ", 0) == 0, e->message.c_str());
        // The key counts too.
        const std::string longKey(100, 'k');
        QVERIFY(
            hasCode(store.set("pizza", longKey, val(std::string(fiveMb - 99, 'x')), 1000), ErrorCode::LimitExceeded));
        QVERIFY(hasCode(store.setIf("pizza", longKey, val(std::string(fiveMb, 'x')),
                                    {CacheStore::SetIfCondition::Kind::Absent, {}}, 1000),
                        ErrorCode::LimitExceeded));
        QCOMPARE(store.keys("pizza").size(), std::size_t(1));
        // Configurable.
        store.setLimits({10, 1000});
        QVERIFY(ok(store.set("pizza", "abc", val("1234567"), 1000)));
        QVERIFY(hasCode(store.set("pizza", "abc", val("12345678"), 1000), ErrorCode::LimitExceeded));
        QVERIFY(hasCode(store.increment("pizza", "counter-key", 1, 1000), ErrorCode::LimitExceeded));
        QVERIFY(hasCode(store.set("pizza", "abc", val("1"), 1001), ErrorCode::InvalidArgument));
        QCOMPARE(store.limits().maxItemBytes, std::size_t(10));
    }

    void keysAndPeek()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "b", val("12345"), 1000, "handler invocation 12")));
        clock.advance(7);
        QVERIFY(ok(store.set("pizza", "a", val("1"), 50, "grpc conn 3 nodejs:cache:1.118.1")));
        auto keys = store.keys("pizza");
        QCOMPARE(keys.size(), std::size_t(2));
        QCOMPARE(keys[0].key, std::string("a"));
        QCOMPARE(keys[0].size, std::size_t(2));
        QCOMPARE(keys[0].lastWriteMs, T0 + 7);
        QCOMPARE(keys[0].expiresAtMs, T0 + 57);
        QCOMPARE(keys[0].writer, std::string("grpc conn 3 nodejs:cache:1.118.1"));
        QCOMPARE(keys[1].key, std::string("b"));
        QCOMPARE(keys[1].size, std::size_t(6));
        QCOMPARE(keys[1].writer, std::string("handler invocation 12"));
        QCOMPARE(hitValue(store.peek("pizza", "b")), std::string("12345"));
        QVERIFY(isMiss(store.peek("pizza", "zzz")));
        QCOMPARE(store.counters().gets, std::uint64_t(0)); // peeks are not reads
        // updateTtl keeps the write time and writer.
        QVERIFY(std::holds_alternative<CacheStore::UpdateTtlResult>(
            store.updateTtl("pizza", "b", CacheStore::TtlUpdate::OverwriteTo, 5000, "someone else")));
        keys = store.keys("pizza");
        QCOMPARE(keys[1].lastWriteMs, T0);
        QCOMPARE(keys[1].writer, std::string("handler invocation 12"));
        QCOMPARE(keys[1].expiresAtMs, T0 + 7 + 5000);
    }

    void counters()
    {
        TestClock clock;
        CacheStore store(clock);
        QVERIFY(ok(store.set("pizza", "k", val("1"), 100)));
        QVERIFY(std::holds_alternative<momento::Hit>(store.get("pizza", "k")));
        QVERIFY(isMiss(store.get("pizza", "x")));
        QVERIFY(std::holds_alternative<std::int64_t>(store.increment("pizza", "k", 1, 100)));
        QVERIFY(std::holds_alternative<CacheStore::SetIfResult>(
            store.setIf("pizza", "k", val("9"), {CacheStore::SetIfCondition::Kind::Absent, {}}, 100)));
        QVERIFY(ok(store.remove("pizza", "k")));
        QVERIFY(hasCode(store.get("nope", "k"), ErrorCode::CacheNotFound));
        const auto c = store.counters();
        QCOMPARE(c.gets, std::uint64_t(2));
        QCOMPARE(c.hits, std::uint64_t(1));
        QCOMPARE(c.misses, std::uint64_t(1));
        QCOMPARE(c.sets, std::uint64_t(2)); // set + increment; the setIf was not stored
        QCOMPARE(c.deletes, std::uint64_t(1));
        QCOMPARE(c.expired, std::uint64_t(0));
    }

    void busEvents()
    {
        TestClock clock;
        EventBus bus(clock);
        CacheStore store(clock, {"pizza"}, &bus);
        std::vector<CacheEvent> events;
        auto sub = bus.subscribe([&](const Event &e) {
            if (const auto *c = e.as<CacheChangedEvent>()) {
                events.push_back(c->change);
                store.keys(c->change.cache); // published unlocked: calling back in must not deadlock
            }
        });
        QVERIFY(ok(store.createCache("menu")));
        QVERIFY(ok(store.set("menu", "k", val("vv"), 100, "inv 1")));
        QVERIFY(std::holds_alternative<CacheStore::UpdateTtlResult>(
            store.updateTtl("menu", "k", CacheStore::TtlUpdate::IncreaseTo, 500, "inv 2")));
        QVERIFY(ok(store.remove("menu", "k", "inv 3")));
        QVERIFY(ok(store.remove("menu", "k", "inv 4"))); // nothing removed: no event
        QVERIFY(std::holds_alternative<std::int64_t>(store.increment("menu", "n", 3, 100, "inv 5")));
        QVERIFY(std::holds_alternative<CacheStore::SetIfResult>(
            store.setIf("menu", "n", val("x"), {CacheStore::SetIfCondition::Kind::Absent, {}}, 100, "inv 6")));
        QVERIFY(ok(store.flushCache("menu", "ui")));
        QVERIFY(ok(store.set("menu", "e", val("1"), 10)));
        clock.advance(10);
        QCOMPARE(store.expireDue().size(), std::size_t(1));
        QVERIFY(ok(store.deleteCache("menu")));
        QVERIFY(hasCode(store.set("menu", "k", val("v"), 100), ErrorCode::CacheNotFound)); // errors: no event

        const std::vector<Kind> kinds{Kind::CacheCreated, Kind::Set, Kind::TtlUpdated, Kind::Delete,      Kind::Set,
                                      Kind::Flush,        Kind::Set, Kind::Expire,     Kind::CacheDeleted};
        QCOMPARE(events.size(), kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            QCOMPARE(events[i].kind, kinds[i]);
            QCOMPARE(events[i].cache, std::string("menu"));
            if (i > 0)
                QVERIFY(events[i].sequence > events[i - 1].sequence);
        }
        QCOMPARE(events[1].key, std::string("k"));
        QCOMPARE(events[1].size, std::size_t(3));
        QCOMPARE(events[1].writer, std::string("inv 1"));
        QCOMPARE(events[1].timeMs, T0);
        QCOMPARE(events[1].expiresAtMs, T0 + 100);
        QCOMPARE(events[2].expiresAtMs, T0 + 500);
        QCOMPARE(events[2].writer, std::string("inv 2"));
        QCOMPARE(events[3].writer, std::string("inv 3"));
        QCOMPARE(events[4].key, std::string("n"));
        QCOMPARE(events[4].writer, std::string("inv 5"));
        QCOMPARE(events[5].size, std::size_t(1)); // keys flushed
        QCOMPARE(events[5].writer, std::string("ui"));
        QCOMPARE(events[7].timeMs, T0 + 10);

        sub.reset();
        sub.reset(); // twice: nothing
        QVERIFY(ok(store.set("pizza", "k", val("v"), 100)));
        QCOMPARE(events.size(), kinds.size());
    }

    void subscriberMayEndItsOwnSubscription()
    {
        TestClock clock;
        EventBus bus(clock);
        CacheStore store(clock, {"pizza"}, &bus);
        int calls = 0;
        EventBus::Subscription self;
        self = bus.subscribe([&](const Event &) {
            ++calls;
            self.reset();
        });
        int others = 0;
        auto other = bus.subscribe([&](const Event &) { ++others; });
        QVERIFY(ok(store.set("pizza", "a", val("v"), 100)));
        QVERIFY(ok(store.set("pizza", "b", val("v"), 100)));
        QCOMPARE(calls, 1);
        QCOMPARE(others, 2);
    }

    void concurrencySmoke()
    {
        TestClock clock;
        EventBus bus(clock);
        CacheStore store(clock, {"pizza", "menu"}, &bus);
        std::atomic<std::uint64_t> seen{0};
        auto watcher = bus.subscribe([&](const Event &) { ++seen; });
        constexpr int kThreads = 8;
        constexpr int kRounds = 2000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                const std::string cache = t % 2 ? "pizza" : "menu";
                for (int i = 0; i < kRounds; ++i) {
                    const std::string key = "k" + std::to_string(i % 17);
                    switch (i % 8) {
                    case 0:
                        (void)store.set(cache, key, val(std::string(std::size_t(i % 64), 'x')), 1 + i % 50);
                        break;
                    case 1:
                        (void)store.get(cache, key);
                        break;
                    case 2:
                        (void)store.increment("pizza", "counter", 1, 86400000);
                        break;
                    case 3:
                        (void)store.remove(cache, key);
                        break;
                    case 4:
                        (void)store.setIf(cache, key, val("y"), {CacheStore::SetIfCondition::Kind::Absent, {}}, 20);
                        break;
                    case 5:
                        clock.advance(1);
                        (void)store.expireDue();
                        break;
                    case 6:
                        (void)store.keys(cache);
                        (void)store.updateTtl(cache, key, CacheStore::TtlUpdate::IncreaseTo, 40);
                        break;
                    case 7: {
                        auto passing = bus.subscribe([](const Event &e) { (void)e.kindName(); });
                        (void)store.keysExist(cache, {key, "k1"});
                        passing.reset();
                        break;
                    }
                    }
                }
            });
        for (auto &th : threads)
            th.join();
        watcher.reset();
        // Every increment landed exactly once (the counter's TTL is 24 h).
        QCOMPARE(hitValue(store.get("pizza", "counter")), std::to_string(kThreads * kRounds / 8));
        QVERIFY(seen.load() > 0);
    }
};

QTEST_GUILESS_MAIN(TstCacheExpiry)
#include "tst_cache_expiry.moc"
