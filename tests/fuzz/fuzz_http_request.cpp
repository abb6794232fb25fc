// libFuzzer target: the DynamoDB port's HTTP request reader (aws/http_request_reader.h). The input is what a
// client sends on one connection; it is written to one end of a socket pair (then closed) and read with a 64-byte
// body limit until the reader stops giving requests. Every request it gives must hold a body within the limit,
// or none with its oversized length, and the reader must end (Closed or Malformed: the peer has closed).
#include "http_request_reader.h"
#include "socket_stream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

using namespace orderlab::aws;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 48 * 1024) // stays within the socket pair's buffer: the write never blocks
        return 0;
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
        std::abort();
    if (size > 0 && ::send(fds[1], data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    ::close(fds[1]);
    {
        SocketStream stream(fds[0], 1000, 1000);
        HttpRequestReader reader(64);
        HttpRequestReader::Outcome outcome;
        for (std::size_t requests = 0; (outcome = reader.read(stream)) == HttpRequestReader::Outcome::Request;
             ++requests) {
            const HttpRequest &r = reader.request();
            if (r.body.size() > 64 || (r.oversizedBodyBytes && (!r.body.empty() || r.oversizedBodyBytes <= 64)))
                std::abort();
            if (requests > size) // each request takes at least one byte
                std::abort();
            if (!reader.keepAlive())
                break;
        }
        if (outcome == HttpRequestReader::Outcome::TimedOut)
            std::abort();
    }
    ::close(fds[0]);
    return 0;
}
