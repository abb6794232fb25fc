#pragma once
// A lean HTTP/1.1 keep-alive client for the DynamoDB benchmark: each request goes out in one write and its answer
// is read through one buffer, as load generators such as wrk do, so that the client's own cost stays small beside
// the servers' it measures. It speaks only what the benchmark needs: POST, Content-Length or chunked answers.
//
// How it waits for an answer: with a poll window, it asks the socket without waiting (recv with MSG_DONTWAIT)
// again and again for up to that long before it blocks, which saves waking a sleeping thread on every answer that
// comes within the window: about 10 us a request on this project's 2-core virtual machines, as much as orderlab
// spends answering a GetItem. Polling takes a core, so the benchmark polls only with one client, where the client
// and the server have a core each (docs/dynamodb-api.md, "Speed").
// Not thread-safe: one per client thread. Errors are returned as text, never thrown.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab::bench {

class KeepAliveClient
{
  public:
    /// `pollWindow` 0: block in recv() at once.
    explicit KeepAliveClient(int port, std::chrono::microseconds pollWindow = {});
    ~KeepAliveClient();
    KeepAliveClient(const KeepAliveClient &) = delete;
    KeepAliveClient &operator=(const KeepAliveClient &) = delete;

    /// POSTs `body` to "/" with the extra header lines `headers` (each ending in "\r\n"). Returns the status code
    /// and the answer's body in `answer`, or 0 with what went wrong in `error`. Reconnects once if the server
    /// closed the connection before the request.
    int post(const std::string &headers, const std::string &body, std::string *answer, std::string *error);

  private:
    bool connectNow(std::string *error);
    void closeNow();
    /// Reads more after the unread data (compacting or growing the buffer first); false on end of stream or an error.
    bool fill(std::string *error);
    std::string_view unread() const { return {m_buffer.data() + m_start, m_end - m_start}; }
    bool readAnswer(int *status, std::string *answer, std::string *error);

    int m_port;
    std::chrono::microseconds m_pollWindow;
    int m_fd = -1;
    std::string m_request;
    std::vector<char> m_buffer = std::vector<char>(64 * 1024);
    std::size_t m_start = 0; ///< unread data: [m_start, m_end) of m_buffer
    std::size_t m_end = 0;
};

} // namespace orderlab::bench
