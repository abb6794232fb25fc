#pragma once

#include "busy_poll.h"

#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab::aws {

/**
 * One accepted TCP connection, for BoundedHttpServer's keep-alive loop: reads through a 16 KB buffer kept for the
 * connection's whole life (bytes of a pipelined next request are not lost), with the server's read and write
 * timeouts.
 *
 * Writes are gathered and go out in one send() at flush(), which the server calls once an answer is written
 * (its headers and body in one packet); a read that must wait flushes first, so that an interim answer such as
 * `100 Continue` reaches the client before the server waits for it, and more than 256 KB gathered is sent at once.
 * Reads block in 100 ms slices (SO_RCVTIMEO), so one recv() waits for a request and reads it; a write polls only
 * when the socket is not ready at once: two system calls per request (docs/dynamodb-api.md, "Protocol"), more
 * while waitForRequest polls a quick client with non-blocking recv() calls ("Latency" there). Read timeouts are
 * counted in those slices.
 *
 * Ownership: borrows the socket; the caller closes it. Threading: one thread at a time.
 */
class SocketStream final
{
  public:
    SocketStream(int sock, int readTimeoutMs, int writeTimeoutMs);

    /// Waits up to `idleSeconds` for the next request's first byte (true), for the peer to close or fail (true:
    /// the next read says so), or gives up (false) after `idleSeconds` or once `listener` is closed (the server
    /// stops), which it notices within 100 ms. With `poll`, first polls while it allows (BusyPoll), then sleeps
    /// as not running, and tells it how the wait ended.
    bool waitForRequest(const std::atomic<int> &listener, int idleSeconds, BusyPoll::Connection *poll = nullptr);

    enum class ReadState { Data, Closed, TimedOut, Failed };
    /// The bytes received and not consumed yet. When there are none, sends what write() gathered, then waits up to
    /// the read timeout for more; empty when none came, and `state` (if given) says why.
    std::string_view received(ReadState *state = nullptr);
    /// Drops the first `n` bytes of received().
    void consume(size_t n) { m_bufferOffset += std::min(n, m_bufferSize - m_bufferOffset); }
    /// Copies up to `size` received bytes to `ptr`: how many, 0 once the peer closed, -1 on failure or timeout.
    ssize_t read(char *ptr, size_t size);

    /// Gathers `size` bytes to send; -1 once a send has failed.
    ssize_t write(const char *ptr, size_t size);
    /// Sends what write() gathered; false when the peer is gone or the write timeout passed.
    bool flush();
    /// Before the server closes a connection whose client may still be sending (a request refused unread): ends
    /// the sending side, then reads and drops what arrives until the peer closes, 1 s passes or 1 MiB was
    /// dropped. Closing with unread bytes makes the kernel reset the connection, and a reset can destroy the
    /// answer before the client reads it (RFC 9112, 9.6).
    void lingerBeforeClose();

  private:
    /// Fills the empty buffer with what one recv() gives, waiting up to the read timeout: >0 bytes, 0 the peer
    /// closed, <0 failed or timed out (`state` says which).
    ssize_t fill(ReadState &state);
    /// One recv() into the empty buffer, waiting at most one 100 ms slice: >0 bytes (now buffered), 0 the peer
    /// closed, <0 nothing came (errno EAGAIN) or the connection failed; m_ended notes a close or a failure.
    ssize_t recvSlice();
    /// Non-blocking recv() calls until one gives bytes, a close or a failure (true), or until `poll` says to stop,
    /// its window passes or `listener` is closed (false).
    bool pollForRequest(const BusyPoll::Connection &poll, std::chrono::steady_clock::time_point start,
                        const std::atomic<int> &listener);
    /// Stores what recv() returned (`n`, errno): as recvSlice says.
    void took(ssize_t n);
    bool writable() const;

    const int m_sock;
    const int m_readTimeoutMs;
    const int m_writeTimeoutMs;
    std::vector<char> m_buffer;
    size_t m_bufferOffset = 0;
    size_t m_bufferSize = 0;
    std::string m_out;                   ///< written, not sent yet
    bool m_failed = false;               ///< a send failed: every later write fails
    ReadState m_ended = ReadState::Data; ///< Closed or Failed once a recv() said so: every later read says it too
};

} // namespace orderlab::aws
