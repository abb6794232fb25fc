#pragma once

#include "json_protocol.h"

namespace orderlab::aws {

class SocketStream;

/// How an answer ends its exchange.
struct AnswerFraming
{
    bool keepAlive = true; ///< false: `Connection: close`, and the server closes once it is sent
    bool http10 = false;   ///< the status line says HTTP/1.0, as the request's did
    bool head = false;     ///< a HEAD request's answer: its headers only
};

/**
 * Writes `answer` to `stream` as an HTTP/1.x response (docs/dynamodb-api.md, "Protocol"): the status line with
 * its reason phrase, Content-Type, Content-Length, `answer.headers`, Connection, then the body; the caller
 * flushes. Nothing is sent until the stream's flush(), so the answer travels in one piece.
 */
void writeAnswer(SocketStream &stream, const HttpAnswer &answer, AnswerFraming framing);

/// The reason phrase of `status` (RFC 9110), "Unknown" for codes the port never sends.
const char *reasonPhrase(int status);

} // namespace orderlab::aws
