#include "dynamodb_service.h"

#include "bounded_http_server.h"
#include "dynamodb_api.h"
#include "secret_store.h"
#include "secrets_manager_api.h"
#include "world/world.h"

#include <chrono>
#include <string>

namespace orderlab::aws {

DynamoDbService::DynamoDbService(int port, std::string host, std::shared_ptr<SecretStore> secrets,
                                 HttpConnectionLimits limits)
    : m_port(port), m_host(std::move(host)), m_limits(limits),
      m_secrets(secrets ? std::move(secrets) : std::make_shared<SecretStore>())
{
}

DynamoDbService::~DynamoDbService()
{
    stop();
}

bool DynamoDbService::start(World &world, std::string *error)
{
    m_secretsApi = std::make_unique<SecretsManagerApi>(*m_secrets, world.pipeline().scheduler());
    m_api = std::make_unique<DynamoDbApi>(world.pipeline().tables(), world.pipeline().scheduler(), m_secretsApi.get());
    const auto serve = [api = m_api.get()](const HttpRequest &request) {
        HttpAnswer answer = api->handle(request);
        answer.headers += "x-amzn-RequestId: ";
        answer.headers += newRequestId();
        answer.headers += "\r\nx-amz-crc32: ";
        answer.headers += std::to_string(crc32(answer.body));
        answer.headers += "\r\n";
        return answer;
    };
    m_server = std::make_unique<BoundedHttpServer>(m_limits.workers, m_limits.maxPendingConnections, kMaxRequestBytes,
                                                   serve, m_limits.poll);
    m_server->set_tcp_nodelay(true);
    m_server->set_keep_alive_max_count(1000000);
    m_server->set_keep_alive_timeout(60);
    m_boundPort =
        m_port == 0 ? m_server->bind_to_any_port(m_host) : (m_server->bind_to_port(m_host, m_port) ? m_port : -1);
    if (m_boundPort > 0 && !m_server->widenListenBacklog())
        m_boundPort = -1;
    if (m_boundPort <= 0) {
        if (error)
            *error = "cannot listen on " + m_host + ":" + std::to_string(m_port);
        m_server.reset();
        m_boundPort = 0;
        return false;
    }
    m_thread = std::thread([server = m_server.get()] { server->listen_after_bind(); });
    // stop() before the loop runs would be lost (httplib ignores it), and the join would hang.
    for (int i = 0; i < 5000 && !m_server->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void DynamoDbService::stop()
{
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
    m_server.reset();
    m_api.reset();
    m_secretsApi.reset();
}

std::uint64_t DynamoDbService::refusedConnections() const
{
    return m_server ? m_server->refusedConnections() : 0;
}

std::uint64_t DynamoDbService::polledWaits() const
{
    return m_server ? m_server->busyPoll().polledWaits() : 0;
}

std::uint64_t DynamoDbService::sleptWaits() const
{
    return m_server ? m_server->busyPoll().sleptWaits() : 0;
}

std::string DynamoDbService::address() const
{
    if (m_boundPort <= 0)
        return {};
    return (m_host.find(':') != std::string::npos ? "[" + m_host + "]" : m_host) + ":" + std::to_string(m_boundPort);
}

} // namespace orderlab::aws
