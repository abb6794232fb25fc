#include "grpc_momento_client.h"

#include "cacheclient.grpc.pb.h"
#include "cachepubsub.grpc.pb.h"
#include "js/wtf8.h"

#include <grpcpp/grpcpp.h>

namespace orderlab::runtime {

namespace {

using momento::ErrorCode;

/// The SDK's error for a gRPC status (its own mapping of status codes).
momento::Error errorOf(const grpc::Status &status)
{
    ErrorCode code = ErrorCode::UnknownService;
    switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
        code = ErrorCode::InvalidArgument;
        break;
    case grpc::StatusCode::NOT_FOUND:
        code = ErrorCode::CacheNotFound;
        break;
    case grpc::StatusCode::ALREADY_EXISTS:
        code = ErrorCode::AlreadyExists;
        break;
    case grpc::StatusCode::FAILED_PRECONDITION:
        code = ErrorCode::FailedPrecondition;
        break;
    case grpc::StatusCode::OUT_OF_RANGE:
        code = ErrorCode::BadRequest;
        break;
    case grpc::StatusCode::PERMISSION_DENIED:
        code = ErrorCode::PermissionDenied;
        break;
    case grpc::StatusCode::UNAUTHENTICATED:
        code = ErrorCode::Authentication;
        break;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        code = ErrorCode::LimitExceeded;
        break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        code = ErrorCode::Timeout;
        break;
    case grpc::StatusCode::CANCELLED:
        code = ErrorCode::Cancelled;
        break;
    case grpc::StatusCode::UNAVAILABLE:
        code = ErrorCode::ServerUnavailable;
        break;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::ABORTED:
        code = ErrorCode::InternalServer;
        break;
    default:
        break;
    }
    return {code, status.error_message()};
}

} // namespace

class GrpcMomentoClient::Impl
{
  public:
    Impl(MomentoConnection connection, std::chrono::milliseconds defaultTtl, std::chrono::milliseconds timeout)
        : m_authorization(std::move(connection.authorization)), m_defaultTtl(defaultTtl), m_timeout(timeout)
    {
        auto credentials =
            connection.tls ? grpc::SslCredentials(grpc::SslCredentialsOptions()) : grpc::InsecureChannelCredentials();
        m_channel = grpc::CreateChannel(connection.target, credentials);
        m_scs = cache_client::Scs::NewStub(m_channel);
        m_pubsub = cache_client::pubsub::Pubsub::NewStub(m_channel);
    }

    /// A context with the metadata every call carries; `cache` is sent for the data plane.
    void prepare(grpc::ClientContext &context, const std::string &cache) const
    {
        context.set_deadline(std::chrono::system_clock::now() + m_timeout);
        context.AddMetadata("authorization", m_authorization);
        context.AddMetadata("agent", "orderlab-lambda:cache:1");
        if (!cache.empty())
            context.AddMetadata("cache", cache);
    }

    const std::string m_authorization;
    const std::chrono::milliseconds m_defaultTtl;
    const std::chrono::milliseconds m_timeout;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<cache_client::Scs::Stub> m_scs;
    std::unique_ptr<cache_client::pubsub::Pubsub::Stub> m_pubsub;
};

GrpcMomentoClient::GrpcMomentoClient(MomentoConnection connection, std::chrono::milliseconds defaultTtl,
                                     std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>(std::move(connection), defaultTtl, timeout))
{
}

GrpcMomentoClient::~GrpcMomentoClient() = default;

Task<momento::GetResponse> GrpcMomentoClient::get(std::string cache, std::string key)
{
    grpc::ClientContext context;
    m_impl->prepare(context, cache);
    cache_client::_GetRequest request;
    request.set_cache_key(js::wtf8::toWellFormedUtf8(key));
    cache_client::_GetResponse response;
    const grpc::Status status = m_impl->m_scs->Get(&context, request, &response);
    if (!status.ok())
        co_return momento::GetResponse(errorOf(status));
    if (response.result() == cache_client::Hit)
        co_return momento::GetResponse(momento::Hit{momento::makeValue(response.cache_body())});
    if (response.result() == cache_client::Miss)
        co_return momento::GetResponse(momento::Miss{});
    co_return momento::GetResponse(momento::Error{ErrorCode::UnknownService, "Get answered neither hit nor miss"});
}

Task<momento::Status> GrpcMomentoClient::set(std::string cache, std::string key, momento::CacheValue value,
                                             std::optional<std::chrono::milliseconds> ttl)
{
    grpc::ClientContext context;
    m_impl->prepare(context, cache);
    cache_client::_SetRequest request;
    request.set_cache_key(js::wtf8::toWellFormedUtf8(key));
    request.set_cache_body(js::wtf8::toWellFormedUtf8(value ? *value : std::string()));
    request.set_ttl_milliseconds(static_cast<std::uint64_t>(ttl.value_or(m_impl->m_defaultTtl).count()));
    cache_client::_SetResponse response;
    const grpc::Status status = m_impl->m_scs->Set(&context, request, &response);
    if (!status.ok())
        co_return errorOf(status);
    co_return std::nullopt;
}

Task<momento::Status> GrpcMomentoClient::remove(std::string cache, std::string key)
{
    grpc::ClientContext context;
    m_impl->prepare(context, cache);
    cache_client::_DeleteRequest request;
    request.set_cache_key(js::wtf8::toWellFormedUtf8(key));
    cache_client::_DeleteResponse response;
    const grpc::Status status = m_impl->m_scs->Delete(&context, request, &response);
    if (!status.ok())
        co_return errorOf(status);
    co_return std::nullopt;
}

Task<momento::Status> GrpcMomentoClient::publish(std::string cache, std::string topic, std::string value)
{
    grpc::ClientContext context;
    m_impl->prepare(context, {});
    cache_client::pubsub::_PublishRequest request;
    request.set_cache_name(std::move(cache));
    request.set_topic(js::wtf8::toWellFormedUtf8(topic));
    request.mutable_value()->set_text(js::wtf8::toWellFormedUtf8(value));
    common::_Empty response;
    const grpc::Status status = m_impl->m_pubsub->Publish(&context, request, &response);
    if (!status.ok())
        co_return errorOf(status);
    co_return std::nullopt;
}

} // namespace orderlab::runtime
