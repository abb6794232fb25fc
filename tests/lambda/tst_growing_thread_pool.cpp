// GrowingThreadPool: the Runtime API's threads, one per connection kept open (lambda/growing_thread_pool.h).
#include "growing_thread_pool.h"

#include <QtTest>

#include <atomic>
#include <condition_variable>
#include <mutex>

using orderlab::lambda::GrowingThreadPool;

namespace {

/// Tasks that block until released, counting how many started and ended.
struct Gate
{
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    int started = 0;
    std::atomic<int> ended{0};

    std::function<void()> task()
    {
        return [this] {
            std::unique_lock lock(mutex);
            ++started;
            cv.notify_all();
            cv.wait(lock, [this] { return open; });
            lock.unlock();
            ++ended;
        };
    }
    bool waitStarted(int n)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(10), [&] { return started >= n; });
    }
    void release()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        cv.notify_all();
    }
};

} // namespace

class TstGrowingThreadPool : public QObject
{
    Q_OBJECT

  private slots:
    void startsNoThreadUntilATaskComes()
    {
        GrowingThreadPool pool(8, 8);
        QCOMPARE(pool.threads(), std::size_t(0));
    }

    void eachBusyTaskGetsAThreadOfItsOwnUpToTheMost()
    {
        Gate gate;
        GrowingThreadPool pool(5, 2);
        for (int i = 0; i < 5; ++i) {
            auto task = gate.task();
            QVERIFY(pool.tryRun(task));
        }
        QVERIFY(gate.waitStarted(5)); // all five at once: none waited for another to end
        QCOMPARE(pool.threads(), std::size_t(5));
        // Beyond the most: two wait, the next is refused and left to the caller.
        for (int i = 0; i < 2; ++i) {
            auto task = gate.task();
            QVERIFY(pool.tryRun(task));
        }
        bool ranRefused = false;
        std::function<void()> refused = [&] { ranRefused = true; };
        QVERIFY(!pool.tryRun(refused));
        QVERIFY(refused); // untouched
        QCOMPARE(pool.threads(), std::size_t(5));
        gate.release();
        QTRY_COMPARE(gate.ended.load(), 7);
        QVERIFY(!ranRefused);
    }

    void anIdleThreadIsUsedAgainBeforeANewOneStarts()
    {
        GrowingThreadPool pool(8, 8);
        for (int i = 0; i < 20; ++i) {
            std::atomic<bool> done{false};
            std::function<void()> task = [&] { done = true; };
            QVERIFY(pool.tryRun(task));
            QTRY_VERIFY(done.load());
            QTRY_COMPARE(pool.threads(), std::size_t(1)); // the thread counts as idle once its task returned
        }
    }

    void shutdownRunsWhatWasAcceptedAndRefusesTheRest()
    {
        Gate gate;
        std::atomic<int> quick{0};
        auto pool = std::make_unique<GrowingThreadPool>(1, 4);
        auto blocking = gate.task();
        QVERIFY(pool->tryRun(blocking));
        QVERIFY(gate.waitStarted(1));
        for (int i = 0; i < 3; ++i) {
            std::function<void()> task = [&] { ++quick; };
            QVERIFY(pool->tryRun(task)); // waiting behind the blocked one
        }
        std::thread closing([&] { pool->shutdown(); });
        const auto refuses = [&] {
            std::function<void()> late = [] {};
            return !pool->tryRun(late);
        };
        QTRY_VERIFY(refuses()); // from the moment shutdown() began
        gate.release();
        closing.join();
        QCOMPARE(quick.load(), 3);
        QCOMPARE(gate.ended.load(), 1);
    }

    void noThreadsIsRefusedAtConstruction()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GrowingThreadPool(0, 1));
    }
};

QTEST_GUILESS_MAIN(TstGrowingThreadPool)
#include "tst_growing_thread_pool.moc"
