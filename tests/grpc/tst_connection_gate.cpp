// ConnectionGate: the listening socket of the gRPC server, bounded and surviving EMFILE (issue 13).
#include "connection_gate.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <chrono>
#include <fcntl.h>
#include <mutex>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace orderlab;

namespace {

template <typename Pred> bool eventually(Pred pred, int ms = 5000)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return pred();
}

int clientSocket()
{
    return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

bool connectTo(int fd, int port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
}

/// Collects what the gate hands over.
struct Handed
{
    std::mutex mutex;
    std::vector<int> fds;
    std::size_t size()
    {
        std::lock_guard lock(mutex);
        return fds.size();
    }
    ConnectionGate::Handoff handoff()
    {
        return [this](int, int fd) {
            std::lock_guard lock(mutex);
            fds.push_back(fd);
        };
    }
    void closeFirst(std::size_t n)
    {
        std::lock_guard lock(mutex);
        for (std::size_t i = 0; i < n; ++i)
            ::close(fds[i]);
    }
    void closeFrom(std::size_t from)
    {
        std::lock_guard lock(mutex);
        for (std::size_t i = from; i < fds.size(); ++i)
            ::close(fds[i]);
    }
};

TEST(ConnectionGate, StopsAtTheCapAndAcceptsAgainAsConnectionsClose)
{
    ConnectionGate::Options o;
    o.maxConnections = 3;
    o.recheckMs = 5;
    ConnectionGate gate(o);
    std::string error;
    ASSERT_TRUE(gate.listen(&error)) << error;
    ASSERT_GT(gate.port(), 0);
    EXPECT_EQ(gate.cap(), 3u);
    Handed handed;
    gate.start(handed.handoff());
    std::vector<int> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(clientSocket());
        ASSERT_TRUE(connectTo(clients.back(), gate.port())) << i; // the backlog completes the handshake
    }
    ASSERT_TRUE(eventually([&] { return handed.size() == 3; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(handed.size(), 3u);
    EXPECT_EQ(gate.openConnections(), 3u);
    handed.closeFirst(2); // the owner (gRPC) closes two
    EXPECT_TRUE(eventually([&] { return handed.size() == 5; }));
    EXPECT_EQ(gate.openConnections(), 3u);
    gate.stop();
    handed.closeFrom(2);
    for (int fd : clients)
        ::close(fd);
}

TEST(ConnectionGate, RunningOutOfDescriptorsPausesAcceptingAndRecovers)
{
    ConnectionGate::Options o;
    o.recheckMs = 5;
    ConnectionGate gate(o);
    std::string error;
    ASSERT_TRUE(gate.listen(&error)) << error;
    Handed handed;
    gate.start(handed.handoff());
    // One connection first, so that the gate's thread is running before descriptors run out (UBSan's
    // checks at a thread's start need a pipe).
    std::vector<int> clients{clientSocket()};
    ASSERT_TRUE(connectTo(clients.back(), gate.port()));
    ASSERT_TRUE(eventually([&] { return handed.size() == 1; }));
    for (int i = 0; i < 3; ++i)
        clients.push_back(clientSocket());

    // No descriptor can be made from here on: the lowest free number is the limit.
    rlimit saved{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
    const int lowestFree = ::fcntl(0, F_DUPFD_CLOEXEC, 0);
    ASSERT_GE(lowestFree, 0);
    ::close(lowestFree);
    rlimit low = saved;
    low.rlim_cur = static_cast<rlim_t>(lowestFree);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
    bool connected = true;
    for (std::size_t i = 1; i < clients.size(); ++i)
        connected = connectTo(clients[i], gate.port()) && connected; // needs no new descriptor
    const bool paused = eventually([&] { return gate.acceptPauses() > 0; });
    const std::size_t handedWhileLow = handed.size();
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);

    EXPECT_TRUE(connected);
    EXPECT_TRUE(paused);
    EXPECT_EQ(handedWhileLow, 1u);
    EXPECT_TRUE(eventually([&] { return handed.size() == 4; })); // gRPC 1.51's own loop stopped for good here
    gate.stop();
    handed.closeFrom(0);
    for (int fd : clients)
        ::close(fd);
}

TEST(ConnectionGate, CapStaysWellBelowTheDescriptorLimit)
{
    EXPECT_EQ(ConnectionGate::capFor(1000, 1u << 20), 1000u);
    EXPECT_EQ(ConnectionGate::capFor(1000, 1024), 768u);
    EXPECT_EQ(ConnectionGate::capFor(1000, 256), 128u);
    EXPECT_EQ(ConnectionGate::capFor(0, 256), 1u);
    EXPECT_GE(ConnectionGate::raiseDescriptorLimit(), 64u);
}

TEST(ConnectionGate, AnAddressInUseIsAnErrorNamingIt)
{
    ConnectionGate first({});
    std::string error;
    ASSERT_TRUE(first.listen(&error)) << error;
    ConnectionGate::Options o;
    o.port = first.port();
    ConnectionGate second(o);
    EXPECT_FALSE(second.listen(&error));
    EXPECT_NE(error.find("127.0.0.1 port " + std::to_string(first.port())), std::string::npos) << error;
    ConnectionGate::Options bad;
    bad.host = "not an address";
    ConnectionGate third(bad);
    EXPECT_FALSE(third.listen(&error));
    EXPECT_NE(error.find("not an address"), std::string::npos) << error;
}

} // namespace
