#pragma once
// Internal to orderlab_grpc: every unary call of the four services, from bytes to bytes, with no
// socket involved (the RawUnaryService feeds it from gRPC; tests/fuzz/fuzz_grpc_request.cpp directly).

#include "call_context.h"

#include <string>
#include <string_view>
#include <vector>

namespace orderlab::grpcserver {

/// How one unary call ends.
struct UnaryOutcome
{
    grpc::Status status;
    std::string body; ///< the serialized response message; sent only when `status` is OK
    Call call;        ///< `call.trailers` and `call.delayMs` apply to the answer
};

/// Whether `method` (`/cache_client.Scs/Get`, ...) is a unary call orderlab serves.
bool isUnaryMethod(const std::string &method);
/// The full names of every unary call orderlab serves; the texts live as long as the program.
std::vector<const char *> unaryMethodNames();

/**
 * Runs the unary call `method` with request bytes `body`: admit() (auth, headers, faults), then
 * the body is decoded as the method's request message (one that does not parse gets
 * INVALID_ARGUMENT "malformed request body: ... is not a <message type>"), then the work of
 * scs_calls.h, control_calls.h or pubsub_service.h. An unknown method gets UNIMPLEMENTED naming
 * it. A failed call is counted against the peer. Thread-safe; never blocks (the delay is the
 * caller's to apply).
 */
UnaryOutcome runUnary(ServerState &state, const std::string &method, const RequestMeta &meta, std::string_view body);

} // namespace orderlab::grpcserver
