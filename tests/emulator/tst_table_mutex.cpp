// TableMutex (emulator/dynamodb/table_mutex.h): recursive like std::recursive_mutex, and mutually exclusive.
#include "dynamodb/table_mutex.h"

#include <QtTest>

#include <mutex>
#include <thread>
#include <vector>

using orderlab::TableMutex;

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
        const auto otherGetsIt = [&] {
            bool got = false;
            std::thread([&] {
                got = mutex.try_lock();
                if (got)
                    mutex.unlock();
            }).join();
            return got;
        };
        QVERIFY(!otherGetsIt());
        mutex.unlock();
        mutex.unlock();
        QVERIFY(!otherGetsIt()); // still held once
        mutex.unlock();
        QVERIFY(otherGetsIt());
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
};

QTEST_GUILESS_MAIN(TableMutexTest)
#include "tst_table_mutex.moc"
