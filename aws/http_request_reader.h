#pragma once

#include "json_protocol.h"

#include <http_parser.h>

#include <cstddef>
#include <string>

namespace orderlab::aws {

class SocketStream;

/**
 * Reads HTTP/1.1 requests off one connection in one pass (Node's http_parser, Debian's libhttp-parser-dev), for
 * the DynamoDB port's keep-alive loop (docs/dynamodb-api.md, "Protocol"): the request line, the headers the JSON
 * protocols use (X-Amz-Target, Content-Type, Expect), and the body, by Content-Length or chunked. Bytes of a
 * pipelined next request stay in the stream for the next read().
 *
 * Limits: the request line and headers together at most 80 KB (http_parser's own bound, HTTP_MAX_HEADER_SIZE); a
 * body over `maxBodyBytes` is not read (its request says how long it was, HttpRequest::oversizedBodyBytes, and the
 * connection cannot go on). A client that sends `Expect: 100-continue` gets `100 Continue` before its body is
 * waited for.
 *
 * Ownership: the request read() returns views into this reader, valid until the next read(). Threading: one
 * thread at a time.
 */
class HttpRequestReader
{
  public:
    enum class Outcome {
        Request,   ///< a whole request (or one whose body was too large): request() holds it
        Closed,    ///< the peer closed (or reset) the connection between requests
        Malformed, ///< not HTTP/1.x, or cut off mid-request: answer 400 and close
        TimedOut,  ///< the read timeout passed mid-request
    };

    explicit HttpRequestReader(std::size_t maxBodyBytes);
    HttpRequestReader(const HttpRequestReader &) = delete;
    HttpRequestReader &operator=(const HttpRequestReader &) = delete;

    Outcome read(SocketStream &stream);

    const HttpRequest &request() const { return m_request; }
    /// The client may send another request on this connection (HTTP/1.1 without `Connection: close`, or
    /// HTTP/1.0 with `Connection: keep-alive`), and this one's body was read whole.
    bool keepAlive() const { return m_keepAlive; }
    /// HTTP/1.0 or 1.1, as the request line said: the answer's status line repeats it.
    bool http10() const { return m_http10; }

  private:
    static int onUrl(http_parser *p, const char *at, size_t n);
    static int onHeaderField(http_parser *p, const char *at, size_t n);
    static int onHeaderValue(http_parser *p, const char *at, size_t n);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t n);
    static int onMessageComplete(http_parser *p);

    const std::size_t m_maxBodyBytes;
    http_parser m_parser{};
    http_parser_settings m_settings{};
    SocketStream *m_stream = nullptr;

    HttpRequest m_request;
    std::string m_url, m_target, m_contentType, m_expect, m_body;
    std::string m_field;              ///< the name of the header being read
    std::string *m_keeping = nullptr; ///< where that header's value goes; null: a header the protocols ignore
    bool m_inValue = false;
    bool m_expectContinue = false;
    bool m_complete = false;
    bool m_tooLarge = false;
    bool m_keepAlive = false;
    bool m_http10 = false;
};

} // namespace orderlab::aws
