// bench_floor_server [--poll-us N (default 50)]
//
// The floor under scripts/bench-dynamodb's numbers: an HTTP/1.1 keep-alive server on 127.0.0.1 (a free port, printed
// as "floor listening on 127.0.0.1:PORT") that answers every request at once with one fixed DynamoDB-shaped answer
// and does no other work. A connection's thread waits for its requests as orderlab's DynamoDB port does
// (SocketStream with BusyPoll, docs/dynamodb-api.md "Latency"; --poll-us 0 sleeps), and finds a request's end by
// its blank line and Content-Length, without a parser. What bench_dynamodb measures against it is what the machine,
// the kernel and the client cost; orderlab's own work is the difference. One thread per connection, for as many
// connections as the benchmark opens; never run by ctest. Exit status: 1 could not listen, 2 bad usage.
#include "busy_poll.h"
#include "socket_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

namespace {

using orderlab::aws::BusyPoll;
using orderlab::aws::SocketStream;

const std::string kBody =
    R"({"Table":{"TableName":"bench","TableStatus":"ACTIVE"},"Count":100,"Item":{"pk":{"S":"item-1"},)"
    R"("sk":{"N":"0"},"status":{"S":"baking"},"count":{"N":"1"},"note":{"S":")" +
    std::string(120, 'x') + R"("}}})";

const std::string kAnswer =
    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + std::to_string(kBody.size()) +
    "\r\nx-amzn-RequestId: FLOORFLOORFLOORFLOORFLOORFLOORFLOORFLOORFLOORFLOORFL\r\n"
    "x-amz-crc32: 0\r\nConnection: keep-alive\r\n\r\n" +
    kBody;

/// The length of the first whole request in `bytes` (head and Content-Length body), or 0 when it is not whole yet.
std::size_t wholeRequest(const std::string &bytes)
{
    const std::size_t end = bytes.find("\r\n\r\n");
    if (end == std::string::npos)
        return 0;
    std::size_t length = 0;
    for (std::size_t at = bytes.find("\r\n"); at < end; at = bytes.find("\r\n", at + 2))
        if (::strncasecmp(bytes.c_str() + at + 2, "content-length:", 15) == 0)
            length = std::strtoul(bytes.c_str() + at + 17, nullptr, 10);
    return bytes.size() >= end + 4 + length ? end + 4 + length : 0;
}

void serve(int sock, BusyPoll &poll, const std::atomic<int> &listener)
{
    SocketStream stream(sock, 60000, 60000);
    BusyPoll::Connection polling(poll);
    std::string pending;
    while (stream.waitForRequest(listener, 60, &polling)) {
        std::size_t length = 0;
        while ((length = wholeRequest(pending)) == 0) {
            const std::string_view bytes = stream.received();
            if (bytes.empty()) {
                ::close(sock);
                return;
            }
            pending.append(bytes);
            stream.consume(bytes.size());
        }
        pending.erase(0, length);
        stream.write(kAnswer.data(), kAnswer.size());
        if (!stream.flush())
            break;
    }
    ::close(sock);
}

} // namespace

int main(int argc, char **argv)
{
    long pollUs = 50;
    if (argc == 3 && std::strcmp(argv[1], "--poll-us") == 0) {
        char *end = nullptr;
        pollUs = std::strtol(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0' || pollUs < 0 || pollUs > 10000) {
            std::fprintf(stderr, "bench_floor_server: --poll-us wants a whole number from 0 to 10000, got '%s'\n",
                         argv[2]);
            return 2;
        }
    } else if (argc != 1) {
        std::fprintf(stderr, "usage: bench_floor_server [--poll-us N]\n");
        return 2;
    }
    static std::atomic<int> listener{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener, 128) != 0 || ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &size) != 0) {
        std::fprintf(stderr, "bench_floor_server: cannot listen on 127.0.0.1: %s\n", std::strerror(errno));
        return 1;
    }
    std::printf("floor listening on 127.0.0.1:%d\n", ntohs(address.sin_port));
    std::fflush(stdout);
    orderlab::aws::BusyPollSettings settings;
    settings.window = std::chrono::microseconds(pollUs);
    static BusyPoll poll(settings);
    for (;;) {
        const int sock = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (sock < 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10)); // out of descriptors: the client backs off
            continue;
        }
        const int one = 1;
        ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::thread(serve, sock, std::ref(poll), std::cref(listener)).detach();
    }
}
