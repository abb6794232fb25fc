#include "http_answer_writer.h"

#include "socket_stream.h"

#include <charconv>
#include <string>

namespace orderlab::aws {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

void writeAnswer(SocketStream &stream, const HttpAnswer &answer, AnswerFraming framing)
{
    std::string head;
    head.reserve(160 + answer.contentType.size() + answer.headers.size());
    head += framing.http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    char number[24];
    head.append(number, std::to_chars(number, number + sizeof number, answer.status).ptr);
    head += ' ';
    head += reasonPhrase(answer.status);
    head += "\r\n";
    if (!answer.contentType.empty()) {
        head += "Content-Type: ";
        head += answer.contentType;
        head += "\r\n";
    }
    head += "Content-Length: ";
    head.append(number, std::to_chars(number, number + sizeof number, answer.body.size()).ptr);
    head += "\r\n";
    head += answer.headers;
    head += framing.keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    stream.write(head.data(), head.size());
    if (!framing.head && !answer.body.empty())
        stream.write(answer.body.data(), answer.body.size());
}

} // namespace orderlab::aws
