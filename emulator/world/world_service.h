#pragma once

#include <string>

namespace orderlab {

class World;
class RemoteClientsSource;

/**
 * A network face a world hosts (the Momento gRPC server now; the DynamoDB API and the Lambda
 * Runtime API next). `app` decides which ones a world gets (World::addService); the world
 * starts them after itself and stops them before itself.
 *
 * Threading: start and stop are called on the thread that starts or stops the world; the
 * service may run its own threads in between and use the world's thread-safe parts (stores,
 * table, faults, events, apply()).
 */
class WorldService
{
  public:
    virtual ~WorldService() = default;
    /// Short name for messages, e.g. "momento".
    virtual std::string name() const = 0;
    /// Starts serving `world` (borrowed until stop()); false with the reason in `error` when it cannot.
    virtual bool start(World &world, std::string *error) = 0;
    /// Stops serving; returns within about half a second.
    virtual void stop() = 0;
    /// Where it listens once started, e.g. "127.0.0.1:8080" or "[::1]:8080"; empty when it does not.
    virtual std::string address() const { return {}; }
    virtual int port() const { return 0; }
    /// The remote clients it serves, for the window; null when it has none to show.
    virtual const RemoteClientsSource *remoteClients() const { return nullptr; }
};

} // namespace orderlab
