#include "http_request_reader.h"

#include "socket_stream.h"

#include <strings.h>

#include <string_view>

namespace orderlab::aws {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

HttpRequestReader &self(http_parser *p)
{
    return *static_cast<HttpRequestReader *>(p->data);
}

} // namespace

HttpRequestReader::HttpRequestReader(std::size_t maxBodyBytes) : m_maxBodyBytes(maxBodyBytes)
{
    http_parser_settings_init(&m_settings);
    m_settings.on_url = &HttpRequestReader::onUrl;
    m_settings.on_header_field = &HttpRequestReader::onHeaderField;
    m_settings.on_header_value = &HttpRequestReader::onHeaderValue;
    m_settings.on_headers_complete = &HttpRequestReader::onHeadersComplete;
    m_settings.on_body = &HttpRequestReader::onBody;
    m_settings.on_message_complete = &HttpRequestReader::onMessageComplete;
}

HttpRequestReader::Outcome HttpRequestReader::read(SocketStream &stream)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    m_stream = &stream;
    m_url.clear();
    m_target.clear();
    m_contentType.clear();
    m_body.clear();
    m_field.clear();
    m_keeping = nullptr;
    m_inValue = m_expectContinue = m_complete = m_tooLarge = m_keepAlive = m_http10 = false;
    m_request = HttpRequest{};
    bool started = false;
    while (!m_complete) {
        SocketStream::ReadState state = SocketStream::ReadState::Data;
        const std::string_view bytes = stream.received(&state);
        if (bytes.empty()) {
            if (state == SocketStream::ReadState::TimedOut)
                return Outcome::TimedOut;
            return started ? Outcome::Malformed : Outcome::Closed;
        }
        started = true;
        const size_t parsed = http_parser_execute(&m_parser, &m_settings, bytes.data(), bytes.size());
        stream.consume(parsed);
        if (m_tooLarge)
            break;
        const auto error = HTTP_PARSER_ERRNO(&m_parser);
        if (error == HPE_PAUSED)
            break; // paused at the end of the message: the rest is the next request's
        if (error != HPE_OK)
            return Outcome::Malformed;
    }
    m_request.method = http_method_str(static_cast<http_method>(m_parser.method));
    const std::string_view url(m_url);
    m_request.path = url.substr(0, url.find('?'));
    m_request.target = m_target;
    m_request.contentType = m_contentType;
    m_request.body = m_body;
    m_http10 = m_parser.http_major == 1 && m_parser.http_minor == 0;
    m_keepAlive = !m_tooLarge && http_should_keep_alive(&m_parser) != 0;
    return Outcome::Request;
}

int HttpRequestReader::onUrl(http_parser *p, const char *at, size_t n)
{
    self(p).m_url.append(at, n);
    return 0;
}

int HttpRequestReader::onHeaderField(http_parser *p, const char *at, size_t n)
{
    HttpRequestReader &r = self(p);
    if (r.m_inValue) {
        r.m_field.clear();
        r.m_inValue = false;
    }
    r.m_field.append(at, n);
    return 0;
}

int HttpRequestReader::onHeaderValue(http_parser *p, const char *at, size_t n)
{
    HttpRequestReader &r = self(p);
    if (!r.m_inValue) {
        r.m_inValue = true;
        if (equalsIgnoringCase(r.m_field, "x-amz-target"))
            r.m_keeping = &r.m_target;
        else if (equalsIgnoringCase(r.m_field, "content-type"))
            r.m_keeping = &r.m_contentType;
        else if (equalsIgnoringCase(r.m_field, "expect"))
            r.m_keeping = &r.m_expect;
        else
            r.m_keeping = nullptr;
        if (r.m_keeping)
            r.m_keeping->clear(); // a repeated header: the last one counts
    }
    if (r.m_keeping)
        r.m_keeping->append(at, n);
    return 0;
}

int HttpRequestReader::onHeadersComplete(http_parser *p)
{
    HttpRequestReader &r = self(p);
    if (p->http_major != 1)
        return -1; // not HTTP/1.x: malformed
    r.m_expectContinue = equalsIgnoringCase(r.m_expect, "100-continue");
    r.m_expect.clear();
    const bool chunked = (p->flags & F_CHUNKED) != 0;
    if (!chunked && p->content_length != ULLONG_MAX && p->content_length > r.m_maxBodyBytes) {
        r.m_tooLarge = true;
        r.m_request.oversizedBodyBytes = static_cast<std::size_t>(p->content_length);
        return -1; // stops the parser: the body is not read
    }
    if (!chunked && p->content_length != ULLONG_MAX)
        r.m_body.reserve(static_cast<std::size_t>(p->content_length));
    const bool bodyFollows = chunked || (p->content_length != ULLONG_MAX && p->content_length > 0);
    if (r.m_expectContinue && bodyFollows && p->http_major == 1 && p->http_minor >= 1) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        r.m_stream->write(kContinue.data(), kContinue.size()); // goes out before the stream waits for the body
    }
    return 0;
}

int HttpRequestReader::onBody(http_parser *p, const char *at, size_t n)
{
    HttpRequestReader &r = self(p);
    if (r.m_body.size() + n > r.m_maxBodyBytes) {
        r.m_tooLarge = true;
        r.m_request.oversizedBodyBytes = r.m_body.size() + n;
        r.m_body.clear();
        return -1;
    }
    r.m_body.append(at, n);
    return 0;
}

int HttpRequestReader::onMessageComplete(http_parser *p)
{
    self(p).m_complete = true;
    http_parser_pause(p, 1);
    return 0;
}

} // namespace orderlab::aws
