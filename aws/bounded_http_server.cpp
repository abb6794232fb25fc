#include "bounded_http_server.h"

#include "bounded_task_queue.h"
#include "http_answer_writer.h"
#include "http_request_reader.h"
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

int toMs(time_t sec, time_t usec)
{
    return static_cast<int>(sec * 1000 + usec / 1000);
}

} // namespace

BoundedHttpServer::BoundedHttpServer(std::size_t workers, std::size_t maxPending, std::size_t maxBodyBytes,
                                     HttpHandler handler, BusyPollSettings poll)
    : m_backlog(static_cast<int>(std::min<std::size_t>(workers + maxPending, SOMAXCONN))), m_maxBodyBytes(maxBodyBytes),
      m_handler(std::move(handler)), m_busyPoll(poll)
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
    // wait that notices stop(), one-pass request reading, and each answer sent in one piece once written.
    SocketStream stream(sock, toMs(read_timeout_sec_, read_timeout_usec_),
                        toMs(write_timeout_sec_, write_timeout_usec_));
    HttpRequestReader reader(m_maxBodyBytes);
    BusyPoll::Connection polling(m_busyPoll);
    bool ok = false;
    for (std::size_t left = keep_alive_max_count_;
         left > 0 && stream.waitForRequest(svr_sock_, static_cast<int>(keep_alive_timeout_sec_), &polling); --left) {
        const HttpRequestReader::Outcome outcome = reader.read(stream);
        if (outcome == HttpRequestReader::Outcome::Malformed) {
            HttpAnswer bad;
            bad.status = 400;
            bad.contentType.clear();
            AnswerFraming closing;
            closing.keepAlive = false;
            writeAnswer(stream, bad, closing);
            if (stream.flush())
                stream.lingerBeforeClose();
            ok = false;
            break;
        }
        if (outcome != HttpRequestReader::Outcome::Request) {
            ok = outcome == HttpRequestReader::Outcome::Closed;
            break;
        }
        const HttpRequest &request = reader.request();
        AnswerFraming framing;
        framing.keepAlive = reader.keepAlive() && left > 1;
        framing.http10 = reader.http10();
        framing.head = request.method == "HEAD";
        writeAnswer(stream, m_handler(request), framing);
        ok = stream.flush();
        if (ok && request.oversizedBodyBytes)
            stream.lingerBeforeClose();
        if (!ok || !framing.keepAlive)
            break;
    }
    closeSocket(sock);
    return ok;
}

} // namespace orderlab::aws
