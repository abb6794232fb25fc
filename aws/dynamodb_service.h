#pragma once

#include "busy_poll.h"
#include "world/world_service.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace orderlab::aws {

class BoundedHttpServer;
class DynamoDbApi;
class SecretStore;
class SecretsManagerApi;

/**
 * How many connections the HTTP port holds (docs/memory-bounds.md, "The DynamoDB port"); the one place these
 * numbers live. A connection keeps its worker for its whole keep-alive life, so `workers` is also how many
 * clients are served at once. `maxPendingConnections` more may wait for a worker (they are served, in order, as
 * connections close); one accepted beyond that is closed at once without being read, and the SDKs retry it as a
 * network error. The default of 64 waiting means that one SDK client at its default pool size (50 sockets in the
 * AWS SDK for JavaScript v3) is never refused.
 */
struct HttpConnectionLimits
{
    std::size_t workers = 16;
    std::size_t maxPendingConnections = 64;
    /// How a connection's thread waits for its client's next request (docs/dynamodb-api.md, "Latency").
    BusyPollSettings poll;
};

/**
 * DynamoDB's JSON API over HTTP/1.1 (docs/dynamodb-api.md), a WorldService: cpp-httplib's
 * server on `host:port` (127.0.0.1 by default; port 0 = any free port) with keep-alive and
 * TCP_NODELAY, a bounded pool of worker threads (HttpConnectionLimits) calling DynamoDbApi::handle. Every answer
 * carries x-amzn-RequestId and x-amz-crc32; SigV4 Authorization headers are accepted unchecked. The same port serves
 * Secrets Manager (docs/secrets-manager.md) over `secrets`, shared with whoever seeded it (null: an empty store with
 * the default limits).
 *
 * Threading: start and stop on the world's thread; the workers use the world's thread-safe
 * table registry. stop() closes the listener and joins its thread.
 */
class DynamoDbService final : public WorldService
{
  public:
    explicit DynamoDbService(int port, std::string host = "127.0.0.1", std::shared_ptr<SecretStore> secrets = {},
                             HttpConnectionLimits limits = {});
    ~DynamoDbService() override;

    std::string name() const override { return "dynamodb"; }
    bool start(World &world, std::string *error) override;
    void stop() override;
    std::string address() const override;
    int port() const override { return m_boundPort; }
    /// Connections closed unread since start() because HttpConnectionLimits were reached; 0 when stopped.
    /// Any thread between start() and stop().
    std::uint64_t refusedConnections() const;
    /// Waits for a request that ended by polling / by sleeping since start() (BusyPoll); 0 when stopped. Any
    /// thread between start() and stop().
    std::uint64_t polledWaits() const;
    std::uint64_t sleptWaits() const;

  private:
    const int m_port;
    const std::string m_host;
    const HttpConnectionLimits m_limits;
    int m_boundPort = 0;
    std::shared_ptr<SecretStore> m_secrets;
    std::unique_ptr<SecretsManagerApi> m_secretsApi;
    std::unique_ptr<DynamoDbApi> m_api;
    std::unique_ptr<BoundedHttpServer> m_server;
    std::thread m_thread;
};

} // namespace orderlab::aws
