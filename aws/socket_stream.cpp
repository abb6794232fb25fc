#include "socket_stream.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace orderlab::aws {

namespace {

constexpr size_t kBufferBytes = 16 * 1024;
constexpr size_t kMaxGatheredBytes = 256 * 1024;
constexpr int kStopCheckMs = 100;

/// poll() for `events` on one socket, retried on EINTR: >0 ready, 0 timed out, <0 failed.
int pollOne(int sock, short events, int timeoutMs)
{
    pollfd p{sock, events, 0};
    int n;
    do
        n = ::poll(&p, 1, timeoutMs);
    while (n < 0 && errno == EINTR);
    return n;
}

/// httplib's test before a write: the peer has neither closed nor reset the connection.
bool peerStillThere(int sock)
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

} // namespace

SocketStream::SocketStream(int sock, int readTimeoutMs, int writeTimeoutMs)
    : m_sock(sock), m_readTimeoutMs(readTimeoutMs), m_writeTimeoutMs(writeTimeoutMs), m_buffer(kBufferBytes)
{
    // Reads block in slices, so that one recv() both waits for a request and reads it (a poll() first cost a
    // system call per request), and a wait still notices stop() and its deadline between slices.
    const timeval slice{0, kStopCheckMs * 1000};
    ::setsockopt(m_sock, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
}

ssize_t SocketStream::recvSlice()
{
    ssize_t n;
    do
        n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
    while (n < 0 && errno == EINTR);
    took(n);
    return n;
}

void SocketStream::took(ssize_t n)
{
    if (n > 0) {
        m_bufferOffset = 0;
        m_bufferSize = static_cast<size_t>(n);
    } else if (n == 0) {
        m_ended = ReadState::Closed;
    } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
        m_ended = ReadState::Failed;
    }
}

bool SocketStream::pollForRequest(const BusyPoll::Connection &poll, std::chrono::steady_clock::time_point start,
                                  const std::atomic<int> &listener)
{
    const auto end = poll.pollUntil(start);
    do {
        const ssize_t n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        took(n);
        if (n >= 0 || m_ended != ReadState::Data)
            return true;
    } while (poll.mayGoOnPolling() && listener >= 0 && std::chrono::steady_clock::now() < end);
    return false;
}

bool SocketStream::waitForRequest(const std::atomic<int> &listener, int idleSeconds, BusyPoll::Connection *poll)
{
    if (m_bufferOffset < m_bufferSize || m_ended != ReadState::Data)
        return true;
    if (!m_out.empty() && !flush())
        return true; // the next read says the connection failed
    const auto start = std::chrono::steady_clock::now();
    if (poll && poll->shouldPoll() && poll->mayGoOnPolling() && pollForRequest(*poll, start, listener)) {
        poll->waited(std::chrono::steady_clock::now() - start, true);
        return true;
    }
    if (poll)
        poll->sleeping();
    const auto deadline = start + std::chrono::seconds(idleSeconds);
    bool came = false;
    while (listener >= 0) {
        if (recvSlice() >= 0 || m_ended != ReadState::Data) {
            came = true;
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline)
            break;
    }
    if (poll) {
        poll->awake();
        if (came)
            poll->waited(std::chrono::steady_clock::now() - start, false);
    }
    return came;
}

bool SocketStream::writable() const
{
    return pollOne(m_sock, POLLOUT, m_writeTimeoutMs) > 0 && peerStillThere(m_sock);
}

std::string_view SocketStream::received(ReadState *state)
{
    ReadState st = ReadState::Data;
    if (m_bufferOffset >= m_bufferSize) {
        m_bufferOffset = m_bufferSize = 0;
        fill(st);
    }
    if (state)
        *state = st;
    return {m_buffer.data() + m_bufferOffset, m_bufferSize - m_bufferOffset};
}

ssize_t SocketStream::fill(ReadState &state)
{
    if (!m_out.empty() && !flush())
        m_ended = ReadState::Failed;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_readTimeoutMs);
    while (m_ended == ReadState::Data) {
        const ssize_t n = recvSlice();
        if (n > 0) {
            state = ReadState::Data;
            return n;
        }
        if (n < 0 && m_ended == ReadState::Data && std::chrono::steady_clock::now() >= deadline) {
            state = ReadState::TimedOut;
            return -1;
        }
    }
    state = m_ended;
    return state == ReadState::Closed ? 0 : -1;
}

void SocketStream::lingerBeforeClose()
{
    constexpr size_t kMaxDropped = 1024 * 1024;
    ::shutdown(m_sock, SHUT_WR);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    size_t dropped = 0;
    while (m_ended == ReadState::Data && dropped < kMaxDropped && std::chrono::steady_clock::now() < deadline) {
        const ssize_t n = recvSlice();
        if (n > 0)
            dropped += static_cast<size_t>(n);
    }
    m_bufferOffset = m_bufferSize = 0;
}

ssize_t SocketStream::read(char *ptr, size_t size)
{
    ReadState state = ReadState::Data;
    const std::string_view bytes = received(&state);
    if (bytes.empty())
        return state == ReadState::Closed ? 0 : -1;
    const size_t n = std::min(size, bytes.size());
    std::memcpy(ptr, bytes.data(), n);
    consume(n);
    return static_cast<ssize_t>(n);
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
            m_failed = !writable();
        } else {
            m_failed = true;
        }
    }
    m_out.clear();
    if (m_out.capacity() > kMaxGatheredBytes)
        m_out.shrink_to_fit();
    return !m_failed;
}

} // namespace orderlab::aws
