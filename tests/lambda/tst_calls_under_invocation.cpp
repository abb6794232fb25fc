// A handler process's calls to orderlab's ports are put under the invocation it is serving
// (docs/lambda-runtime.md, "Calls under their invocation"): the connection's owner is found
// among the environments' process groups, and only while an invocation is in flight.
#include "invocation_call_observer.h"
#include "invoker_harness.h"

#include <QtTest>

#include <arpa/inet.h>
#include <future>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace orderlab;
using namespace orderlab::lambda;
using namespace orderlab::lambda::test;

namespace {

/// A listening socket on an ephemeral port of 127.0.0.1.
class Listener
{
  public:
    Listener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(m_fd, 8) == 0) {
            socklen_t len = sizeof addr;
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len);
            m_port = ntohs(addr.sin_port);
        }
    }
    ~Listener() { ::close(m_fd); }
    int port() const { return m_port; }
    /// The accepted connection and its client port; fd -1 when none came within `ms`.
    std::pair<int, int> accept(int ms)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, ms) != 1)
            return {-1, -1};
        sockaddr_in peer{};
        socklen_t len = sizeof peer;
        const int fd = ::accept(m_fd, reinterpret_cast<sockaddr *>(&peer), &len);
        return {fd, fd < 0 ? -1 : ntohs(peer.sin_port)};
    }

  private:
    int m_fd = -1;
    int m_port = 0;
};

/// A connection from this test process to `port`; its client port.
std::pair<int, int> connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return {-1, -1};
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    return {fd, ntohs(addr.sin_port)};
}

} // namespace

class TstCallsUnderInvocation : public QObject
{
    Q_OBJECT
  private slots:
    void aConnectionOfTheEnvironmentIsUnderItsInvocationWhileItRuns_data()
    {
        QTest::addColumn<bool>("v6");
        QTest::newRow("IPv4 socket") << false;
        // gRPC's C++ client connects through a dual-stack socket: /proc/net/tcp6 lists its end, not tcp.
        QTest::newRow("dual-stack IPv6 socket") << true;
    }

    void aConnectionOfTheEnvironmentIsUnderItsInvocationWhileItRuns()
    {
        QFETCH(bool, v6);
        QTemporaryDir dir;
        Listener listener;
        QVERIFY(listener.port() > 0);
        FunctionConfig function = fakeFunction("probe", dir.path().toStdString());
        function.environment.emplace_back("PROBE_PORT", std::to_string(listener.port()));
        function.environment.emplace_back("PROBE_V6", v6 ? "1" : "0");
        InvokerHarness harness(function);
        auto result = std::async(std::launch::async, [&] { return harness.invoke(20000, 41); });

        const auto [fd, clientPort] = listener.accept(30000);
        QVERIFY2(fd >= 0, "the handler never connected");
        const std::vector<int> ports{listener.port()};
        const auto caller = harness.invoker().invocationOfConnection(clientPort, ports);
        QVERIFY(caller.has_value());
        QCOMPARE(caller->invocationId, std::uint64_t(41));
        QCOMPARE(caller->traceId, std::uint64_t(0)); // a batch without one single record
        QCOMPARE(harness.invoker().invocationOfConnection(clientPort, ports), caller); // remembered: the same

        // A connection of this test process to the same port belongs to no environment.
        const auto [own, ownPort] = connectTo(listener.port());
        QVERIFY(own >= 0);
        const auto [ownAccepted, unused] = listener.accept(5000);
        QVERIFY(ownAccepted >= 0);
        QCOMPARE(harness.invoker().invocationOfConnection(ownPort, ports), std::nullopt);
        // Nor does one to another port.
        QCOMPARE(harness.invoker().invocationOfConnection(clientPort, {listener.port() + 1}), std::nullopt);
        ::close(own);
        ::close(ownAccepted);

        ::close(fd); // the handler answers now
        const auto answered = result.get();
        QVERIFY(answered.has_value());
        QCOMPARE(int(answered->kind), int(InvocationResult::Kind::Returned));
        // Between invocations the environment's connections are under no invocation.
        QCOMPARE(harness.invoker().invocationOfConnection(clientPort, ports), std::nullopt);
    }

    void onlyLoopbackIpv4PeersHaveAPort()
    {
        QCOMPARE(InvocationCallObserver::loopbackPort("ipv4:127.0.0.1:54321"), 54321);
        QCOMPARE(InvocationCallObserver::loopbackPort("ipv4:127.0.0.1:1"), 1);
        for (const char *peer : {"ipv4:10.0.0.1:5000", "ipv6:[::1]:5000", "ipv4:127.0.0.1:", "ipv4:127.0.0.1:0",
                                 "ipv4:127.0.0.1:65536", "ipv4:127.0.0.1:12x", "unix:/tmp/s", ""})
            QVERIFY2(InvocationCallObserver::loopbackPort(peer) == -1, peer);
    }
};

QTEST_GUILESS_MAIN(TstCallsUnderInvocation)
#include "tst_calls_under_invocation.moc"
