// BusyPoll (aws/busy_poll.h) with SocketStream::waitForRequest over a socket pair: a quick client is polled, a slow
// one is slept on until it is quick again, and nobody polls while more connection threads run than allowed.
#include "busy_poll.h"
#include "socket_pair.h"
#include "socket_stream.h"

#include <QtTest>

#include <sched.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

using namespace orderlab::aws;
using namespace std::chrono_literals;

namespace {

/// A socket pair whose server end waits for requests as a connection's thread does, under a listener that stays
/// open.
struct Pair : orderlab::test::SocketPair
{
    /// Waits for the next "request" (any bytes) and drops it; false when none came.
    bool waitAndTake(BusyPoll::Connection *poll)
    {
        if (!stream->waitForRequest(listener, 5, poll))
            return false;
        stream->consume(stream->received().size());
        return true;
    }

    std::atomic<int> listener{1};
};

BusyPollSettings settings(std::chrono::microseconds window, int maxRunning = 1)
{
    BusyPollSettings s;
    s.window = window;
    s.maxRunning = maxRunning;
    return s;
}

} // namespace

class BusyPollTest : public QObject
{
    Q_OBJECT

  private slots:
    void aQuickClientIsPolled()
    {
        Pair pair;
        BusyPoll poll(settings(2s));
        BusyPoll::Connection connection(poll);
        std::thread client([&] {
            std::this_thread::sleep_for(20ms);
            pair.send("GET");
        });
        QVERIFY(pair.waitAndTake(&connection));
        client.join();
        QCOMPARE(poll.polledWaits(), std::uint64_t(1));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(0));
        QCOMPARE(poll.running(), 1);
    }

    void aSlowClientIsSleptOnUntilItIsQuickAgain()
    {
        Pair pair;
        BusyPoll poll(settings(100ms)); // long enough that a busy machine does not make a quick request slow
        BusyPoll::Connection connection(poll);
        // Slower than the window: polled for 100 ms, then slept on.
        std::thread slow([&] {
            std::this_thread::sleep_for(400ms);
            pair.send("one");
        });
        QVERIFY(pair.waitAndTake(&connection));
        slow.join();
        QCOMPARE(poll.polledWaits(), std::uint64_t(0));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(1));
        // After a slow request the next wait sleeps at once, even though this one is already there.
        pair.send("two");
        QVERIFY(pair.waitAndTake(&connection));
        QCOMPARE(poll.polledWaits(), std::uint64_t(0));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(2));
        // That one came at once: the client is quick again, and is polled.
        pair.send("three");
        QVERIFY(pair.waitAndTake(&connection));
        QCOMPARE(poll.polledWaits(), std::uint64_t(1));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(2));
        QCOMPARE(poll.running(), 1);
    }

    void noThreadPollsWhileMoreRunThanAllowed()
    {
        Pair pair;
        BusyPoll poll(settings(2s, 1));
        BusyPoll::Connection connection(poll);
        {
            BusyPoll::Connection other(poll); // another connection's thread, awake
            QCOMPARE(poll.running(), 2);
            pair.send("busy");
            QVERIFY(pair.waitAndTake(&connection));
            QCOMPARE(poll.polledWaits(), std::uint64_t(0));
            QCOMPARE(poll.sleptWaits(), std::uint64_t(1));
        }
        QCOMPARE(poll.running(), 1);
        pair.send("alone");
        QVERIFY(pair.waitAndTake(&connection));
        QCOMPARE(poll.polledWaits(), std::uint64_t(1));
    }

    void aPollingThreadGoesToSleepWhenAnotherWakes()
    {
        Pair pair;
        BusyPoll poll(settings(10s, 1));
        BusyPoll::Connection connection(poll);
        std::atomic<bool> sawItSleep{false};
        std::thread other([&] {
            std::this_thread::sleep_for(50ms);
            {
                BusyPoll::Connection woken(poll); // two run: the poller must give its CPU up
                const auto until = std::chrono::steady_clock::now() + 5s;
                while (poll.running() != 1 && std::chrono::steady_clock::now() < until)
                    std::this_thread::sleep_for(1ms);
                sawItSleep = poll.running() == 1; // this one is the only one running: the poller sleeps
            }
            pair.send("late");
        });
        const auto start = std::chrono::steady_clock::now();
        QVERIFY(pair.waitAndTake(&connection));
        other.join();
        QVERIFY(sawItSleep);
        QVERIFY(std::chrono::steady_clock::now() - start < 9s); // not the whole window
        QCOMPARE(poll.polledWaits(), std::uint64_t(0));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(1));
        QCOMPARE(poll.running(), 1);
    }

    void aZeroWindowNeverPolls()
    {
        Pair pair;
        BusyPoll poll(settings(0us));
        BusyPoll::Connection connection(poll);
        for (int i = 0; i < 3; ++i) {
            pair.send("x");
            QVERIFY(pair.waitAndTake(&connection));
        }
        QCOMPARE(poll.polledWaits(), std::uint64_t(0));
        QCOMPARE(poll.sleptWaits(), std::uint64_t(3));
    }

    void aClosedPeerEndsTheWaitAndTheCountsGoBack()
    {
        BusyPoll poll(settings(2s));
        {
            Pair pair;
            BusyPoll::Connection connection(poll);
            ::shutdown(pair.client, SHUT_WR);
            QVERIFY(pair.stream->waitForRequest(pair.listener, 5, &connection));
            QCOMPARE(pair.stream->read(nullptr, 0), ssize_t(0)); // the next read says the peer closed
            QCOMPARE(poll.polledWaits(), std::uint64_t(1));
        }
        QCOMPARE(poll.running(), 0);
        {
            Pair pair;
            BusyPoll::Connection connection(poll);
            pair.listener = -1; // the server stops: a sleeping wait gives up, and counts as running again
            BusyPoll::Connection other(poll);
            QVERIFY(!pair.stream->waitForRequest(pair.listener, 5, &connection));
            QCOMPARE(poll.running(), 2);
        }
        QCOMPARE(poll.running(), 0);
    }

    void byDefaultOneCpuIsLeftFree()
    {
        cpu_set_t set;
        CPU_ZERO(&set);
        QVERIFY(::sched_getaffinity(0, sizeof set, &set) == 0);
        const BusyPoll poll{BusyPollSettings{}};
        QCOMPARE(poll.maxRunning(), std::max(1, CPU_COUNT(&set) - 1));
        QCOMPARE(poll.window(), std::chrono::microseconds(50));
        const BusyPoll negative(settings(std::chrono::microseconds(-5), 3));
        QCOMPARE(negative.window(), std::chrono::microseconds(0));
        QCOMPARE(negative.maxRunning(), 3);
    }
};

QTEST_GUILESS_MAIN(BusyPollTest)
#include "tst_busy_poll.moc"
