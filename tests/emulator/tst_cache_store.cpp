// CacheStore: the emulated Momento cache (operations, errors, TTL, limits, events, threads).
#ifndef Q_MOC_RUN
#include "cache_store.h"
#include "clock.h"
#endif

#include <QtTest>

#include <atomic>
#include <thread>

using namespace orderlab;
using momento::ErrorCode;

namespace {

/// A clock the test moves by hand.
class TestClock final : public Clock
{
  public:
    TimeMs now() const override { return m_now.load(); }
    void set(TimeMs t) { m_now = t; }
    void advance(TimeMs d) { m_now += d; }

  private:
    std::atomic<TimeMs> m_now{kDefaultStartTime};
};

const TimeMs T0 = kDefaultStartTime;

momento::CacheValue val(const std::string &s)
{
    return momento::makeValue(s);
}

template <typename V> std::optional<momento::Error> errorOf(const V &response)
{
    if (auto *e = std::get_if<momento::Error>(&response))
        return *e;
    return std::nullopt;
}
std::optional<momento::Error> errorOf(const momento::Status &status)
{
    return status;
}

template <typename V> bool hasCode(const V &response, ErrorCode code)
{
    auto e = errorOf(response);
    return e && e->code == code;
}

bool ok(const momento::Status &status)
{
    return !status.has_value();
}

std::string hitValue(const momento::GetResponse &r)
{
    auto *hit = std::get_if<momento::Hit>(&r);
    return hit ? *hit->value : std::string("<not a hit>");
}

bool isMiss(const momento::GetResponse &r)
{
    return std::holds_alternative<momento::Miss>(r);
}

using Kind = CacheEvent::Kind;

} // namespace

class TstCacheStore : public QObject
{
    Q_OBJECT
  private slots:
    void defaultAndConfiguredCaches()
    {
        TestClock clock;
        CacheStore byDefault(clock);
        QCOMPARE(byDefault.listCaches(), std::vector<std::string>{"pizza"});
        CacheStore configured(clock, {"b", "", "a"});
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
        QCOMPARE(store.listCaches(), (std::vector<std::string>{"menu", "pizza"}));
        QVERIFY(ok(store.set("menu", "k", val("v"), 1000)));
        QVERIFY(ok(store.deleteCache("menu")));
        QVERIFY(hasCode(store.deleteCache("menu"), ErrorCode::CacheNotFound));
        QVERIFY(hasCode(store.get("menu", "k"), ErrorCode::CacheNotFound));
        QCOMPARE(store.nextExpiryMs(), TimeMs(-1)); // the deleted cache's keys left the expiry index
        QVERIFY(ok(store.createCache("menu")));
        QVERIFY(isMiss(store.get("menu", "k"))); // a new cache starts empty
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
        CacheStore store(clock);
        std::vector<CacheEvent> events;
        store.addListener([&](const CacheEvent &e) { events.push_back(e); });
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

    void listenerEvents()
    {
        TestClock clock;
        CacheStore store(clock);
        std::vector<CacheEvent> events;
        const auto id = store.addListener([&](const CacheEvent &e) {
            events.push_back(e);
            store.keys(e.cache); // listeners run unlocked: calling back in must not deadlock
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

        store.removeListener(id);
        store.removeListener(id + 100); // unknown: ignored
        QVERIFY(ok(store.set("pizza", "k", val("v"), 100)));
        QCOMPARE(events.size(), kinds.size());
    }

    void listenerMayRemoveItself()
    {
        TestClock clock;
        CacheStore store(clock);
        int calls = 0;
        CacheStore::ListenerId id = 0;
        id = store.addListener([&](const CacheEvent &) {
            ++calls;
            store.removeListener(id);
        });
        int others = 0;
        store.addListener([&](const CacheEvent &) { ++others; });
        QVERIFY(ok(store.set("pizza", "a", val("v"), 100)));
        QVERIFY(ok(store.set("pizza", "b", val("v"), 100)));
        QCOMPARE(calls, 1);
        QCOMPARE(others, 2);
    }

    void concurrencySmoke()
    {
        TestClock clock;
        CacheStore store(clock, {"pizza", "menu"});
        std::atomic<std::uint64_t> seen{0};
        const auto watcher = store.addListener([&](const CacheEvent &) { ++seen; });
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
                        const auto id = store.addListener([](const CacheEvent &e) { (void)e.key.size(); });
                        (void)store.keysExist(cache, {key, "k1"});
                        store.removeListener(id);
                        break;
                    }
                    }
                }
            });
        for (auto &th : threads)
            th.join();
        store.removeListener(watcher);
        // Every increment landed exactly once (the counter's TTL is 24 h).
        QCOMPARE(hitValue(store.get("pizza", "counter")), std::to_string(kThreads * kRounds / 8));
        QVERIFY(seen.load() > 0);
    }
};

QTEST_GUILESS_MAIN(TstCacheStore)
#include "tst_cache_store.moc"
