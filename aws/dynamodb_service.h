#pragma once

#include "world/world_service.h"

#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace orderlab::aws {

class DynamoDbApi;
class SecretStore;
class SecretsManagerApi;

/**
 * DynamoDB's JSON API over HTTP/1.1 (docs/dynamodb-api.md), a WorldService: cpp-httplib's
 * server on `host:port` (127.0.0.1 by default; port 0 = any free port) with keep-alive and
 * TCP_NODELAY, a pool of worker threads calling DynamoDbApi::handle. Every answer carries
 * x-amzn-RequestId and x-amz-crc32; SigV4 Authorization headers are accepted unchecked. The same
 * port serves Secrets Manager (docs/secrets-manager.md) over `secrets`, shared with whoever seeded
 * it (null: an empty store with the default limits).
 *
 * Threading: start and stop on the world's thread; the workers use the world's thread-safe
 * table registry. stop() closes the listener and joins its thread.
 */
class DynamoDbService final : public WorldService
{
  public:
    explicit DynamoDbService(int port, std::string host = "127.0.0.1", std::shared_ptr<SecretStore> secrets = {});
    ~DynamoDbService() override;

    std::string name() const override { return "dynamodb"; }
    bool start(World &world, std::string *error) override;
    void stop() override;
    std::string address() const override;
    int port() const override { return m_boundPort; }

  private:
    const int m_port;
    const std::string m_host;
    int m_boundPort = 0;
    std::shared_ptr<SecretStore> m_secrets;
    std::unique_ptr<SecretsManagerApi> m_secretsApi;
    std::unique_ptr<DynamoDbApi> m_api;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
};

} // namespace orderlab::aws
