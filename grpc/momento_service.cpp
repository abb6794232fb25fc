#include "momento_service.h"

#include "invocation_call_observer.h"
#include "live/remote_clients_source.h"
#include "world/world.h"

#include <thread>

namespace orderlab {

/// The server's clients as the Subscribers pane lists them.
class MomentoService::Clients final : public RemoteClientsSource
{
  public:
    explicit Clients(const MomentoServer &server) : m_server(server) {}
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

MomentoService::MomentoService(MomentoServerOptions options, bool fallbackToAnyPort)
    : m_options(std::move(options)), m_fallback(fallbackToAnyPort)
{
}

MomentoService::~MomentoService()
{
    stop();
}

bool MomentoService::start(World &world, std::string *error)
{
    Pipeline &p = world.pipeline();
    std::string why;
    // The window's remembered port may still be held for a moment by the world it replaces (stopped on a
    // thread of its own): it is tried a few times before a free port replaces it.
    const int tries = m_fallback && m_options.port != 0 ? kPortTries : 1;
    for (int attempt = 0; attempt <= tries; ++attempt) {
        MomentoServerOptions options = m_options;
        options.port = attempt < tries ? m_options.port : 0;
        auto observer = std::make_shared<InvocationCallObserver>(p.invoker(), p.events());
        options.observer = observer;
        auto server = std::make_unique<MomentoServer>(p.cache(), p.topics(), &p.faults(), options);
        if (server->start(&why)) {
            observer->setPorts({server->port(), server->tlsPort()});
            m_server = std::move(server);
            m_clients = std::make_unique<Clients>(*m_server);
            return true;
        }
        if (!m_fallback || options.port == 0)
            break;
        if (attempt + 1 < tries)
            std::this_thread::sleep_for(kPortRetryPause);
    }
    if (error)
        *error = why;
    return false;
}

void MomentoService::stop()
{
    m_clients.reset();
    if (m_server)
        m_server->shutdown(std::chrono::milliseconds(500));
    m_server.reset();
}

std::string MomentoService::address() const
{
    return m_server ? m_server->address() : std::string();
}

int MomentoService::port() const
{
    return m_server ? m_server->port() : 0;
}

const RemoteClientsSource *MomentoService::remoteClients() const
{
    return m_clients.get();
}

} // namespace orderlab
