#include "keep_alive_client.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

namespace orderlab::bench {

KeepAliveClient::KeepAliveClient(int port, std::chrono::microseconds pollWindow)
    : m_port(port), m_pollWindow(pollWindow)
{
}

KeepAliveClient::~KeepAliveClient()
{
    closeNow();
}

void KeepAliveClient::closeNow()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_start = m_end = 0;
}

bool KeepAliveClient::connectNow(std::string *error)
{
    closeNow();
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        *error = std::string("socket: ") + std::strerror(errno);
        return false;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(m_port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        *error = "connect to 127.0.0.1:" + std::to_string(m_port) + ": " + std::strerror(errno);
        closeNow();
        return false;
    }
    return true;
}

bool KeepAliveClient::fill(std::string *error)
{
    if (m_start > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_start, m_end - m_start);
        m_end -= m_start;
        m_start = 0;
    }
    if (m_end == m_buffer.size())
        m_buffer.resize(m_buffer.size() * 2);
    ssize_t n = -1;
    if (m_pollWindow.count() > 0) {
        const auto until = std::chrono::steady_clock::now() + m_pollWindow;
        do
            n = ::recv(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end, MSG_DONTWAIT);
        while (n < 0 && (errno == EAGAIN || errno == EINTR) && std::chrono::steady_clock::now() < until);
    }
    if (n < 0 && (m_pollWindow.count() == 0 || errno == EAGAIN || errno == EINTR))
        do
            n = ::recv(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end, 0);
        while (n < 0 && errno == EINTR);
    if (n > 0) {
        m_end += static_cast<std::size_t>(n);
        return true;
    }
    *error = n == 0 ? "the server closed the connection" : std::string("recv: ") + std::strerror(errno);
    return false;
}

int KeepAliveClient::post(const std::string &headers, const std::string &body, std::string *answer, std::string *error)
{
    m_request.assign("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    m_request += headers;
    m_request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    m_request += body;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_fd < 0 && !connectNow(error))
            return 0;
        std::size_t sent = 0;
        while (sent < m_request.size()) {
            const ssize_t n = ::send(m_fd, m_request.data() + sent, m_request.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            sent += static_cast<std::size_t>(n);
        }
        int status = 0;
        if (sent == m_request.size() && readAnswer(&status, answer, error))
            return status;
        closeNow(); // a keep-alive connection the server closed: once more on a new one
    }
    return 0;
}

bool KeepAliveClient::readAnswer(int *status, std::string *answer, std::string *error)
{
    std::size_t end;
    while ((end = unread().find("\r\n\r\n")) == std::string_view::npos)
        if (!fill(error))
            return false;
    const std::string head(unread().substr(0, end));
    if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) {
        *error = "not an HTTP answer";
        return false;
    }
    *status = std::atoi(head.c_str() + 9);
    long length = -1;
    bool chunked = false;
    for (std::size_t at = head.find("\r\n"); at != std::string::npos;) {
        const std::size_t next = head.find("\r\n", at + 2);
        const std::string line = head.substr(at + 2, (next == std::string::npos ? head.size() : next) - at - 2);
        if (line.size() > 15 && ::strncasecmp(line.c_str(), "content-length:", 15) == 0)
            length = std::atol(line.c_str() + 15);
        else if (line.size() > 18 && ::strncasecmp(line.c_str(), "transfer-encoding:", 18) == 0 &&
                 line.find("chunked") != std::string::npos)
            chunked = true;
        at = next;
    }
    m_start += end + 4;
    answer->clear();
    if (!chunked) {
        if (length < 0) {
            *error = "an answer with neither Content-Length nor chunks";
            return false;
        }
        while (unread().size() < static_cast<std::size_t>(length))
            if (!fill(error))
                return false;
        answer->assign(unread().substr(0, static_cast<std::size_t>(length)));
        m_start += static_cast<std::size_t>(length);
        return true;
    }
    for (;;) {
        std::size_t eol;
        while ((eol = unread().find("\r\n")) == std::string_view::npos)
            if (!fill(error))
                return false;
        const std::size_t size = std::strtoul(std::string(unread().substr(0, eol)).c_str(), nullptr, 16);
        m_start += eol + 2;
        while (unread().size() < size + 2)
            if (!fill(error))
                return false;
        answer->append(unread().substr(0, size));
        m_start += size + 2;
        if (size == 0)
            return true;
    }
}

} // namespace orderlab::bench
