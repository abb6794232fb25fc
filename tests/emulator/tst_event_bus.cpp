// The event bus: many subscribers, one order, re-entrant publishes, threads, ending subscriptions.
#include "events/event_bus.h"
#include "events/event_text.h"
#include "scheduler.h"

#include <QJsonArray>

#include <QtTest>

#include <atomic>
#include <thread>

using namespace orderlab;

namespace {
EventPayload warning(const std::string &text)
{
    return WarningEvent{text};
}

std::string textOf(const Event &e)
{
    const auto *w = e.as<WarningEvent>();
    return w ? w->text : std::string();
}
} // namespace

class TstEventBus : public QObject
{
    Q_OBJECT
  private slots:
    void everySubscriberSeesEveryEventInSequenceOrder()
    {
        Scheduler clock;
        EventBus bus(clock);
        std::vector<std::vector<Event>> seen(3);
        std::vector<EventBus::Subscription> subs;
        for (auto &list : seen)
            subs.push_back(bus.subscribe([&list](const Event &e) { list.push_back(e); }));
        bus.publish(warning("a"), 7);
        clock.runUntil(clock.now() + 5);
        bus.publish(warning("b"));
        QCOMPARE(seen[0].size(), std::size_t(2));
        QCOMPARE(seen[0], seen[1]);
        QCOMPARE(seen[1], seen[2]);
        QCOMPARE(seen[0][0].sequence, std::uint64_t(1));
        QCOMPARE(seen[0][1].sequence, std::uint64_t(2));
        QCOMPARE(seen[0][0].traceId, std::uint64_t(7));
        QCOMPARE(seen[0][1].time, seen[0][0].time + 5);
        QCOMPARE(bus.published(), std::uint64_t(2));
    }

    void aPublishFromInsideASubscriberComesAfterTheCurrentEventForEveryone()
    {
        Scheduler clock;
        EventBus bus(clock);
        std::vector<std::string> first, second;
        auto a = bus.subscribe([&](const Event &e) {
            first.push_back(textOf(e));
            if (textOf(e) == "outer")
                bus.publish(warning("inner"));
        });
        auto b = bus.subscribe([&](const Event &e) { second.push_back(textOf(e)); });
        bus.publish(warning("outer"));
        const std::vector<std::string> expected{"outer", "inner"};
        QCOMPARE(first, expected);
        QCOMPARE(second, expected);
    }

    void causeScopeStampsEventsWithoutTheirOwnIds()
    {
        Scheduler clock;
        EventBus bus(clock);
        std::vector<Event> seen;
        auto s = bus.subscribe([&](const Event &e) { seen.push_back(e); });
        {
            CauseScope cause(11, 3);
            bus.publish(warning("caused"));
            bus.publish(warning("own"), 12, 4);
        }
        bus.publish(warning("none"));
        QCOMPARE(seen[0].traceId, std::uint64_t(11));
        QCOMPARE(seen[0].invocationId, std::uint64_t(3));
        QCOMPARE(seen[1].traceId, std::uint64_t(12));
        QCOMPARE(seen[1].invocationId, std::uint64_t(4));
        QCOMPARE(seen[2].traceId, std::uint64_t(0));
    }

    void aThrowingSubscriberMissesOnlyItsEvent()
    {
        Scheduler clock;
        EventBus bus(clock);
        int later = 0;
        auto a = bus.subscribe([](const Event &) { throw std::runtime_error("subscriber bug"); });
        auto b = bus.subscribe([&](const Event &) { ++later; });
        bus.publish(warning("x"));
        bus.publish(warning("y"));
        QCOMPARE(later, 2);
    }

    void anEndedSubscriptionIsNeverCalledAgain()
    {
        Scheduler clock;
        EventBus bus(clock);
        int calls = 0;
        auto s = bus.subscribe([&](const Event &) { ++calls; });
        bus.publish(warning("x"));
        EventBus::Subscription moved = std::move(s);
        QVERIFY(!s);
        moved.reset();
        bus.publish(warning("y"));
        QCOMPARE(calls, 1);
        QCOMPARE(bus.subscribers(), std::size_t(0));
    }

    void threadsPublishingAtOnceKeepOneTotalOrder()
    {
        Scheduler clock;
        EventBus bus(clock, 64); // a small queue: publishers wait for room
        std::vector<std::uint64_t> a, b;
        std::atomic<int> concurrent{0}, most{0};
        auto sa = bus.subscribe([&](const Event &e) {
            const int now = ++concurrent;
            most = std::max(most.load(), now);
            a.push_back(e.sequence);
            --concurrent;
        });
        auto sb = bus.subscribe([&](const Event &e) { b.push_back(e.sequence); });
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 2000; ++i)
                    bus.publish(warning("t"));
            });
        for (auto &t : threads)
            t.join();
        QCOMPARE(a.size(), std::size_t(8000));
        QCOMPARE(a, b);
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i], std::uint64_t(i + 1));
        QCOMPARE(most.load(), 1); // never two deliveries at once
    }

    // Issue 10: a handler process's log rides on its invocation-finished event, cut so that the trace and
    // the window, which keep these events, stay bounded.
    void anInvocationsLogIsCutToItsBoundsAndSaysHowMuchWasLeftOut()
    {
        std::vector<std::string> few = {"START RequestId: a", "END RequestId: a", "REPORT RequestId: a"};
        QCOMPARE(InvocationFinishedEvent::logExcerpt(few), few);
        std::vector<std::string> many(InvocationFinishedEvent::kMaxLogLines + 50, "line");
        auto cut = InvocationFinishedEvent::logExcerpt(many);
        QCOMPARE(cut.size(), InvocationFinishedEvent::kMaxLogLines + 1);
        QCOMPARE(cut.back(), std::string("... 50 more line(s) of this invocation's log not kept"));
        std::vector<std::string> wide(10, std::string(InvocationFinishedEvent::kMaxLogBytes / 4 + 1, 'x'));
        cut = InvocationFinishedEvent::logExcerpt(wide);
        QCOMPARE(cut.size(), std::size_t(4)); // 3 whole lines fit (the 4th would pass the byte bound), then the note
        QCOMPARE(cut.back(), std::string("... 7 more line(s) of this invocation's log not kept"));
        QVERIFY(InvocationFinishedEvent::logExcerpt({}).empty());

        Event e;
        InvocationFinishedEvent f;
        f.log = few;
        e.payload = f;
        QCOMPARE(eventJson(e).value(QStringLiteral("log")).toArray().size(), 3);
        e.payload = InvocationFinishedEvent{};
        QVERIFY(!eventJson(e).contains(QStringLiteral("log"))); // core in process: no log field
    }
};

QTEST_GUILESS_MAIN(TstEventBus)
#include "tst_event_bus.moc"
