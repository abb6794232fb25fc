#include "scs_service.h"

namespace orderlab::grpcserver {

using namespace cache_client;

grpc::ServerUnaryReactor *ScsService::Get(grpc::CallbackServerContext *ctx, const _GetRequest *rq, _GetResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "get", "cache.get", call);
    if (st.ok()) {
        auto r = m_state.cache.get(call.cache, rq->cache_key());
        if (auto *hit = std::get_if<momento::Hit>(&r)) {
            rp->set_result(Hit);
            rp->set_cache_body(*hit->value);
        } else if (std::holds_alternative<momento::Miss>(r)) {
            rp->set_result(Miss);
        } else {
            st = toStatus(ctx, std::get<momento::Error>(r));
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::Set(grpc::CallbackServerContext *ctx, const _SetRequest *rq, _SetResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "set", "cache.set", call);
    if (st.ok()) {
        if (auto e = m_state.cache.set(call.cache, rq->cache_key(), momento::makeValue(rq->cache_body()),
                                       rq->ttl_milliseconds(), writer(call)))
            st = toStatus(ctx, *e);
        else
            rp->set_result(Ok);
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::Delete(grpc::CallbackServerContext *ctx, const _DeleteRequest *rq,
                                             _DeleteResponse *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "delete", "cache.delete", call);
    if (st.ok()) {
        if (auto e = m_state.cache.remove(call.cache, rq->cache_key(), writer(call)))
            st = toStatus(ctx, *e);
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::SetIf(grpc::CallbackServerContext *ctx, const _SetIfRequest *rq,
                                            _SetIfResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "set-if", "cache.set", call);
    if (st.ok()) {
        using Kind = CacheStore::SetIfCondition::Kind;
        CacheStore::SetIfCondition cond;
        switch (rq->condition_case()) {
        case _SetIfRequest::kPresent:
            cond.kind = Kind::Present;
            break;
        case _SetIfRequest::kPresentAndNotEqual:
            cond = {Kind::PresentAndNotEqual, rq->present_and_not_equal().value_to_check()};
            break;
        case _SetIfRequest::kAbsent:
            cond.kind = Kind::Absent;
            break;
        case _SetIfRequest::kEqual:
            cond = {Kind::Equal, rq->equal().value_to_check()};
            break;
        case _SetIfRequest::kAbsentOrEqual:
            cond = {Kind::AbsentOrEqual, rq->absent_or_equal().value_to_check()};
            break;
        case _SetIfRequest::kNotEqual:
            cond = {Kind::NotEqual, rq->not_equal().value_to_check()};
            break;
        case _SetIfRequest::CONDITION_NOT_SET:
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "SetIf needs a condition");
            break;
        }
        if (st.ok()) {
            auto r = m_state.cache.setIf(call.cache, rq->cache_key(), momento::makeValue(rq->cache_body()), cond,
                                         rq->ttl_milliseconds(), writer(call));
            if (auto *e = std::get_if<momento::Error>(&r))
                st = toStatus(ctx, *e);
            else if (std::get<CacheStore::SetIfResult>(r) == CacheStore::SetIfResult::Stored)
                rp->mutable_stored();
            else
                rp->mutable_not_stored();
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::KeysExist(grpc::CallbackServerContext *ctx, const _KeysExistRequest *rq,
                                                _KeysExistResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "keys-exist", "cache.get", call);
    if (st.ok()) {
        std::vector<std::string> keys(rq->cache_keys().begin(), rq->cache_keys().end());
        auto r = m_state.cache.keysExist(call.cache, keys);
        if (auto *e = std::get_if<momento::Error>(&r)) {
            st = toStatus(ctx, *e);
        } else {
            for (bool b : std::get<std::vector<bool>>(r))
                rp->add_exists(b);
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::Increment(grpc::CallbackServerContext *ctx, const _IncrementRequest *rq,
                                                _IncrementResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "increment", "cache.set", call);
    if (st.ok()) {
        auto r =
            m_state.cache.increment(call.cache, rq->cache_key(), rq->amount(), rq->ttl_milliseconds(), writer(call));
        if (auto *e = std::get_if<momento::Error>(&r))
            st = toStatus(ctx, *e);
        else
            rp->set_value(std::get<std::int64_t>(r));
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::ItemGetTtl(grpc::CallbackServerContext *ctx, const _ItemGetTtlRequest *rq,
                                                 _ItemGetTtlResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "item-get-ttl", "cache.get", call);
    if (st.ok()) {
        auto r = m_state.cache.itemGetTtl(call.cache, rq->cache_key());
        if (auto *e = std::get_if<momento::Error>(&r))
            st = toStatus(ctx, *e);
        else if (auto *found = std::get_if<CacheStore::TtlFound>(&r))
            rp->mutable_found()->set_remaining_ttl_millis(found->remainingMs);
        else
            rp->mutable_missing();
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *ScsService::UpdateTtl(grpc::CallbackServerContext *ctx, const _UpdateTtlRequest *rq,
                                                _UpdateTtlResponse *rp)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Data, "update-ttl", "cache.set", call);
    if (st.ok()) {
        using Mode = CacheStore::TtlUpdate;
        Mode mode = Mode::OverwriteTo;
        std::uint64_t ttl = 0;
        switch (rq->update_ttl_case()) {
        case _UpdateTtlRequest::kIncreaseToMilliseconds:
            mode = Mode::IncreaseTo;
            ttl = rq->increase_to_milliseconds();
            break;
        case _UpdateTtlRequest::kDecreaseToMilliseconds:
            mode = Mode::DecreaseTo;
            ttl = rq->decrease_to_milliseconds();
            break;
        case _UpdateTtlRequest::kOverwriteToMilliseconds:
            mode = Mode::OverwriteTo;
            ttl = rq->overwrite_to_milliseconds();
            break;
        case _UpdateTtlRequest::UPDATE_TTL_NOT_SET:
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "UpdateTtl needs one of increase_to, decrease_to, overwrite_to");
            break;
        }
        if (st.ok()) {
            auto r = m_state.cache.updateTtl(call.cache, rq->cache_key(), mode, ttl, writer(call));
            if (auto *e = std::get_if<momento::Error>(&r)) {
                st = toStatus(ctx, *e);
            } else {
                switch (std::get<CacheStore::UpdateTtlResult>(r)) {
                case CacheStore::UpdateTtlResult::Set:
                    rp->mutable_set();
                    break;
                case CacheStore::UpdateTtlResult::NotSet:
                    rp->mutable_not_set();
                    break;
                case CacheStore::UpdateTtlResult::Missing:
                    rp->mutable_missing();
                    break;
                }
            }
        }
    }
    return finish(m_state, ctx, call, std::move(st));
}

grpc::ServerUnaryReactor *PingService::Ping(grpc::CallbackServerContext *ctx, const _PingRequest *, _PingResponse *)
{
    Call call;
    grpc::Status st = admit(m_state, ctx, Plane::Control, "ping", nullptr, call);
    return finish(m_state, ctx, call, std::move(st));
}

} // namespace orderlab::grpcserver
