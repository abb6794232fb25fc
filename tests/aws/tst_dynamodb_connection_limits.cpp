// The DynamoDB port's bounded connections (docs/memory-bounds.md, "The DynamoDB port"): with every worker busy
// and the waiting room full, a new connection is closed at once, unread; the connections being served still
// answer and the waiting ones are served as workers free up. And how a connection's answers travel (SocketStream):
// each in one piece, a malformed request's answer, a body too large, HTTP/1.0 and HEAD, pipelined requests,
// `Expect: 100-continue`. Raw sockets on 127.0.0.1, an ephemeral port. The request reader alone:
// tst_http_request_reader.
#include "dynamodb_service.h"
#include "socket_stream.h"
#include "world/world.h"

#include <QtTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <future>
#include <memory>
#include <string>

using namespace orderlab;
using namespace orderlab::aws;

namespace {

/// Generous waits, a safety net for a loaded machine and never a measure: every wait ends on an event.
constexpr int kWaitMs = 10000;

const std::string kListTables = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                                "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}";

/// One client connection, blocking, owned.
class Connection
{
  public:
    explicit Connection(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    }
    ~Connection() { close(); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool connected() const { return m_connected; }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    bool send(const std::string &bytes) const
    {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    /// The status of the next whole response (headers and Content-Length body); -1 if the connection closes or
    /// nothing whole arrives within kWaitMs.
    int response()
    {
        for (;;) {
            const auto end = m_received.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto at = m_received.find("Content-Length: ");
                const std::size_t length = at < end ? std::stoul(m_received.substr(at + 16)) : 0;
                if (m_received.size() >= end + 4 + length) {
                    const int status = std::stoi(m_received.substr(9, 3));
                    m_received.erase(0, end + 4 + length);
                    return status;
                }
            }
            if (receive() <= 0)
                return -1;
        }
    }
    /// What one recv() gets (after waiting up to kWaitMs for it), without what response() kept.
    std::string oneArrival()
    {
        m_received.clear();
        receive();
        std::string got;
        got.swap(m_received);
        return got;
    }
    /// True when the server closes (EOF or reset) within kWaitMs without sending anything first.
    bool closedUnanswered()
    {
        const ssize_t n = receive();
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

  private:
    /// Bytes received, 0 at EOF, -1 on an error or when none arrive within kWaitMs (errno ETIMEDOUT).
    ssize_t receive()
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, kWaitMs) <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        char buffer[4096];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0)
            m_received.append(buffer, static_cast<std::size_t>(n));
        return n;
    }

    int m_fd = -1;
    bool m_connected = false;
    std::string m_received;
};

/// The backlog the kernel gives this process's listening socket on 127.0.0.1:`port` (TCP_INFO's tcpi_sacked of a
/// listener); -1 when there is none.
int listenBacklog(int port)
{
    for (int fd = 0; fd < 4096; ++fd) {
        int listening = 0;
        socklen_t length = sizeof listening;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0 || !listening)
            continue;
        sockaddr_in addr{};
        length = sizeof addr;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0 || addr.sin_family != AF_INET ||
            ntohs(addr.sin_port) != port)
            continue;
        tcp_info info{};
        length = sizeof info;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
            return -1;
        return static_cast<int>(info.tcpi_sacked);
    }
    return -1;
}

HttpConnectionLimits limitsOf(std::size_t workers, std::size_t waiting)
{
    HttpConnectionLimits limits;
    limits.workers = workers;
    limits.maxPendingConnections = waiting;
    return limits;
}

struct Harness
{
    explicit Harness(HttpConnectionLimits limits) : world(WorldConfig{})
    {
        auto made = std::make_unique<DynamoDbService>(0, "127.0.0.1", nullptr, limits);
        service = made.get();
        world.addService(std::move(made));
    }
    World world;
    DynamoDbService *service = nullptr;
};

} // namespace

class DynamoDbConnectionLimitsTest : public QObject
{
    Q_OBJECT

  private slots:
    void beyondWorkersAndWaitingConnectionsAreClosedAtOnce()
    {
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        const int port = server.service->port();
        // Two connections take both workers and keep them (keep-alive).
        Connection a(port), b(port);
        QVERIFY(a.send(kListTables) && b.send(kListTables));
        QCOMPARE(a.response(), 200);
        QCOMPARE(b.response(), 200);
        // Two more wait for a worker, their requests sent and not yet read.
        Connection c(port), d(port);
        QVERIFY(c.connected() && d.connected());
        QVERIFY(c.send(kListTables) && d.send(kListTables));
        // Beyond that, every new connection is accepted by the kernel and then closed by orderlab unanswered.
        for (int i = 0; i < 5; ++i) {
            Connection excess(port);
            QVERIFY(excess.connected());
            excess.send(kListTables); // may already fail: the server may have closed it
            QVERIFY2(excess.closedUnanswered(), qPrintable(QString("excess connection %1 was not closed").arg(i)));
        }
        QCOMPARE(server.service->refusedConnections(), std::uint64_t(5));
        // The connections being served still answer ...
        QVERIFY(a.send(kListTables) && b.send(kListTables));
        QCOMPARE(a.response(), 200);
        QCOMPARE(b.response(), 200);
        // ... and the waiting ones were queued, not dropped: each is answered once a worker is free.
        a.close();
        QCOMPARE(c.response(), 200);
        b.close();
        QCOMPARE(d.response(), 200);
        QVERIFY(c.send(kListTables));
        QCOMPARE(c.response(), 200);
        QCOMPARE(server.service->refusedConnections(), std::uint64_t(5));
        server.world.stop();
    }

    void noWaitingRoomServesOnlyWhatTheWorkersTake()
    {
        Harness server(limitsOf(1, 0));
        QCOMPARE(server.world.start(), std::string());
        const int port = server.service->port();
        auto a = std::make_unique<Connection>(port);
        QVERIFY(a->send(kListTables));
        QCOMPARE(a->response(), 200);
        Connection refused(port);
        QVERIFY(refused.closedUnanswered());
        a.reset();
        // The worker is free once it has seen the close; until then a new connection may still be refused.
        int status = -1;
        for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
            Connection next(port);
            if (next.send(kListTables))
                status = next.response();
            if (status != 200)
                QTest::qWait(50);
        }
        QCOMPARE(status, 200);
        server.world.stop();
    }

    void theKernelHoldsAsManyUnacceptedConnectionsAsWorkersAndWaiting()
    {
        // httplib listens with a backlog of 5: 16 clients connecting at once were now and then reset by the
        // kernel (scripts/bench-dynamodb saw "Read" errors) before orderlab could accept them.
        Harness server(limitsOf(16, 64));
        QCOMPARE(server.world.start(), std::string());
        QCOMPARE(listenBacklog(server.service->port()), 80);
        server.world.stop();
    }

    void anAnswerArrivesInOnePieceWithItsHeaders()
    {
        // httplib writes an answer's headers and body apart: two packets, and the client woken twice.
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection a(server.service->port());
        QVERIFY(a.send(kListTables));
        const std::string got = a.oneArrival();
        QVERIFY2(got.rfind("HTTP/1.1 200", 0) == 0, got.c_str());
        QVERIFY2(got.size() > 4 && got.compare(got.size() - 2, 2, "]}") == 0, got.c_str()); // {"TableNames":[...]}
        server.world.stop();
    }

    void writesGoOutTogetherAtFlush()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        {
            SocketStream stream(fds[0], 1000, 1000);
            QCOMPARE(stream.write("HTTP/1.1 200 OK\r\n\r\n", 19), ssize_t(19));
            QCOMPARE(stream.write("{}", 2), ssize_t(2));
            char buffer[64];
            QCOMPARE(::recv(fds[1], buffer, sizeof buffer, MSG_DONTWAIT), ssize_t(-1)); // nothing sent yet
            QVERIFY(stream.flush());
            QCOMPARE(::recv(fds[1], buffer, sizeof buffer, MSG_DONTWAIT), ssize_t(21));
            // A read sends what was written first (an interim `100 Continue` before the server waits for a body).
            QCOMPARE(stream.write("HTTP/1.1 100 Continue\r\n\r\n", 25), ssize_t(25));
            QCOMPARE(::send(fds[1], "{}", 2, 0), ssize_t(2));
            char body[2];
            QCOMPARE(stream.read(body, 2), ssize_t(2));
            QCOMPARE(::recv(fds[1], buffer, sizeof buffer, MSG_DONTWAIT), ssize_t(25));
            // Once the peer is gone, a flush says so.
            ::close(fds[1]);
            QCOMPARE(stream.write("x", 1), ssize_t(1));
            QVERIFY(!stream.flush());
            QCOMPARE(stream.write("x", 1), ssize_t(-1));
        }
        ::close(fds[0]);
    }

    void aMalformedRequestIsAnswered400AndTheConnectionCloses()
    {
        // After a request that is not HTTP the stream cannot be trusted to find the next one (RFC 9112, 2.2).
        // cpp-httplib's reader went on reading, and answered "GARBAGE\r\n\r\n" twice.
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection a(server.service->port());
        QVERIFY(a.send("NONSENSE\r\n\r\n" + kListTables)); // a request line that is not one
        const std::string got = a.oneArrival();
        QVERIFY2(got.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0, got.c_str());
        QVERIFY2(got.find("Connection: close\r\n") != std::string::npos, got.c_str());
        QVERIFY(a.closedUnanswered());
        Connection b(server.service->port()); // the port goes on
        QVERIFY(b.send(kListTables));
        QCOMPARE(b.response(), 200);
        server.world.stop();
    }

    void aBodyOver16MbIsRefusedUnreadWithDynamoDbsError()
    {
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection a(server.service->port());
        QVERIFY(a.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                       "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 20000000\r\n\r\n{"));
        std::string got;
        while (got.find("bytes\"}") == std::string::npos) { // the error body's end
            const std::string more = a.oneArrival();
            QVERIFY2(!more.empty(), got.c_str());
            got += more;
        }
        QVERIFY2(got.rfind("HTTP/1.1 413 Payload Too Large\r\n", 0) == 0, got.c_str());
        QVERIFY2(got.find("Connection: close\r\n") != std::string::npos, got.c_str());
        QVERIFY2(got.find("RequestEntityTooLarge") != std::string::npos, got.c_str());
        QVERIFY2(got.find("Request size 20000000 exceeded 16777216 bytes") != std::string::npos, got.c_str());
        QVERIFY(a.closedUnanswered());
        server.world.stop();
    }

    void http10AndHeadAreAnsweredAsTheyAsk()
    {
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection head(server.service->port());
        QVERIFY(head.send("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        std::string got = head.oneArrival();
        QVERIFY2(got.rfind("HTTP/1.1 400 ", 0) == 0, got.c_str()); // not POST: SerializationException
        QVERIFY2(got.size() >= 4 && got.compare(got.size() - 4, 4, "\r\n\r\n") == 0, got.c_str()); // no body
        QVERIFY(head.send(kListTables));
        QCOMPARE(head.response(), 200); // keep-alive: the connection goes on
        Connection old(server.service->port());
        std::string request = kListTables;
        request.replace(request.find("HTTP/1.1"), 8, "HTTP/1.0");
        QVERIFY(old.send(request));
        got = old.oneArrival();
        QVERIFY2(got.rfind("HTTP/1.0 200 OK\r\n", 0) == 0, got.c_str());
        QVERIFY2(got.find("Connection: close\r\n") != std::string::npos, got.c_str());
        QVERIFY(old.closedUnanswered()); // HTTP/1.0 without keep-alive: one request
        server.world.stop();
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection a(server.service->port());
        const std::string unknown = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                                    "X-Amz-Target: DynamoDB_20120810.Nothing\r\nContent-Length: 2\r\n\r\n{}";
        QVERIFY(a.send(kListTables + unknown + kListTables));
        QCOMPARE(a.response(), 200);
        QCOMPARE(a.response(), 400);
        QCOMPARE(a.response(), 200);
        server.world.stop();
    }

    void aClientThatExpects100ContinueIsToldToGoOn()
    {
        // The interim answer must go out before the server waits for the body, though answers are gathered.
        Harness server(limitsOf(2, 2));
        QCOMPARE(server.world.start(), std::string());
        Connection a(server.service->port());
        QVERIFY(a.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                       "X-Amz-Target: DynamoDB_20120810.ListTables\r\nExpect: 100-continue\r\n"
                       "Content-Length: 2\r\n\r\n"));
        QCOMPARE(a.response(), 100);
        QVERIFY(a.send("{}"));
        QCOMPARE(a.response(), 200);
        server.world.stop();
    }

    void aQuickClientsRequestsAreFoundByPollingUnlessPollingIsOff()
    {
        for (const long long windowUs : {60000000LL, 0LL}) { // 60 s: longer than this client takes; 0: off
            HttpConnectionLimits limits;
            limits.poll.window = std::chrono::microseconds(windowUs);
            limits.poll.maxRunning = 1;
            Harness server(limits);
            QCOMPARE(server.world.start(), std::string());
            Connection client(server.service->port());
            for (int i = 0; i < 5; ++i) {
                QVERIFY(client.send(kListTables));
                QCOMPARE(client.response(), 200);
            }
            QCOMPARE(server.service->polledWaits(), std::uint64_t(windowUs > 0 ? 5 : 0));
            QCOMPARE(server.service->sleptWaits(), std::uint64_t(windowUs > 0 ? 0 : 5));
            // A connection being polled (for up to 60 s) still ends when the server stops, as a sleeping one does.
            auto stopped = std::async(std::launch::async, [&] { server.world.stop(); });
            QVERIFY2(stopped.wait_for(std::chrono::milliseconds(kWaitMs)) == std::future_status::ready,
                     "stop() waited for a polling connection's window");
        }
    }

    void stopEndsIdleAndWaitingConnections()
    {
        // httplib's own loop kept an idle keep-alive connection, and so stop(), for its whole 60 s keep-alive time.
        Harness server(limitsOf(1, 1));
        QCOMPARE(server.world.start(), std::string());
        const int port = server.service->port();
        Connection idle(port);
        QVERIFY(idle.send(kListTables));
        QCOMPARE(idle.response(), 200);
        Connection waiting(port);
        QVERIFY(waiting.connected());
        // Watched while stop() runs: stop() itself would return either way, only later.
        auto idleClosed = std::async(std::launch::async, [&] { return idle.closedUnanswered(); });
        auto waitingClosed = std::async(std::launch::async, [&] { return waiting.closedUnanswered(); });
        server.world.stop();
        QVERIFY2(idleClosed.get(), "the idle keep-alive connection was not closed within 10 s of stop()");
        QVERIFY(waitingClosed.get());
    }
};

QTEST_GUILESS_MAIN(DynamoDbConnectionLimitsTest)
#include "tst_dynamodb_connection_limits.moc"
