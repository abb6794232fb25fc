#include "grpc_services.h"

#include "live/live_emulator.h"
#include "momento_server.h"
#include "pipeline/pipeline.h"

namespace orderlab {

namespace {

/// The server's clients as the Subscribers pane lists them.
class ServerClients final : public RemoteClientsSource
{
public:
    explicit ServerClients(const MomentoServer &server) : m_server(server) {}
    QList<RemoteClientRow> remoteClients() const override
    {
        QList<RemoteClientRow> rows;
        const auto subscriptions = m_server.subscriptions();
        for (const auto &c : m_server.connections()) {
            bool any = false;
            for (const auto &s : subscriptions) {
                if (s.peer != c.peer)
                    continue;
                any = true;
                rows << row(c, &s);
            }
            if (!any)
                rows << row(c, nullptr);
        }
        return rows;
    }

private:
    static RemoteClientRow row(const RemoteConnection &c, const RemoteSubscription *s)
    {
        RemoteClientRow r;
        r.peer = QString::fromStdString(c.peer);
        r.agent = QString::fromStdString(s && !s->agent.empty() ? s->agent : c.agent);
        r.calls = c.calls;
        r.failed = c.failed;
        r.sinceMs = c.firstSeenMs;
        if (s) {
            r.cache = QString::fromStdString(s->cache);
            r.topic = QString::fromStdString(s->topic);
            r.delivered = s->delivered;
            r.buffered = s->buffered;
            r.sinceMs = s->sinceMs;
        }
        return r;
    }
    const MomentoServer &m_server;
};

/// What the emulator keeps while a pipeline runs: the server, and the source it lists clients from.
struct Services
{
    LiveEmulator *emulator = nullptr;
    std::unique_ptr<MomentoServer> server;
    std::unique_ptr<ServerClients> clients;
    ~Services()
    {
        emulator->setRemoteClientsSource(nullptr);
        emulator->setGrpcPort(0);
        if (server)
            server->shutdown(std::chrono::milliseconds(500));
    }
};

} // namespace

void installGrpcServices(LiveEmulator &emulator, int port)
{
    emulator.setServicesFactory([port](Pipeline &pipeline, LiveEmulator &e) -> std::shared_ptr<void> {
        auto services = std::make_shared<Services>();
        services->emulator = &e;
        for (int attempt : {port, 0}) {
            MomentoServerOptions options;
            options.port = attempt;
            auto server = std::make_unique<MomentoServer>(pipeline.cache(), pipeline.topics(), &pipeline.faults(), options);
            if (server->start()) {
                services->server = std::move(server);
                break;
            }
            if (attempt == 0)
                return nullptr;
        }
        services->clients = std::make_unique<ServerClients>(*services->server);
        e.setRemoteClientsSource(services->clients.get());
        e.setGrpcPort(services->server->port());
        return services;
    });
}

} // namespace orderlab
