#pragma once

#include "momento/clients.h"
#include "momento_credentials.h"

#include <chrono>
#include <memory>

namespace orderlab::runtime {

/**
 * core's CacheClient and TopicClient over Momento's gRPC protocol (docs/orderlab-lambda.md,
 * "Momento"): one channel to `connection.target` (TLS with the default roots, which
 * GRPC_DEFAULT_SSL_ROOTS_FILE_PATH may replace, or plaintext), the `authorization` and `cache`
 * metadata the SDK sends, a deadline of `timeout` per call. Keys, values and topics (core's WTF-8
 * strings) go out as the SDK's TextEncoder writes them: UTF-8, a lone surrogate as U+FFFD
 * (js::wtf8::toWellFormedUtf8). Calls block until answered, so the
 * tasks complete synchronously (runSync). Errors come back as responses with the SDK's codes.
 * Thread-safe; a pimpl so that no gRPC type appears here.
 */
class GrpcMomentoClient final : public momento::CacheClient, public momento::TopicClient
{
  public:
    GrpcMomentoClient(MomentoConnection connection, std::chrono::milliseconds defaultTtl,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    ~GrpcMomentoClient() override;

    Task<momento::GetResponse> get(std::string cache, std::string key) override;
    Task<momento::Status> set(std::string cache, std::string key, momento::CacheValue value,
                              std::optional<std::chrono::milliseconds> ttl = std::nullopt) override;
    Task<momento::Status> remove(std::string cache, std::string key) override;
    Task<momento::Status> publish(std::string cache, std::string topic, std::string value) override;

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace orderlab::runtime
