// TableMutex (emulator/dynamodb/table_mutex.h): recursive like std::recursive_mutex, exclusive for writers, shared
// among readers, and a waiting writer goes before new readers.
#include "dynamodb/table_mutex.h"

#include <QtTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

using orderlab::TableMutex;
using namespace std::chrono_literals;

namespace {

/// Waits up to 3 s for `flag`; whether it came.
bool cameWithin3s(const std::atomic<bool> &flag)
{
    for (int i = 0; i < 300 && !flag.load(); ++i)
        std::this_thread::sleep_for(10ms);
    return flag.load();
}

/// Whether another thread can take `mutex` exclusively right now (it releases it at once).
bool anotherThreadCanWrite(TableMutex &mutex)
{
    bool got = false;
    std::thread([&] {
        got = mutex.try_lock();
        if (got)
            mutex.unlock();
    }).join();
    return got;
}

} // namespace

class TableMutexTest : public QObject
{
    Q_OBJECT

  private slots:
    void theHolderTakesItAgainAndOthersWaitUntilTheLastRelease()
    {
        TableMutex mutex;
        mutex.lock();
        mutex.lock();
        QVERIFY(mutex.try_lock());
        QVERIFY(!anotherThreadCanWrite(mutex));
        mutex.unlock();
        mutex.unlock();
        QVERIFY(!anotherThreadCanWrite(mutex)); // still held once
        mutex.unlock();
        QVERIFY(anotherThreadCanWrite(mutex));
    }

    void onlyOneThreadAtATimeHoldsIt()
    {
        TableMutex mutex;
        long long counter = 0; // not atomic: only the mutex keeps the increments apart
        int inside = 0, overlaps = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 50000; ++i) {
                    std::lock_guard outer(mutex);
                    std::lock_guard inner(mutex); // nested, as Table::locked callers do
                    overlaps += inside++ != 0;
                    ++counter;
                    --inside;
                }
            });
        for (auto &t : threads)
            t.join();
        QCOMPARE(counter, 200000LL);
        QCOMPARE(overlaps, 0);
    }

    void readersHoldItTogether()
    {
        TableMutex mutex;
        std::atomic<bool> firstIn{false}, secondIn{false}, release{false};
        std::thread first([&] {
            std::shared_lock lock(mutex);
            firstIn = true;
            while (!release)
                std::this_thread::sleep_for(1ms);
        });
        QVERIFY(cameWithin3s(firstIn));
        std::thread second([&] {
            std::shared_lock lock(mutex); // an exclusive lock would wait here for `first`
            secondIn = true;
        });
        const bool together = cameWithin3s(secondIn);
        QVERIFY(!anotherThreadCanWrite(mutex)); // a reader still holds it
        release = true;
        first.join();
        second.join();
        QVERIFY2(together, "a second reader waited for the first");
        QVERIFY(anotherThreadCanWrite(mutex));
    }

    void aWaitingWriterGoesBeforeLaterReaders()
    {
        TableMutex mutex;
        std::mutex orderMutex;
        std::vector<std::string> order;
        const auto note = [&](const char *what) {
            std::lock_guard lock(orderMutex);
            order.emplace_back(what);
        };
        std::atomic<bool> writerAsked{false}, readerAsked{false};
        mutex.lock_shared();
        std::thread writer([&] {
            writerAsked = true;
            std::lock_guard lock(mutex);
            note("writer");
        });
        QVERIFY(cameWithin3s(writerAsked));
        // Until the writer waits in lock(), a new reader gets through; once it waits, a new reader is held back.
        std::vector<std::thread> probes;
        bool writerWaits = false;
        for (int i = 0; i < 150 && !writerWaits; ++i) {
            auto through = std::make_shared<std::atomic<bool>>(false);
            probes.emplace_back([&mutex, through] {
                std::shared_lock lock(mutex);
                *through = true;
            });
            std::this_thread::sleep_for(20ms);
            writerWaits = !*through;
        }
        QVERIFY(writerWaits);
        // This thread reads again while the writer waits: it already holds the lock, so it is not held up.
        mutex.lock_shared();
        mutex.unlock_shared();
        std::thread reader([&] {
            readerAsked = true;
            std::shared_lock lock(mutex);
            note("reader");
        });
        QVERIFY(cameWithin3s(readerAsked));
        std::this_thread::sleep_for(50ms);
        {
            std::lock_guard lock(orderMutex);
            QVERIFY2(order.empty(), "someone got the lock while a reader held it and a writer waited");
        }
        mutex.unlock_shared();
        writer.join();
        reader.join();
        for (auto &probe : probes)
            probe.join();
        QCOMPARE(order, (std::vector<std::string>{"writer", "reader"}));
    }

    void theWriterMayReadAndAReaderMayNotWrite()
    {
        TableMutex mutex;
        mutex.lock();
        mutex.lock_shared(); // one more exclusive hold
        mutex.unlock_shared();
        QVERIFY(!anotherThreadCanWrite(mutex));
        mutex.unlock();
        QVERIFY(anotherThreadCanWrite(mutex));

        mutex.lock_shared();
        QVERIFY(!mutex.try_lock()); // an upgrade would wait for this thread's own read
        QVERIFY(!anotherThreadCanWrite(mutex));
        mutex.unlock_shared();
        QVERIFY(mutex.try_lock());
        mutex.unlock();
    }

    void readersNeverSeeAWriteHalfDone()
    {
        TableMutex mutex;
        long long a = 0, b = 0; // not atomic: only the mutex keeps writes and reads apart
        std::atomic<int> torn{0};
        std::atomic<long long> reads{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 20000; ++i) {
                    std::lock_guard lock(mutex);
                    ++a;
                    ++b;
                }
            });
        for (int t = 0; t < 3; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 20000; ++i) {
                    std::shared_lock outer(mutex);
                    std::shared_lock inner(mutex); // nested, as a read inside readIndex is
                    torn += a != b;
                    ++reads;
                }
            });
        for (auto &t : threads)
            t.join();
        QCOMPARE(a, 40000LL);
        QCOMPARE(b, 40000LL);
        QCOMPARE(torn.load(), 0);
        QCOMPARE(reads.load(), 60000LL);
    }

    void anUpgradeAbortsInsteadOfHanging()
    {
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            TableMutex mutex;
            mutex.lock_shared();
            mutex.lock(); // would wait for ever for this thread's own read
            ::_exit(0);
        }
        int status = 0;
        pid_t done = 0;
        for (int i = 0; i < 300 && done == 0; ++i) {
            done = ::waitpid(child, &status, WNOHANG);
            if (done == 0)
                std::this_thread::sleep_for(10ms);
        }
        if (done == 0) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            QFAIL("the upgrade hung");
        }
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGABRT);
    }
};

QTEST_GUILESS_MAIN(TableMutexTest)
#include "tst_table_mutex.moc"
