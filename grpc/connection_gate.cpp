#include "connection_gate.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orderlab {

namespace {

/// The inode of the socket `fd` refers to, or 0 when it is not an open socket.
std::uint64_t socketInode(int fd)
{
    struct stat st
    {
    };
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
        return 0;
    return static_cast<std::uint64_t>(st.st_ino);
}

} // namespace

ConnectionGate::ConnectionGate(Options options) : m_options(std::move(options)) {}

ConnectionGate::~ConnectionGate()
{
    stop();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

std::size_t ConnectionGate::raiseDescriptorLimit()
{
    struct rlimit lim
    {
    };
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        struct rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            lim = raised;
    }
    return lim.rlim_cur == RLIM_INFINITY ? std::size_t(1) << 20 : static_cast<std::size_t>(lim.rlim_cur);
}

std::size_t ConnectionGate::capFor(std::size_t maxConnections, std::size_t fdLimit)
{
    const std::size_t byLimit = fdLimit > 512 ? fdLimit - 256 : fdLimit / 2;
    return std::max<std::size_t>(1, std::min(maxConnections, byLimit));
}

bool ConnectionGate::listen(std::string *error)
{
    const std::string where = m_options.host + " port " + std::to_string(m_options.port);
    auto fail = [&](const std::string &why) {
        if (error)
            *error = "cannot listen on " + where + ": " + why;
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    };
    if (m_options.port < 0 || m_options.port > 65535)
        return fail("port out of range");
    struct addrinfo hints
    {
    };
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    struct addrinfo *found = nullptr;
    const std::string service = std::to_string(m_options.port);
    if (int rc = getaddrinfo(m_options.host.c_str(), service.c_str(), &hints, &found); rc != 0)
        return fail(gai_strerror(rc));
    std::string why = "no address";
    for (auto *a = found; a; a = a->ai_next) {
        m_listenFd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (m_listenFd < 0) {
            why = std::strerror(errno);
            continue;
        }
        const int one = 1;
        setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(m_listenFd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(m_listenFd, m_options.backlog) == 0)
            break;
        why = std::strerror(errno);
        ::close(m_listenFd);
        m_listenFd = -1;
    }
    freeaddrinfo(found);
    if (m_listenFd < 0)
        return fail(why);
    struct sockaddr_storage bound
    {
    };
    socklen_t len = sizeof bound;
    if (getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&bound), &len) != 0)
        return fail(std::strerror(errno));
    m_port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port)
                                         : ntohs(reinterpret_cast<sockaddr_in *>(&bound)->sin_port);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0)
        return fail(std::strerror(errno));
    m_cap = capFor(m_options.maxConnections, raiseDescriptorLimit());
    return true;
}

void ConnectionGate::start(Handoff handoff)
{
    m_handoff = std::move(handoff);
    m_thread = std::thread([this] { loop(); });
}

void ConnectionGate::stop()
{
    if (m_stop.exchange(true))
        return;
    if (m_wakeFd >= 0) {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(m_wakeFd, &one, sizeof one);
    }
    if (m_thread.joinable())
        m_thread.join();
}

std::size_t ConnectionGate::openConnections()
{
    std::lock_guard lock(m_mutex);
    return prune();
}

std::size_t ConnectionGate::prune()
{
    for (auto it = m_handed.begin(); it != m_handed.end();) {
        if (socketInode(it->first) != it->second)
            it = m_handed.erase(it);
        else
            ++it;
    }
    return m_handed.size();
}

void ConnectionGate::wait(int fd, int timeoutMs)
{
    struct pollfd fds[2] = {{m_wakeFd, POLLIN, 0}, {fd, POLLIN, 0}};
    ::poll(fds, fd >= 0 ? 2 : 1, timeoutMs);
}

void ConnectionGate::loop()
{
    while (!m_stop.load()) {
        bool full = false;
        {
            std::lock_guard lock(m_mutex);
            // Counting is O(handed): only needed when the cheap count says the cap may be reached.
            full = m_handed.size() >= m_cap && prune() >= m_cap;
        }
        if (full) {
            wait(-1, m_options.recheckMs);
            continue;
        }
        wait(m_listenFd, 1000);
        if (m_stop.load())
            break;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                ++m_pauses;
                wait(-1, m_options.recheckMs);
            }
            continue; // EAGAIN, EINTR, ECONNABORTED, ...: poll again
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        {
            std::lock_guard lock(m_mutex);
            m_handed[fd] = socketInode(fd);
        }
        m_handoff(m_listenFd, fd);
    }
}

} // namespace orderlab
