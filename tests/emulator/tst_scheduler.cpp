// The emulator's discrete-event loop and virtual clock.
#ifndef Q_MOC_RUN
#include "async/task.h"
#include "scheduler.h"
#endif

#include <QtTest>

#include <chrono>
#include <thread>

using namespace orderlab;

class TstScheduler : public QObject
{
    Q_OBJECT
  private slots:
    void theScheduledHookHearsEveryAtUntilRemoved()
    {
        Scheduler s(0);
        int heard = 0;
        std::thread::id from;
        s.setScheduledHook([&] {
            ++heard;
            from = std::this_thread::get_id();
        });
        s.at(10, [] {});
        s.after(5, [] {});
        std::thread([&] { s.at(0, [] {}); }).join();
        QCOMPARE(heard, 3);
        QVERIFY(from != std::this_thread::get_id()); // on the thread that scheduled, as it did
        s.setScheduledHook({});
        s.at(20, [] {});
        QCOMPARE(heard, 3);
        QCOMPARE(s.runUntil(100), std::size_t(4)); // the hook changes nothing of what runs
    }

    void runsInTimeOrderThenFifo()
    {
        Scheduler s(1000);
        std::vector<int> order;
        s.at(1010, [&] { order.push_back(2); });
        s.at(1005, [&] { order.push_back(1); });
        s.at(1010, [&] { order.push_back(3); });
        QCOMPARE(s.nextEventTime(), TimeMs(1005));
        QCOMPARE(s.runUntil(1007), std::size_t(1));
        QCOMPARE(s.now(), TimeMs(1007));
        QCOMPARE(s.runUntil(2000), std::size_t(2));
        QCOMPARE(order, (std::vector<int>{1, 2, 3}));
        QCOMPARE(s.now(), TimeMs(2000));
    }

    void eventsCanScheduleEvents()
    {
        Scheduler s(0);
        int ticks = 0;
        std::function<void()> tick = [&] {
            if (++ticks < 5)
                s.after(250, tick);
        };
        s.after(250, tick);
        QCOMPARE(s.runUntilIdle(1000000), std::size_t(5));
        QCOMPARE(s.now(), TimeMs(1250));
        QCOMPARE(s.pending(), std::size_t(0));
    }

    void cancel()
    {
        Scheduler s(0);
        bool ran = false;
        auto id = s.after(10, [&] { ran = true; });
        QVERIFY(s.cancel(id));
        QVERIFY(!s.cancel(id));
        s.runUntil(100);
        QVERIFY(!ran);
    }

    void runUntilIdleStopsAtTheLimit()
    {
        Scheduler s(0);
        int n = 0;
        s.at(10, [&] { ++n; });
        s.at(5000, [&] { ++n; });
        QCOMPARE(s.runUntilIdle(1000), std::size_t(1));
        QCOMPARE(n, 1);
        QCOMPARE(s.now(), TimeMs(10));
    }

    void sleepResumesCoroutinesOnTheVirtualClock()
    {
        Scheduler s(0);
        std::vector<TimeMs> seen;
        auto worker = [&](TimeMs step) -> Task<void> {
            for (int i = 0; i < 3; ++i) {
                co_await s.sleep(step);
                seen.push_back(s.now());
            }
        };
        spawn(worker(100), [](std::exception_ptr) {});
        spawn(worker(150), [](std::exception_ptr) {});
        s.runUntilIdle(10000);
        QCOMPARE(seen, (std::vector<TimeMs>{100, 150, 200, 300, 300, 450}));
    }

    void scheduleFromOtherThreads()
    {
        Scheduler s(0);
        std::atomic<int> n{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 250; ++i)
                    s.after(i, [&] { ++n; });
            });
        for (auto &t : threads)
            t.join();
        s.runUntilIdle(1000);
        QCOMPARE(n.load(), 1000);
    }

    // docs/scenarios.md, "Handler processes": a held clock runs what is due now and waits for work posted from
    // another thread (a handler process's answer) instead of moving on.
    void aHeldClockWaitsForWorkFromAnotherThread()
    {
        Scheduler s(0);
        std::vector<TimeMs> ran;
        s.at(500, [&] { ran.push_back(s.now()); });
        const auto hold = s.holdClock(std::chrono::steady_clock::now() + std::chrono::seconds(60));
        QVERIFY(s.clockHeld());
        std::thread answer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            s.at(s.now(), [&] {
                ran.push_back(s.now());
                s.releaseClock(hold);
            });
        });
        s.runUntil(1000);
        answer.join();
        // The answer ran at time 0, before the clock moved on to the event at 500.
        QCOMPARE(ran, (std::vector<TimeMs>{0, 500}));
        QCOMPARE(s.now(), TimeMs(1000));
        QVERIFY(!s.clockHeld());
    }

    void aHeldClockStaysWhereItIsUntilReleased()
    {
        Scheduler s(100);
        int ran = 0;
        s.at(200, [&] { ++ran; });
        const auto hold = s.holdClock(std::chrono::steady_clock::now() + std::chrono::seconds(60));
        TimeMs seenNow = -1;
        int seenRan = -1;
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            seenNow = s.now();
            seenRan = ran;
            s.releaseClock(hold);
        });
        QVERIFY(s.runNext(1000)); // waits for the release, then runs the event at 200
        release.join();
        QCOMPARE(seenNow, TimeMs(100)); // while held nothing ran and the clock did not move
        QCOMPARE(seenRan, 0);
        QCOMPARE(ran, 1);
        QCOMPARE(s.now(), TimeMs(200));
    }

    void aHoldLapsesAtItsWallClockBound()
    {
        Scheduler s(0);
        s.holdClock(std::chrono::steady_clock::now() + std::chrono::milliseconds(30)); // never released
        const auto began = std::chrono::steady_clock::now();
        s.runUntil(5000);
        QVERIFY(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds(30));
        QCOMPARE(s.now(), TimeMs(5000));
        QVERIFY(!s.clockHeld());
        s.releaseClock(12345); // unknown: ignored
    }
};

QTEST_GUILESS_MAIN(TstScheduler)
#include "tst_scheduler.moc"
