// BoundedTaskQueue (emulator/bounded_task_queue.h): at most `workers` tasks run and at most `maxPending` wait; a
// refused task is left with the caller; shutdown runs what was accepted; workers start as tasks need them (the
// Runtime API's connections). No sockets.
#include "bounded_task_queue.h"

#include <QtTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace orderlab;

namespace {

/// Tasks that hold their worker until open() is called.
class Gate
{
  public:
    std::function<void()> task()
    {
        return [this] {
            std::unique_lock lock(m_mutex);
            ++m_started;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_open; });
            ++m_finished;
        };
    }
    void open()
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }
    /// Waits (up to 10 s, a safety net and not a measure) until `n` tasks have started.
    bool started(int n)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(10), [&] { return m_started >= n; });
    }
    int finished()
    {
        std::lock_guard lock(m_mutex);
        return m_finished;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
    int m_started = 0;
    int m_finished = 0;
};

} // namespace

class BoundedTaskQueueTest : public QObject
{
    Q_OBJECT

  private slots:
    void acceptsBusyWorkersAndMaxPendingThenRefuses()
    {
        Gate gate;
        BoundedTaskQueue queue(2, 3);
        for (int i = 0; i < 2; ++i) {
            auto task = gate.task();
            QVERIFY(queue.tryEnqueue(task));
            QVERIFY(!task); // moved into the queue
        }
        QVERIFY(gate.started(2));
        for (int i = 0; i < 3; ++i) {
            auto task = gate.task();
            QVERIFY(queue.tryEnqueue(task));
        }
        QCOMPARE(queue.waiting(), std::size_t(3));
        std::atomic<int> ranRefused{0};
        std::function<void()> refused = [&] { ++ranRefused; };
        QVERIFY(!queue.tryEnqueue(refused));
        QVERIFY(bool(refused)); // still the caller's, and it still runs
        refused();
        QCOMPARE(ranRefused.load(), 1);
        QCOMPARE(queue.waiting(), std::size_t(3));
        gate.open();
        queue.shutdown();
        QCOMPARE(gate.finished(), 5);
        QCOMPARE(ranRefused.load(), 1);
    }

    void startsNoWorkerUntilATaskComes()
    {
        BoundedTaskQueue queue(8, 8);
        QCOMPARE(queue.threads(), std::size_t(0));
    }

    void eachBusyTaskGetsAWorkerOfItsOwnUpToTheMost()
    {
        Gate gate;
        BoundedTaskQueue queue(5, 2);
        for (int i = 0; i < 5; ++i) {
            auto task = gate.task();
            QVERIFY(queue.tryEnqueue(task));
        }
        QVERIFY(gate.started(5)); // all five at once: none waited for another to end
        QCOMPARE(queue.threads(), std::size_t(5));
        // Beyond the most: two wait, the next is refused and left to the caller.
        for (int i = 0; i < 2; ++i) {
            auto task = gate.task();
            QVERIFY(queue.tryEnqueue(task));
        }
        bool ranRefused = false;
        std::function<void()> refused = [&] { ranRefused = true; };
        QVERIFY(!queue.tryEnqueue(refused));
        QVERIFY(refused); // untouched
        QCOMPARE(queue.threads(), std::size_t(5));
        gate.open();
        queue.shutdown();
        QCOMPARE(gate.finished(), 7);
        QVERIFY(!ranRefused);
    }

    void anIdleWorkerIsUsedAgainBeforeANewOneStarts()
    {
        BoundedTaskQueue queue(8, 8);
        for (int i = 0; i < 20; ++i) {
            std::atomic<bool> done{false};
            std::function<void()> task = [&] { done = true; };
            QVERIFY(queue.tryEnqueue(task));
            QTRY_VERIFY(done.load());
            QTRY_COMPARE(queue.threads(), std::size_t(1)); // the worker counts as idle once its task returned
        }
    }

    void noPendingMeansOnlyWhatIdleWorkersTake()
    {
        Gate gate;
        BoundedTaskQueue queue(1, 0);
        // Given at once after construction: the worker may not have started waiting yet, and still counts.
        auto first = gate.task();
        QVERIFY(queue.tryEnqueue(first));
        QVERIFY(gate.started(1));
        auto second = gate.task();
        QVERIFY(!queue.tryEnqueue(second));
        gate.open();
        queue.shutdown();
        QCOMPARE(gate.finished(), 1);
    }

    void aWorkerThatFinishesTakesTheNextTask()
    {
        std::atomic<int> ran{0};
        BoundedTaskQueue queue(1, 0);
        for (int i = 0; i < 50; ++i) {
            std::function<void()> task = [&] { ++ran; };
            // The worker frees itself after each task; wait for that rather than for a time.
            while (!queue.tryEnqueue(task))
                std::this_thread::yield();
        }
        queue.shutdown();
        QCOMPARE(ran.load(), 50);
    }

    void shutdownRunsWhatWasAcceptedAndRefusesMore()
    {
        Gate gate;
        BoundedTaskQueue queue(1, 2);
        for (int i = 0; i < 3; ++i) {
            auto task = gate.task();
            QVERIFY(queue.tryEnqueue(task));
        }
        QVERIFY(gate.started(1));
        std::thread stopper([&] { queue.shutdown(); }); // waits for the gate, then for the two queued tasks
        gate.open();
        stopper.join();
        QCOMPARE(gate.finished(), 3);
        std::function<void()> late = [] {};
        QVERIFY(!queue.tryEnqueue(late));
        QVERIFY(bool(late));
        queue.shutdown(); // idempotent
    }

    void refusesZeroWorkers() { QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BoundedTaskQueue(0, 4)); }
};

QTEST_GUILESS_MAIN(BoundedTaskQueueTest)
#include "tst_bounded_task_queue.moc"
