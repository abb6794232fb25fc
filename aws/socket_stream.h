#pragma once

#include <httplib.h>

#include <atomic>
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::aws {

/**
 * One accepted TCP connection as cpp-httplib's Stream, for BoundedHttpServer's keep-alive loop: reads through a
 * 4 KB buffer kept for the connection's whole life (bytes of a pipelined next request are not lost), with the read
 * and write timeouts the server was given, as httplib 0.11's own socket stream behaves.
 *
 * Writes are gathered and go out in one send() at flush(), which the server calls once a response is written
 * (httplib writes its headers and its body apart: two packets, and twice the wake-ups, otherwise); a read flushes
 * first, so that an interim answer such as `100 Continue` reaches the client before the server waits for it, and
 * more than kMaxGatheredBytes is sent at once. A read or write polls only when the socket is not ready at once:
 * three system calls per request instead of eleven (docs/dynamodb-api.md, "Serving").
 *
 * Ownership: borrows the socket; the caller closes it. Threading: one thread at a time.
 */
class SocketStream final : public httplib::Stream
{
  public:
    SocketStream(socket_t sock, time_t readTimeoutSec, time_t readTimeoutUsec, time_t writeTimeoutSec,
                 time_t writeTimeoutUsec);

    /// Waits up to `idleSeconds` for the next request's first byte (true), for the peer to close or fail (true:
    /// the next read says so), or gives up (false) after `idleSeconds` or once `listener` is closed (the server
    /// stops), which it notices within 100 ms.
    bool waitForRequest(const std::atomic<socket_t> &listener, time_t idleSeconds) const;

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char *ptr, size_t size) override;
    ssize_t write(const char *ptr, size_t size) override;
    /// Sends what write() gathered; false when the peer is gone or the write timeout passed.
    bool flush();
    void get_remote_ip_and_port(std::string &ip, int &port) const override;
    void get_local_ip_and_port(std::string &ip, int &port) const override;
    socket_t socket() const override { return m_sock; }

  private:
    /// One end of the connection (getpeername or getsockname), asked once and kept in `cache`.
    const std::pair<std::string, int> &address(std::optional<std::pair<std::string, int>> &cache,
                                               int (*query)(int, sockaddr *, socklen_t *)) const;

    const socket_t m_sock;
    const int m_readTimeoutMs;
    const int m_writeTimeoutMs;
    std::vector<char> m_buffer;
    size_t m_bufferOffset = 0;
    size_t m_bufferSize = 0;
    std::string m_out;     ///< written, not sent yet
    bool m_failed = false; ///< a send failed: every later write fails
    /// The connection's two ends, asked of the kernel once (httplib asks for every request).
    mutable std::optional<std::pair<std::string, int>> m_remote, m_local;
};

} // namespace orderlab::aws
