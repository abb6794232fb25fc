#include "bounded_http_server.h"

#include "bounded_task_queue.h"
#include "socket_stream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace orderlab::aws {

namespace {

/// Set on the listener's thread while it runs the task of a connection the queue refused: httplib's task
/// is a closure over the socket that calls process_and_close_socket, so that is where the socket is known.
thread_local bool t_refusing = false;

/// httplib's TaskQueue over a BoundedTaskQueue: a refused connection's task runs at once on the listener's
/// thread with t_refusing set, which closes its socket without reading it.
class RefusingTaskQueue final : public httplib::TaskQueue
{
  public:
    RefusingTaskQueue(std::size_t workers, std::size_t maxPending, std::atomic<std::uint64_t> &refused)
        : m_queue(workers, maxPending), m_refused(refused)
    {
    }

    void enqueue(std::function<void()> fn) override
    {
        if (m_queue.tryEnqueue(fn))
            return;
        ++m_refused;
        t_refusing = true;
        fn();
        t_refusing = false;
    }

    void shutdown() override { m_queue.shutdown(); }

  private:
    BoundedTaskQueue m_queue;
    std::atomic<std::uint64_t> &m_refused;
};

void closeSocket(socket_t sock)
{
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
}

} // namespace

BoundedHttpServer::BoundedHttpServer(std::size_t workers, std::size_t maxPending)
    : m_backlog(static_cast<int>(std::min<std::size_t>(workers + maxPending, SOMAXCONN)))
{
    new_task_queue = [this, workers, maxPending] { return new RefusingTaskQueue(workers, maxPending, m_refused); };
}

bool BoundedHttpServer::widenListenBacklog()
{
    // listen() again on a listening socket only changes its backlog (Linux).
    return svr_sock_ != INVALID_SOCKET && ::listen(svr_sock_, m_backlog) == 0;
}

bool BoundedHttpServer::process_and_close_socket(socket_t sock)
{
    if (t_refusing) {
        closeSocket(sock);
        return false;
    }
    // httplib 0.11's own loop (process_server_socket), but with one stream for the connection's life, an idle
    // wait that notices stop(), and each response sent in one piece once written (SocketStream::flush).
    SocketStream stream(sock, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_, write_timeout_usec_);
    bool ok = false;
    for (std::size_t left = keep_alive_max_count_;
         left > 0 && stream.waitForRequest(svr_sock_, keep_alive_timeout_sec_); --left) {
        bool connectionClosed = false;
        ok = process_request(stream, left == 1, connectionClosed, nullptr);
        ok = stream.flush() && ok; // an error answer goes out too
        if (!ok || connectionClosed)
            break;
    }
    closeSocket(sock);
    return ok;
}

} // namespace orderlab::aws
