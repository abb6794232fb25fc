#pragma once

#include "async/task.h"
#include "responses.h"

#include <chrono>
#include <optional>
#include <string>

namespace orderlab::momento {

/**
 * The cache calls the handler makes, shaped like the SDK's CacheClient. Calls may run
 * concurrently from several invocations; an implementation must be thread-safe. A task
 * may complete synchronously (in-memory) or later, on another thread (emulated latency,
 * gRPC). Errors come back as responses, never as exceptions.
 */
class CacheClient
{
  public:
    virtual ~CacheClient() = default;
    virtual Task<GetResponse> get(std::string cache, std::string key) = 0;
    /// `ttl` absent: the client's default TTL.
    virtual Task<Status> set(std::string cache, std::string key, CacheValue value,
                             std::optional<std::chrono::milliseconds> ttl = std::nullopt) = 0;
    virtual Task<Status> remove(std::string cache, std::string key) = 0;
};

/// The topic calls the handler makes, shaped like the SDK's TopicClient. Same contract as CacheClient.
class TopicClient
{
  public:
    virtual ~TopicClient() = default;
    virtual Task<Status> publish(std::string cache, std::string topic, std::string value) = 0;
};

} // namespace orderlab::momento
