// The emulator's discrete-event loop and virtual clock.
#ifndef Q_MOC_RUN
#include "async/task.h"
#include "scheduler.h"
#endif

#include <QtTest>

#include <thread>

using namespace orderlab;

class TstScheduler : public QObject
{
    Q_OBJECT
  private slots:
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
};

QTEST_GUILESS_MAIN(TstScheduler)
#include "tst_scheduler.moc"
