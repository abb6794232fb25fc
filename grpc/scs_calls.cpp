#include "scs_calls.h"

namespace orderlab::grpcserver::scs {

using namespace cache_client;

namespace {

std::string writer(const Call &call)
{
    return "grpc " + call.peer;
}

} // namespace

grpc::Status get(ServerState &state, Call &call, const _GetRequest &rq, _GetResponse &rp)
{
    grpc::Status st;
    call.seen.key = rq.cache_key();
    auto r = state.cache.get(call.cache, rq.cache_key());
    if (auto *hit = std::get_if<momento::Hit>(&r)) {
        rp.set_result(Hit);
        rp.set_cache_body(*hit->value);
        call.seen.result = "hit";
        call.seen.bytes = hit->value->size();
    } else if (std::holds_alternative<momento::Miss>(r)) {
        rp.set_result(Miss);
        call.seen.result = "miss";
    } else {
        st = toStatus(call, std::get<momento::Error>(r));
    }
    return st;
}

grpc::Status set(ServerState &state, Call &call, const _SetRequest &rq, _SetResponse &rp)
{
    grpc::Status st;
    call.seen.key = rq.cache_key();
    call.seen.bytes = rq.cache_body().size();
    if (auto e = state.cache.set(call.cache, rq.cache_key(), momento::makeValue(rq.cache_body()), rq.ttl_milliseconds(),
                                 writer(call)))
        st = toStatus(call, *e);
    else
        rp.set_result(Ok);
    return st;
}

grpc::Status remove(ServerState &state, Call &call, const _DeleteRequest &rq, _DeleteResponse &)
{
    grpc::Status st;
    call.seen.key = rq.cache_key();
    if (auto e = state.cache.remove(call.cache, rq.cache_key(), writer(call)))
        st = toStatus(call, *e);
    return st;
}

grpc::Status setIf(ServerState &state, Call &call, const _SetIfRequest &rq, _SetIfResponse &rp)
{
    grpc::Status st;
    using Kind = CacheStore::SetIfCondition::Kind;
    CacheStore::SetIfCondition cond;
    switch (rq.condition_case()) {
    case _SetIfRequest::kPresent:
        cond.kind = Kind::Present;
        break;
    case _SetIfRequest::kPresentAndNotEqual:
        cond = {Kind::PresentAndNotEqual, rq.present_and_not_equal().value_to_check()};
        break;
    case _SetIfRequest::kAbsent:
        cond.kind = Kind::Absent;
        break;
    case _SetIfRequest::kEqual:
        cond = {Kind::Equal, rq.equal().value_to_check()};
        break;
    case _SetIfRequest::kAbsentOrEqual:
        cond = {Kind::AbsentOrEqual, rq.absent_or_equal().value_to_check()};
        break;
    case _SetIfRequest::kNotEqual:
        cond = {Kind::NotEqual, rq.not_equal().value_to_check()};
        break;
    case _SetIfRequest::CONDITION_NOT_SET:
        st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "SetIf needs a condition");
        break;
    }
    if (st.ok()) {
        auto r = state.cache.setIf(call.cache, rq.cache_key(), momento::makeValue(rq.cache_body()), cond,
                                   rq.ttl_milliseconds(), writer(call));
        if (auto *e = std::get_if<momento::Error>(&r))
            st = toStatus(call, *e);
        else if (std::get<CacheStore::SetIfResult>(r) == CacheStore::SetIfResult::Stored)
            rp.mutable_stored();
        else
            rp.mutable_not_stored();
    }
    return st;
}

grpc::Status keysExist(ServerState &state, Call &call, const _KeysExistRequest &rq, _KeysExistResponse &rp)
{
    grpc::Status st;
    std::vector<std::string> keys(rq.cache_keys().begin(), rq.cache_keys().end());
    auto r = state.cache.keysExist(call.cache, keys);
    if (auto *e = std::get_if<momento::Error>(&r)) {
        st = toStatus(call, *e);
    } else {
        for (bool b : std::get<std::vector<bool>>(r))
            rp.add_exists(b);
    }
    return st;
}

grpc::Status increment(ServerState &state, Call &call, const _IncrementRequest &rq, _IncrementResponse &rp)
{
    grpc::Status st;
    auto r = state.cache.increment(call.cache, rq.cache_key(), rq.amount(), rq.ttl_milliseconds(), writer(call));
    if (auto *e = std::get_if<momento::Error>(&r))
        st = toStatus(call, *e);
    else
        rp.set_value(std::get<std::int64_t>(r));
    return st;
}

grpc::Status itemGetTtl(ServerState &state, Call &call, const _ItemGetTtlRequest &rq, _ItemGetTtlResponse &rp)
{
    grpc::Status st;
    auto r = state.cache.itemGetTtl(call.cache, rq.cache_key());
    if (auto *e = std::get_if<momento::Error>(&r))
        st = toStatus(call, *e);
    else if (auto *found = std::get_if<CacheStore::TtlFound>(&r))
        rp.mutable_found()->set_remaining_ttl_millis(found->remainingMs);
    else
        rp.mutable_missing();
    return st;
}

grpc::Status updateTtl(ServerState &state, Call &call, const _UpdateTtlRequest &rq, _UpdateTtlResponse &rp)
{
    grpc::Status st;
    using Mode = CacheStore::TtlUpdate;
    Mode mode = Mode::OverwriteTo;
    std::uint64_t ttl = 0;
    switch (rq.update_ttl_case()) {
    case _UpdateTtlRequest::kIncreaseToMilliseconds:
        mode = Mode::IncreaseTo;
        ttl = rq.increase_to_milliseconds();
        break;
    case _UpdateTtlRequest::kDecreaseToMilliseconds:
        mode = Mode::DecreaseTo;
        ttl = rq.decrease_to_milliseconds();
        break;
    case _UpdateTtlRequest::kOverwriteToMilliseconds:
        mode = Mode::OverwriteTo;
        ttl = rq.overwrite_to_milliseconds();
        break;
    case _UpdateTtlRequest::UPDATE_TTL_NOT_SET:
        st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "UpdateTtl needs one of increase_to, decrease_to, overwrite_to");
        break;
    }
    if (st.ok()) {
        auto r = state.cache.updateTtl(call.cache, rq.cache_key(), mode, ttl, writer(call));
        if (auto *e = std::get_if<momento::Error>(&r)) {
            st = toStatus(call, *e);
        } else {
            switch (std::get<CacheStore::UpdateTtlResult>(r)) {
            case CacheStore::UpdateTtlResult::Set:
                rp.mutable_set();
                break;
            case CacheStore::UpdateTtlResult::NotSet:
                rp.mutable_not_set();
                break;
            case CacheStore::UpdateTtlResult::Missing:
                rp.mutable_missing();
                break;
            }
        }
    }
    return st;
}

grpc::Status ping(ServerState &, Call &, const _PingRequest &, _PingResponse &)
{
    return grpc::Status::OK;
}

} // namespace orderlab::grpcserver::scs
