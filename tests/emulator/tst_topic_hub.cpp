// TopicHub: Momento topics (sequence numbers, pages, resume, discontinuities, limits, threads).
#ifndef Q_MOC_RUN
#include "cache_store.h"
#include "clock.h"
#include "events/event_bus.h"
#include "store_test_support.h"
#include "topic_hub.h"
#endif

#include <QtTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

using namespace orderlab;
using momento::ErrorCode;
using orderlab::testing::TestClock;

namespace {

/// Collects what a subscription receives.
struct Inbox
{
    std::vector<SubscriptionItem> items;
    TopicHub::Callback callback()
    {
        return [this](const SubscriptionItem &item) { items.push_back(item); };
    }
    std::vector<std::uint64_t> sequences() const
    {
        std::vector<std::uint64_t> out;
        for (const auto &i : items)
            if (auto *t = std::get_if<TopicItem>(&i))
                out.push_back(t->sequenceNumber);
        return out;
    }
    const TopicItem &item(std::size_t i) const { return std::get<TopicItem>(items.at(i)); }
};

TopicHub::SubscriptionId idOf(const TopicHub::SubscribeResponse &r)
{
    if (auto *e = std::get_if<momento::Error>(&r))
        qFatal("subscribe failed: %s", e->toString().c_str());
    return std::get<TopicHub::SubscriptionId>(r);
}

void publishN(TopicHub &hub, int n, const std::string &topic = "orders")
{
    for (int i = 0; i < n; ++i)
        QVERIFY(!hub.publish("pizza", topic, TopicValue::text("m" + std::to_string(i))));
}

std::vector<std::uint64_t> range(std::uint64_t from, std::uint64_t to) // [from, to]
{
    std::vector<std::uint64_t> out;
    for (auto s = from; s <= to; ++s)
        out.push_back(s);
    return out;
}

TopicHub::Options options(std::size_t keep, std::uint64_t seed = 1)
{
    TopicHub::Options o;
    o.keep = keep;
    o.seed = seed;
    return o;
}

} // namespace

class TstTopicHub : public QObject
{
    Q_OBJECT
  private slots:
    void idleTopicsAreBoundedLeastRecentlyUsedFirst()
    {
        // Issue 13: one publish to each of 50,000 topics with no subscribers was kept for ever.
        TestClock clock;
        TopicHub::Options o = options(100);
        o.maxTopics = 10;
        TopicHub hub(clock, {}, o);
        Inbox inbox;
        idOf(hub.subscribe("pizza", "watched", 0, 0, inbox.callback()));
        for (int i = 0; i < 5000; ++i)
            QVERIFY(!hub.publish("pizza", "t" + std::to_string(i), TopicValue::text("x")));
        auto all = hub.topics();
        QCOMPARE(all.size(), std::size_t(10));
        QCOMPARE(all.back().topic, std::string("watched")); // has a subscriber: never forgotten
        QCOMPARE(all.front().topic, std::string("t4991"));  // the 9 most recent idle ones stay
        // A forgotten topic starts again at 1.
        QVERIFY(!hub.publish("pizza", "t0", TopicValue::text("again")));
        for (const auto &t : hub.topics())
            if (t.topic == "t0")
                QCOMPARE(t.lastSequence, std::uint64_t(1));
        publishN(hub, 1, "watched");
        QCOMPARE(inbox.sequences(), std::vector<std::uint64_t>{1});
    }

    void keptBytesAreBounded()
    {
        TestClock clock;
        TopicHub::Options o = options(100);
        o.maxKeptBytes = 10 * 4096;
        TopicHub hub(clock, {}, o);
        const std::string big(4096, 'b');
        for (int i = 0; i < 100; ++i)
            QVERIFY(!hub.publish("pizza", "t" + std::to_string(i), TopicValue::text(big)));
        std::size_t kept = 0;
        for (const auto &t : hub.topics())
            kept += t.kept;
        QVERIFY(kept <= 10);
        QVERIFY(hub.topics().size() <= 10);
        // A busy topic over the budget on its own pushes the idle ones out; it stays, bounded by `keep`.
        for (int i = 0; i < 300; ++i)
            QVERIFY(!hub.publish("pizza", "busy", TopicValue::text(big)));
        QCOMPARE(hub.topics().size(), std::size_t(1));
        QCOMPARE(hub.topics().front().kept, std::size_t(100));
    }

    void unknownCache()
    {
        TestClock clock;
        CacheStore caches(clock);
        TopicHub hub(clock, [&](const std::string &c) { return caches.hasCache(c); });
        Inbox inbox;
        auto p = hub.publish("nope", "t", TopicValue::text("x"));
        QVERIFY(p && p->code == ErrorCode::CacheNotFound);
        QVERIFY(p->message.find("nope") != std::string::npos);
        auto s = hub.subscribe("nope", "t", 0, 0, inbox.callback());
        QCOMPARE(std::get<momento::Error>(s).code, ErrorCode::CacheNotFound);
        QVERIFY(!hub.publish("pizza", "t", TopicValue::text("x")));
        QVERIFY(ok(caches.deleteCache("pizza")));
        QCOMPARE(hub.publish("pizza", "t", TopicValue::text("x"))->code, ErrorCode::CacheNotFound);
        QVERIFY(hub.subscribers().empty());
    }

    void invalidArguments()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox inbox;
        auto p = hub.publish("pizza", "", TopicValue::text("x"));
        QVERIFY(p && p->code == ErrorCode::InvalidArgument);
        QVERIFY(p->message.find("topic") != std::string::npos);
        p = hub.publish("", "t", TopicValue::text("x"));
        QVERIFY(p && p->code == ErrorCode::InvalidArgument);
        QVERIFY(p->message.find("cache") != std::string::npos);
        QCOMPARE(std::get<momento::Error>(hub.subscribe("pizza", "", 0, 0, inbox.callback())).code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(std::get<momento::Error>(hub.subscribe("pizza", "t", 0, 0, {})).code, ErrorCode::InvalidArgument);
        QVERIFY(hub.topics().empty());
    }

    void messageSizeLimit()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox inbox;
        idOf(hub.subscribe("pizza", "t", 0, 0, inbox.callback()));
        QVERIFY(!hub.publish("pizza", "t", TopicValue::text(std::string(4096, 'x'))));
        auto p = hub.publish("pizza", "t", TopicValue::binary(std::string(4097, 'x')));
        QVERIFY(p);
        QCOMPARE(p->code, ErrorCode::LimitExceeded);
        QVERIFY2(p->message.rfind("request_size_limit_exceeded: ", 0) == 0, p->message.c_str());
        QCOMPARE(inbox.sequences(), range(1, 1)); // the rejected message took no number
        TopicHub::Options small;
        small.maxMessageBytes = 3;
        TopicHub hub2(clock, {}, small);
        QVERIFY(!hub2.publish("pizza", "t", TopicValue::text("abc")));
        QVERIFY(hub2.publish("pizza", "t", TopicValue::text("abcd")));
    }

    void sequenceNumbersAndPages()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox a, b;
        idOf(hub.subscribe("pizza", "orders", 0, 0, a.callback()));
        idOf(hub.subscribe("pizza", "admin", 0, 0, b.callback()));
        publishN(hub, 3, "orders");
        publishN(hub, 2, "admin");
        QCOMPARE(a.sequences(), range(1, 3));
        QCOMPARE(b.sequences(), range(1, 2));
        const auto page = a.item(0).sequencePage;
        QVERIFY(page != 0);
        QCOMPARE(a.item(2).sequencePage, page);
        QVERIFY(b.item(0).sequencePage != page); // per topic

        // Seeded: the same seed gives the same pages, another seed others.
        TopicHub same(clock), other(clock, {}, options(100, 2));
        Inbox c, d;
        idOf(same.subscribe("pizza", "orders", 0, 0, c.callback()));
        idOf(other.subscribe("pizza", "orders", 0, 0, d.callback()));
        publishN(same, 1);
        publishN(other, 1);
        QCOMPARE(c.item(0).sequencePage, page);
        QVERIFY(d.item(0).sequencePage != page);
    }

    void itemFields()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox inbox;
        idOf(hub.subscribe("pizza", "t", 0, 0, inbox.callback()));
        QVERIFY(!hub.publish("pizza", "t", TopicValue::text("hello"), "grpc conn 2"));
        QVERIFY(!hub.publish("pizza", "t", TopicValue::binary(std::string("\0\1", 2)), "handler invocation 7"));
        QCOMPARE(inbox.items.size(), std::size_t(2));
        QCOMPARE(inbox.item(0).value, TopicValue::text("hello"));
        QCOMPARE(inbox.item(0).publisherId, std::string("grpc conn 2"));
        QCOMPARE(inbox.item(1).value.kind, TopicValue::Kind::Binary);
        QCOMPARE(inbox.item(1).value.data, std::string("\0\1", 2));
    }

    void fireAndForget()
    {
        TestClock clock;
        TopicHub hub(clock);
        publishN(hub, 2); // nobody listens
        Inbox late;
        idOf(hub.subscribe("pizza", "orders", 0, 0, late.callback()));
        QVERIFY(late.items.empty()); // resume 0: from now
        publishN(hub, 1);
        QCOMPARE(late.sequences(), range(3, 3));
    }

    void everySubscriberInOrder()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox a, b, other;
        idOf(hub.subscribe("pizza", "orders", 0, 0, a.callback()));
        idOf(hub.subscribe("pizza", "orders", 0, 0, b.callback()));
        idOf(hub.subscribe("pizza", "other", 0, 0, other.callback()));
        publishN(hub, 5);
        QCOMPARE(a.sequences(), range(1, 5));
        QCOMPARE(b.sequences(), range(1, 5));
        QVERIFY(other.items.empty());
    }

    void resumeReplays()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox first;
        idOf(hub.subscribe("pizza", "orders", 0, 0, first.callback()));
        publishN(hub, 5);
        const auto page = first.item(0).sequencePage;
        Inbox resumed;
        idOf(hub.subscribe("pizza", "orders", 3, page, resumed.callback()));
        QCOMPARE(resumed.sequences(), range(3, 5));     // replayed before subscribe returned
        QCOMPARE(resumed.items.size(), std::size_t(3)); // no discontinuity
        QCOMPARE(resumed.item(0).value, TopicValue::text("m2"));
        publishN(hub, 1);
        QCOMPARE(resumed.sequences(), range(3, 6));

        Inbox atNext; // resume at the next number: nothing missed, nothing replayed
        idOf(hub.subscribe("pizza", "orders", 7, page, atNext.callback()));
        QVERIFY(atNext.items.empty());
        Inbox unknownPage; // page 0: the client does not know it; no check
        idOf(hub.subscribe("pizza", "orders", 6, 0, unknownPage.callback()));
        QCOMPARE(unknownPage.sequences(), range(6, 6));
        QCOMPARE(unknownPage.items.size(), std::size_t(1));
        Inbox fresh; // resume on a topic nobody used yet
        idOf(hub.subscribe("pizza", "new", 1, 0, fresh.callback()));
        QVERIFY(fresh.items.empty());
    }

    void discontinuityWhenTooOld()
    {
        TestClock clock;
        TopicHub hub(clock, {}, options(3));
        publishN(hub, 6); // keeps 4, 5, 6
        QCOMPARE(hub.topics().at(0).kept, std::size_t(3));
        const auto page = hub.topics().at(0).sequencePage;
        Inbox inbox;
        idOf(hub.subscribe("pizza", "orders", 2, page, inbox.callback()));
        QCOMPARE(inbox.items.size(), std::size_t(4));
        const auto &d = std::get<TopicDiscontinuity>(inbox.items[0]);
        QCOMPARE(d.lastSequence, std::uint64_t(1));
        QCOMPARE(d.newSequence, std::uint64_t(4));
        QCOMPARE(d.newSequencePage, page);
        QCOMPARE(inbox.sequences(), range(4, 6));

        Inbox exact; // the oldest kept one: no gap
        idOf(hub.subscribe("pizza", "orders", 4, page, exact.callback()));
        QCOMPARE(exact.items.size(), std::size_t(3));
        QVERIFY(std::holds_alternative<TopicItem>(exact.items[0]));
    }

    void discontinuityOnAnotherPage()
    {
        TestClock clock;
        TopicHub hub(clock, {}, options(10));
        publishN(hub, 4);
        const auto page = hub.topics().at(0).sequencePage;
        Inbox inbox;
        idOf(hub.subscribe("pizza", "orders", 3, page + 1, inbox.callback()));
        const auto &d = std::get<TopicDiscontinuity>(inbox.items.at(0));
        QCOMPARE(d.lastSequence, std::uint64_t(2));
        QCOMPARE(d.newSequence, std::uint64_t(1));
        QCOMPARE(d.newSequencePage, page);
        QCOMPARE(inbox.sequences(), range(1, 4)); // everything kept, on the new page
    }

    void discontinuityFromTheFuture()
    {
        TestClock clock;
        TopicHub hub(clock);
        publishN(hub, 2);
        Inbox inbox; // e.g. a client from before the emulator restarted
        idOf(hub.subscribe("pizza", "orders", 50, 0, inbox.callback()));
        const auto &d = std::get<TopicDiscontinuity>(inbox.items.at(0));
        QCOMPARE(d.lastSequence, std::uint64_t(49));
        QCOMPARE(d.newSequence, std::uint64_t(1));
        QCOMPARE(inbox.sequences(), range(1, 2));
    }

    void discontinuityWhenNothingKept()
    {
        TestClock clock;
        TopicHub hub(clock, {}, options(0));
        publishN(hub, 3);
        Inbox inbox;
        idOf(hub.subscribe("pizza", "orders", 2, 0, inbox.callback()));
        QCOMPARE(inbox.items.size(), std::size_t(1));
        QCOMPARE(std::get<TopicDiscontinuity>(inbox.items[0]).newSequence, std::uint64_t(4));
    }

    void unsubscribe()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox a, b;
        const auto ida = idOf(hub.subscribe("pizza", "orders", 0, 0, a.callback()));
        idOf(hub.subscribe("pizza", "orders", 0, 0, b.callback()));
        publishN(hub, 1);
        hub.unsubscribe(ida);
        hub.unsubscribe(ida);    // twice: ignored
        hub.unsubscribe(123456); // unknown: ignored
        publishN(hub, 1);
        QCOMPARE(a.sequences(), range(1, 1));
        QCOMPARE(b.sequences(), range(1, 2));
        QCOMPARE(hub.topics().at(0).subscribers, std::size_t(1));
    }

    void unsubscribeFromInsideTheCallback()
    {
        TestClock clock;
        TopicHub hub(clock);
        int calls = 0;
        TopicHub::SubscriptionId id = 0;
        id = idOf(hub.subscribe("pizza", "orders", 0, 0, [&](const SubscriptionItem &) {
            ++calls;
            hub.unsubscribe(id);
        }));
        Inbox other;
        idOf(hub.subscribe("pizza", "orders", 0, 0, other.callback()));
        publishN(hub, 3);
        QCOMPARE(calls, 1);
        QCOMPARE(other.sequences(), range(1, 3));
    }

    void publishFromInsideTheCallback()
    {
        TestClock clock;
        TopicHub hub(clock);
        Inbox a, b;
        idOf(hub.subscribe("pizza", "orders", 0, 0, [&](const SubscriptionItem &item) {
            a.items.push_back(item);
            if (std::get<TopicItem>(item).sequenceNumber == 1) {
                QVERIFY(!hub.publish("pizza", "orders", TopicValue::text("echo"))); // queued, no deadlock
                Inbox nested;
                idOf(hub.subscribe("pizza", "orders", 0, 0, nested.callback()));
            }
        }));
        idOf(hub.subscribe("pizza", "orders", 0, 0, b.callback()));
        publishN(hub, 1);
        // b got 1 before 2 although 2 was published while 1 was being delivered.
        QCOMPARE(a.sequences(), range(1, 2));
        QCOMPARE(b.sequences(), range(1, 2));
    }

    void introspection()
    {
        TestClock clock;
        TopicHub hub(clock, {}, options(2));
        Inbox a, b;
        const auto ida = idOf(hub.subscribe("pizza", "orders", 0, 0, a.callback(), "grpc conn 4 nodejs:topic:1.118.1"));
        const auto idb = idOf(hub.subscribe("pizza", "admin", 0, 0, b.callback(), "ui"));
        publishN(hub, 3, "orders");
        const auto topics = hub.topics();
        QCOMPARE(topics.size(), std::size_t(2));
        QCOMPARE(topics[0].topic, std::string("admin")); // sorted
        QCOMPARE(topics[0].lastSequence, std::uint64_t(0));
        QCOMPARE(topics[0].subscribers, std::size_t(1));
        QCOMPARE(topics[1].cache, std::string("pizza"));
        QCOMPARE(topics[1].topic, std::string("orders"));
        QCOMPARE(topics[1].lastSequence, std::uint64_t(3));
        QCOMPARE(topics[1].published, std::uint64_t(3));
        QCOMPARE(topics[1].kept, std::size_t(2));
        QVERIFY(topics[1].sequencePage != 0);
        const auto subs = hub.subscribers();
        QCOMPARE(subs.size(), std::size_t(2));
        QCOMPARE(subs[0].id, ida);
        QCOMPARE(subs[0].description, std::string("grpc conn 4 nodejs:topic:1.118.1"));
        QCOMPARE(subs[0].topic, std::string("orders"));
        QCOMPARE(subs[0].delivered, std::uint64_t(3));
        QCOMPARE(subs[1].id, idb);
        QCOMPARE(subs[1].delivered, std::uint64_t(0));
    }

    void listenerEvents()
    {
        TestClock clock;
        EventBus bus(clock);
        TopicHub hub(clock, {}, options(10), &bus);
        std::vector<TopicEvent> events;
        auto sub = bus.subscribe([&](const Event &e) {
            if (const auto *t = e.as<TopicChangedEvent>()) {
                events.push_back(t->change);
                (void)hub.topics(); // no lock held
            }
        });
        publishN(hub, 1); // nobody subscribed: still an event
        Inbox a;
        const auto id = idOf(hub.subscribe("pizza", "orders", 1, 0, a.callback(), "viewer"));
        clock.advance(5);
        QVERIFY(!hub.publish("pizza", "orders", TopicValue::text("four"), "pub"));
        hub.unsubscribe(id);
        QVERIFY(hub.publish("pizza", "orders", TopicValue::text(std::string(5000, 'x')))); // rejected: no event
        QCOMPARE(events.size(), std::size_t(4));
        QCOMPARE(events[0].kind, TopicEvent::Kind::Published);
        QCOMPARE(events[0].delivered, std::size_t(0));
        QCOMPARE(events[1].kind, TopicEvent::Kind::Subscribed);
        QCOMPARE(events[1].who, std::string("viewer"));
        QCOMPARE(events[1].delivered, std::size_t(1)); // items replayed
        QCOMPARE(events[2].kind, TopicEvent::Kind::Published);
        QCOMPARE(events[2].cache, std::string("pizza"));
        QCOMPARE(events[2].topic, std::string("orders"));
        QCOMPARE(events[2].sequenceNumber, std::uint64_t(2));
        QCOMPARE(events[2].size, std::size_t(4));
        QCOMPARE(events[2].who, std::string("pub"));
        QCOMPARE(events[2].delivered, std::size_t(1));
        QCOMPARE(events[2].timeMs, kDefaultStartTime + 5);
        QCOMPARE(events[3].kind, TopicEvent::Kind::Unsubscribed);
        sub.reset();
        publishN(hub, 1);
        QCOMPARE(events.size(), std::size_t(4));
    }

    void concurrentPublishersKeepOrder()
    {
        TestClock clock;
        TopicHub hub(clock);
        std::atomic<bool> broken{false};
        struct Watch
        {
            std::uint64_t last = 0;
            std::uint64_t count = 0;
        };
        std::vector<std::unique_ptr<Watch>> watches;
        for (int i = 0; i < 4; ++i) {
            watches.push_back(std::make_unique<Watch>());
            Watch *w = watches.back().get();
            idOf(hub.subscribe("pizza", "orders", 0, 0, [w, &broken](const SubscriptionItem &item) {
                const auto s = std::get<TopicItem>(item).sequenceNumber;
                if (s != w->last + 1)
                    broken = true;
                w->last = s;
                ++w->count;
            }));
        }
        constexpr int kThreads = 6, kEach = 500;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i)
                    (void)hub.publish("pizza", "orders", TopicValue::text(std::to_string(t)), "t" + std::to_string(t));
            });
        for (auto &th : threads)
            th.join();
        QVERIFY(!broken);
        for (const auto &w : watches)
            QCOMPARE(w->count, std::uint64_t(kThreads * kEach));
    }

    void resubscribeUnderLoadLosesNothing()
    {
        // The SDK's pattern: drop the stream, resubscribe with last + 1 while publishers go on.
        TestClock clock;
        TopicHub hub(clock, {}, options(100000));
        std::atomic<bool> stop{false};
        std::vector<std::thread> publishers;
        for (int t = 0; t < 3; ++t)
            publishers.emplace_back([&] {
                while (!stop)
                    (void)hub.publish("pizza", "orders", TopicValue::text("x"));
            });
        struct State
        {
            std::mutex m;
            std::uint64_t last = 0;
            bool broken = false;
        } state;
        auto callback = [&state](const SubscriptionItem &item) {
            std::lock_guard lock(state.m);
            auto *t = std::get_if<TopicItem>(&item);
            if (!t || (state.last != 0 && t->sequenceNumber != state.last + 1)) {
                if (!state.broken)
                    qWarning("broken: last %llu got %s %llu", (unsigned long long)state.last, t ? "item" : "disc",
                             t ? (unsigned long long)t->sequenceNumber
                               : (unsigned long long)std::get<TopicDiscontinuity>(item).newSequence);
                state.broken = true;
            }
            if (t)
                state.last = t->sequenceNumber;
        };
        auto id = idOf(hub.subscribe("pizza", "orders", 0, 0, callback));
        const auto received = [&state] {
            std::lock_guard lock(state.m);
            return state.last;
        };
        for (int round = 0; round < 200 || received() < 1000; ++round) {
            std::this_thread::yield();
            hub.unsubscribe(id);
            std::uint64_t resume = 0;
            {
                std::lock_guard lock(state.m);
                resume = state.last + 1;
            }
            id = idOf(hub.subscribe("pizza", "orders", resume, 0, callback));
        }
        stop = true;
        for (auto &th : publishers)
            th.join();
        hub.unsubscribe(id);
        QVERIFY(!state.broken);
        QVERIFY(state.last >= 1000);
    }

    void concurrencySmoke()
    {
        // Subscriptions come and go while others publish; a callback's state is freed right
        // after unsubscribe returns (ASan catches a late call).
        TestClock clock;
        CacheStore caches(clock, {"pizza", "menu"});
        EventBus bus(clock);
        TopicHub hub(
            clock, [&](const std::string &c) { return caches.hasCache(c); }, options(50), &bus);
        std::atomic<bool> stop{false};
        std::atomic<std::uint64_t> events{0};
        auto counting = bus.subscribe([&](const Event &) { ++events; });
        std::vector<std::thread> threads;
        for (int t = 0; t < 3; ++t)
            threads.emplace_back([&, t] {
                int i = 0;
                while (!stop) {
                    const std::string topic = "t" + std::to_string(i++ % 3);
                    (void)hub.publish(t % 2 ? "pizza" : "menu", topic,
                                      TopicValue::text(std::string(std::size_t(i % 100), 'y')));
                }
            });
        for (int t = 0; t < 3; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 300; ++i) {
                    auto counter = std::make_unique<std::uint64_t>(0);
                    auto *raw = counter.get();
                    auto r = hub.subscribe(
                        i % 2 ? "pizza" : "menu", "t" + std::to_string((i + t) % 3), std::uint64_t(i % 4) * 10, 0,
                        [raw](const SubscriptionItem &) { ++*raw; }, "s");
                    std::this_thread::yield();
                    if (auto *id = std::get_if<TopicHub::SubscriptionId>(&r))
                        hub.unsubscribe(*id);
                    counter.reset(); // the callback must not run any more
                    (void)hub.topics();
                    (void)hub.subscribers();
                }
            });
        for (int t = 3; t < 6; ++t)
            threads[std::size_t(t)].join();
        stop = true;
        for (int t = 0; t < 3; ++t)
            threads[std::size_t(t)].join();
        QVERIFY(hub.subscribers().empty());
        QVERIFY(events.load() > 0);
    }

  private:
    static bool ok(const momento::Status &s) { return !s; }
};

QTEST_GUILESS_MAIN(TstTopicHub)
#include "tst_topic_hub.moc"
