#include "unary_calls.h"

#include "control_calls.h"
#include "pubsub_service.h"
#include "scs_calls.h"

#include <chrono>
#include <climits>
#include <functional>
#include <map>

namespace orderlab::grpcserver {

namespace {

using Work = std::function<grpc::Status(ServerState &, Call &, std::string_view body, std::string &reply)>;

struct Method
{
    Plane plane;
    const char *rpc;       ///< momento-local's name for the fault headers
    const char *operation; ///< the FaultInjector's operation, or null
    Work work;
};

/// Decodes the request, runs `fn`, encodes the response.
template <typename Rq, typename Rp> Work bytes(grpc::Status (*fn)(ServerState &, Call &, const Rq &, Rp &))
{
    return [fn](ServerState &state, Call &call, std::string_view body, std::string &reply) {
        Rq rq;
        if (body.size() > static_cast<std::size_t>(INT_MAX) ||
            !rq.ParseFromArray(body.data(), static_cast<int>(body.size())))
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "malformed request body: " + std::to_string(body.size()) + " bytes that are not a " +
                                    rq.GetTypeName());
        Rp rp;
        grpc::Status st = fn(state, call, rq, rp);
        if (st.ok() && !rp.SerializeToString(&reply))
            st = grpc::Status(grpc::StatusCode::INTERNAL, "cannot serialize the " + rp.GetTypeName());
        return st;
    };
}

const std::map<std::string, Method, std::less<>> &methods()
{
    static const std::map<std::string, Method, std::less<>> table{
        {"/cache_client.Scs/Get", {Plane::Data, "get", "cache.get", bytes(&scs::get)}},
        {"/cache_client.Scs/Set", {Plane::Data, "set", "cache.set", bytes(&scs::set)}},
        {"/cache_client.Scs/Delete", {Plane::Data, "delete", "cache.delete", bytes(&scs::remove)}},
        {"/cache_client.Scs/SetIf", {Plane::Data, "set-if", "cache.set", bytes(&scs::setIf)}},
        {"/cache_client.Scs/KeysExist", {Plane::Data, "keys-exist", "cache.get", bytes(&scs::keysExist)}},
        {"/cache_client.Scs/Increment", {Plane::Data, "increment", "cache.set", bytes(&scs::increment)}},
        {"/cache_client.Scs/ItemGetTtl", {Plane::Data, "item-get-ttl", "cache.get", bytes(&scs::itemGetTtl)}},
        {"/cache_client.Scs/UpdateTtl", {Plane::Data, "update-ttl", "cache.set", bytes(&scs::updateTtl)}},
        {"/cache_client.Ping/Ping", {Plane::Control, "ping", nullptr, bytes(&scs::ping)}},
        {"/control_client.ScsControl/CreateCache",
         {Plane::Control, "create-cache", nullptr, bytes(&control::createCache)}},
        {"/control_client.ScsControl/DeleteCache",
         {Plane::Control, "delete-cache", nullptr, bytes(&control::deleteCache)}},
        {"/control_client.ScsControl/ListCaches",
         {Plane::Control, "list-caches", nullptr, bytes(&control::listCaches)}},
        {"/control_client.ScsControl/FlushCache",
         {Plane::Control, "flush-cache", nullptr, bytes(&control::flushCache)}},
        {"/cache_client.pubsub.Pubsub/Publish",
         {Plane::Topics, "topic-publish", "topic.publish", bytes(&pubsub::publish)}},
    };
    return table;
}

} // namespace

std::vector<const char *> unaryMethodNames()
{
    std::vector<const char *> names;
    for (const auto &entry : methods())
        names.push_back(entry.first.c_str());
    return names;
}

bool isUnaryMethod(const std::string &method)
{
    return methods().count(method) > 0;
}

UnaryOutcome runUnary(ServerState &state, const std::string &method, const RequestMeta &meta, std::string_view body)
{
    UnaryOutcome out;
    const auto it = methods().find(method);
    if (it == methods().end()) {
        out.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "orderlab does not serve the method " + method);
        return out;
    }
    const Method &m = it->second;
    const auto began = std::chrono::steady_clock::now();
    const auto scope = state.options.observer ? state.options.observer->begin(meta.peer) : nullptr;
    out.status = admit(state, meta, m.plane, m.rpc, m.operation, out.call);
    if (out.status.ok())
        out.status = m.work(state, out.call, body, out.body);
    if (scope) {
        ObservedCall &seen = out.call.seen;
        seen.op = std::string_view(m.rpc) == "topic-publish" ? "publish" : m.rpc;
        if (seen.cache.empty())
            seen.cache = out.call.cache;
        if (!out.status.ok() || seen.result.empty())
            seen.result = sdkResultName(out.status.error_code());
        seen.latencyMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
        scope->finished(seen);
    }
    if (!out.status.ok()) {
        out.body.clear();
        state.clients.recordFailure(out.call.peer);
    }
    return out;
}

} // namespace orderlab::grpcserver
