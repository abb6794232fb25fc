#include "socket_stream.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <tuple>

namespace orderlab::aws {

namespace {

constexpr size_t kBufferBytes = 4096;
constexpr size_t kMaxGatheredBytes = 256 * 1024;
constexpr int kStopCheckMs = 100;

int toMs(time_t sec, time_t usec)
{
    return static_cast<int>(sec * 1000 + usec / 1000);
}

/// poll() for `events` on one socket, retried on EINTR: >0 ready, 0 timed out, <0 failed.
int pollOne(socket_t sock, short events, int timeoutMs)
{
    pollfd p{sock, events, 0};
    int n;
    do
        n = ::poll(&p, 1, timeoutMs);
    while (n < 0 && errno == EINTR);
    return n;
}

/// httplib's test before a write: the peer has neither closed nor reset the connection.
bool peerStillThere(socket_t sock)
{
    const int ready = pollOne(sock, POLLIN, 0);
    if (ready == 0)
        return true;
    if (ready < 0)
        return errno != EBADF;
    char c;
    ssize_t n;
    do
        n = ::recv(sock, &c, 1, MSG_PEEK);
    while (n < 0 && errno == EINTR);
    return n > 0;
}

void ipAndPort(const sockaddr_storage &addr, socklen_t len, std::string &ip, int &port)
{
    char host[NI_MAXHOST];
    if (::getnameinfo(reinterpret_cast<const sockaddr *>(&addr), len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) ==
        0)
        ip = host;
    if (addr.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in &>(addr).sin_port);
    else if (addr.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 &>(addr).sin6_port);
}

} // namespace

SocketStream::SocketStream(socket_t sock, time_t readTimeoutSec, time_t readTimeoutUsec, time_t writeTimeoutSec,
                           time_t writeTimeoutUsec)
    : m_sock(sock), m_readTimeoutMs(toMs(readTimeoutSec, readTimeoutUsec)),
      m_writeTimeoutMs(toMs(writeTimeoutSec, writeTimeoutUsec)), m_buffer(kBufferBytes)
{
}

bool SocketStream::waitForRequest(const std::atomic<socket_t> &listener, time_t idleSeconds) const
{
    if (m_bufferOffset < m_bufferSize)
        return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(idleSeconds);
    while (listener != INVALID_SOCKET) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        const int ready = pollOne(m_sock, POLLIN, static_cast<int>(std::min<long long>(left.count(), kStopCheckMs)));
        if (ready != 0)
            return ready > 0;
    }
    return false;
}

bool SocketStream::is_readable() const
{
    return pollOne(m_sock, POLLIN, m_readTimeoutMs) > 0;
}

bool SocketStream::is_writable() const
{
    return pollOne(m_sock, POLLOUT, m_writeTimeoutMs) > 0 && peerStillThere(m_sock);
}

ssize_t SocketStream::read(char *ptr, size_t size)
{
    if (m_bufferOffset < m_bufferSize) {
        if (size == 1) { // httplib reads a request's line and headers a byte at a time
            *ptr = m_buffer[m_bufferOffset++];
            return 1;
        }
        const size_t n = std::min(size, m_bufferSize - m_bufferOffset);
        std::memcpy(ptr, m_buffer.data() + m_bufferOffset, n);
        m_bufferOffset += n;
        return static_cast<ssize_t>(n);
    }
    if (!m_out.empty() && !flush())
        return -1;
    m_bufferOffset = m_bufferSize = 0;
    const bool direct = size >= m_buffer.size();
    char *into = direct ? ptr : m_buffer.data();
    const size_t room = direct ? size : m_buffer.size();
    ssize_t n;
    do
        n = ::recv(m_sock, into, room, MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!is_readable())
            return -1;
        do
            n = ::recv(m_sock, into, room, 0);
        while (n < 0 && errno == EINTR);
    }
    if (n <= 0 || direct)
        return n;
    const size_t got = static_cast<size_t>(n);
    const size_t now = std::min(size, got);
    std::memcpy(ptr, m_buffer.data(), now);
    if (got > now) {
        m_bufferOffset = now;
        m_bufferSize = got;
    }
    return static_cast<ssize_t>(now);
}

ssize_t SocketStream::write(const char *ptr, size_t size)
{
    if (m_failed)
        return -1;
    m_out.append(ptr, size);
    if (m_out.size() > kMaxGatheredBytes && !flush())
        return -1;
    return static_cast<ssize_t>(size);
}

bool SocketStream::flush()
{
    size_t sent = 0;
    while (!m_failed && sent < m_out.size()) {
        const ssize_t n = ::send(m_sock, m_out.data() + sent, m_out.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += static_cast<size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_failed = !is_writable();
        } else {
            m_failed = true;
        }
    }
    m_out.clear();
    if (m_out.capacity() > kMaxGatheredBytes)
        m_out.shrink_to_fit();
    return !m_failed;
}

void SocketStream::get_remote_ip_and_port(std::string &ip, int &port) const
{
    std::tie(ip, port) = address(m_remote, ::getpeername);
}

void SocketStream::get_local_ip_and_port(std::string &ip, int &port) const
{
    std::tie(ip, port) = address(m_local, ::getsockname);
}

const std::pair<std::string, int> &SocketStream::address(std::optional<std::pair<std::string, int>> &cache,
                                                         int (*query)(int, sockaddr *, socklen_t *)) const
{
    if (!cache) {
        cache.emplace(std::string(), 0);
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        if (query(m_sock, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
            ipAndPort(addr, len, cache->first, cache->second);
    }
    return *cache;
}

} // namespace orderlab::aws
