#pragma once

#include "momento_server.h"
#include "world/world_service.h"

#include <chrono>
#include <memory>

namespace orderlab {

/**
 * The Momento gRPC server as a service of a world: serves the world's cache and topics (with
 * its faults) from World::start until World::stop, and lists its remote clients for the window.
 * With `fallbackToAnyPort`, a taken port is tried kPortTries times kPortRetryPause apart (the
 * world it replaces may still be letting it go), then replaced by a free one (the window's choice);
 * without it, a taken port is a start failure (serve's choice).
 */
class MomentoService final : public WorldService
{
  public:
    explicit MomentoService(MomentoServerOptions options, bool fallbackToAnyPort = false);
    ~MomentoService() override;

    std::string name() const override { return "momento"; }
    bool start(World &world, std::string *error) override;
    void stop() override;
    std::string address() const override;
    int port() const override;
    const RemoteClientsSource *remoteClients() const override;

    /// The running server (null before start and after stop); for stats.
    MomentoServer *server() const { return m_server.get(); }

    static constexpr int kPortTries = 10;
    static constexpr std::chrono::milliseconds kPortRetryPause{20};

  private:
    class Clients;
    MomentoServerOptions m_options;
    bool m_fallback;
    std::unique_ptr<MomentoServer> m_server;
    std::unique_ptr<Clients> m_clients;
};

} // namespace orderlab
