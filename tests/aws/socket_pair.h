#pragma once
// A connected socket pair for tests of the DynamoDB port's connection code: the server's end read and written
// through a SocketStream (2 s timeouts), the client's end raw. Owns both ends. One test thread, plus at most one
// helper thread that only calls send().

#include "socket_stream.h"

#include <QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

namespace orderlab::test {

struct SocketPair
{
    SocketPair()
    {
        int fds[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        server = fds[0];
        client = fds[1];
        stream = std::make_unique<aws::SocketStream>(server, 2000, 2000);
    }
    ~SocketPair()
    {
        stream.reset();
        ::close(server);
        if (client >= 0)
            ::close(client);
    }
    SocketPair(const SocketPair &) = delete;
    SocketPair &operator=(const SocketPair &) = delete;

    void send(const std::string &bytes) const
    {
        QCOMPARE(::send(client, bytes.data(), bytes.size(), 0), ssize_t(bytes.size()));
    }
    void closeClient()
    {
        ::close(client);
        client = -1;
    }
    /// What the server side wrote to the client so far, without waiting.
    std::string answered() const
    {
        char buffer[512];
        const ssize_t n = ::recv(client, buffer, sizeof buffer, MSG_DONTWAIT);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
    }

    int server = -1, client = -1;
    std::unique_ptr<aws::SocketStream> stream;
};

} // namespace orderlab::test
