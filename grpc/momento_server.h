#pragma once

#include "remote_clients.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace orderlab {

class CacheStore;
class TopicHub;
class FaultInjector;

/// What one unary call did, as a CallObserver sees it.
struct ObservedCall
{
    std::string op;        ///< get, set, delete, publish; the other calls by their momento-local name (set-if, ...)
    std::string cache;     ///< the `cache` header, or the publish's cache
    std::string key;       ///< the key, or the topic for publish
    std::size_t bytes = 0; ///< the value's size (set, a get's hit, publish)
    std::string result;    ///< hit, miss, ok, or the error as the SDK names it (SERVER_UNAVAILABLE, ...)
    std::string value;     ///< publish: the message
    double latencyMs = 0;  ///< wall time from the call's arrival to its answer
};

/**
 * Watches a server's unary calls (MomentoServerOptions::observer), so that a call can be put
 * under the cause its caller was serving (docs/lambda-runtime.md, "Calls under their
 * invocation"). begin() runs on the gRPC thread before the call is admitted; the Scope it
 * returns stays alive on that thread while the call's work runs, then gets what the call did.
 * A null Scope: the call is not observed. Implementations are thread-safe.
 */
class CallObserver
{
  public:
    class Scope
    {
      public:
        virtual ~Scope() = default;
        virtual void finished(const ObservedCall &call) = 0;
    };
    virtual ~CallObserver() = default;
    /// `peer` is gRPC's, e.g. "ipv4:127.0.0.1:54321".
    virtual std::unique_ptr<Scope> begin(const std::string &peer) = 0;
};

struct MomentoServerOptions
{
    std::string bindAddress = "127.0.0.1";
    int port = 0; ///< 0 = ephemeral; port() tells which
    /// Empty: any `authorization` is accepted; else only this value or a token signed with it
    /// (`orderlab token --auth-token`, docs/momento-tls.md), anything else gets UNAUTHENTICATED.
    std::string authToken;
    /// The TLS port (docs/momento-tls.md): -1 = none, 0 = ephemeral; bound on bindAddress like `port`, serving the
    /// same services, with this certificate chain and private key (PEM text; both required when tlsPort >= 0).
    int tlsPort = -1;
    std::string tlsCertificateChainPem;
    std::string tlsPrivateKeyPem;
    std::chrono::milliseconds heartbeatInterval{5000};
    std::size_t maxStreamBuffer = 1024; ///< messages a subscriber may fall behind before its stream is ended
    int maxReceiveMessageBytes =
        16 * 1024 * 1024;    ///< gRPC's cap (the SDK's own is 10,486,000); the item limit is the cache's
    bool rateLimits = false; ///< 100 cache ops/s and 10 publishes/s per cache (RESOURCE_EXHAUSTED)

    // Registries a client can grow (docs/momento-wire.md, "Limits"); always enforced.
    std::size_t maxSubscriptions = 100; ///< live subscriptions per cache (Momento: 100 subscribers per cache)
    std::size_t maxCaches = 10;         ///< CreateCache beyond this many caches: RESOURCE_EXHAUSTED (Momento: 10)
    std::size_t maxNameBytes = 255;     ///< longer cache or topic names: INVALID_ARGUMENT
    /// Connections served at once; further ones wait in the listen backlog until one closes.
    std::size_t maxConnections = 1000;
    /// Sees every unary call when set (shared: the options are copied).
    std::shared_ptr<CallObserver> observer;
};

/// Counters of the server as a whole.
struct MomentoServerStats
{
    std::uint64_t calls = 0;
    std::uint64_t failed = 0;
    std::size_t openStreams = 0;
    std::uint64_t streamsEnded = 0;    ///< subscriptions ended, for any reason
    std::uint64_t slowSubscribers = 0; ///< streams ended because the client fell behind maxStreamBuffer
    std::uint64_t injectedFaults = 0;  ///< momento-local headers and FaultInjector rules that failed or delayed a call
    std::size_t connectionCap =
        0; ///< connections served at once at most (options.maxConnections, or lower), per port, summed
    std::size_t openConnections = 0; ///< connections open now, on both ports
    std::uint64_t acceptPauses = 0;  ///< times accepting waited for a free file descriptor
};

/**
 * Momento's gRPC protocol (`docs/momento-wire.md`) over orderlab's CacheStore and TopicHub: the
 * services `cache_client.Scs`, `cache_client.pubsub.Pubsub`, `control_client.ScsControl` and
 * `cache_client.Ping` on one plaintext port, so that unmodified Momento SDKs (with
 * `MomentoLocalProvider`) talk to the emulator, and optionally on a TLS port as well (tlsPort; the
 * same services and state, so an SDK with an `orderlab token` reaches it; docs/momento-tls.md).
 * A pimpl: no gRPC type appears here.
 *
 * Faults: momento-local's per-request headers (see RequestFaults), and, when `faults` is
 * given, the emulator's FaultInjector rules for every client at once, by operation:
 * Get, KeysExist, ItemGetTtl → `cache.get`; Set, SetIf, Increment, UpdateTtl → `cache.set`;
 * Delete → `cache.delete`; Publish → `topic.publish` (the same rules the in-process handler
 * obeys). A rule's latency delays the response; a failing call gets the rule's code.
 *
 * Subscriptions: a heartbeat at once, then one every `heartbeatInterval` while idle; resume
 * and discontinuities as TopicHub provides them. The hub delivers on the publisher's thread,
 * so each stream buffers; a stream more than `maxStreamBuffer` messages behind is ended with
 * RESOURCE_EXHAUSTED (the SDK resubscribes and resumes), never blocking the publisher.
 *
 * Limits: every registry a client can grow is bounded (the options above; docs/momento-wire.md,
 * "Limits"). Connections are accepted by a ConnectionGate (one per port) and handed to gRPC: at most
 * `maxConnections` at once per port, more wait in the listen backlog; running out of file descriptors pauses
 * accepting instead of ending it ("Connections").
 *
 * Ownership: `cache`, `topics` and `faults` are borrowed and must outlive the server.
 * Threading: all members are thread-safe; calls are served on gRPC's threads.
 */
class MomentoServer
{
  public:
    MomentoServer(CacheStore &cache, TopicHub &topics, FaultInjector *faults, MomentoServerOptions options = {});
    /// Shuts down (see shutdown()).
    ~MomentoServer();
    MomentoServer(const MomentoServer &) = delete;
    MomentoServer &operator=(const MomentoServer &) = delete;

    /// Binds and starts serving. False (and `error` set) if the address cannot be bound or
    /// the server was already started.
    bool start(std::string *error = nullptr);
    /// The bound port, 0 before start().
    int port() const;
    /// `bindAddress:port`, an IPv6 address in brackets (`[::1]:8080`), as a gRPC target takes it.
    std::string address() const;
    /// The bound TLS port, 0 before start() or without one.
    int tlsPort() const;
    /// `bindAddress:tlsPort` as address() writes it; empty without a TLS port.
    std::string tlsAddress() const;

    /**
     * Ends every subscription (UNAVAILABLE "server shutting down"), stops taking calls, lets
     * calls in progress finish (injected delays are cut short) and waits for them, at most
     * `grace` before cancelling them. Idempotent.
     */
    void shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

    // Introspection for the app (copies; cheap enough for a UI tick).
    std::vector<RemoteConnection> connections() const;
    std::vector<RemoteSubscription> subscriptions() const;
    /// (cache, topic) → live remote subscriptions.
    std::map<std::pair<std::string, std::string>, std::size_t> subscriptionsPerTopic() const;
    double callsPerSecond() const;
    MomentoServerStats stats() const;

    class Impl;

  private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace orderlab
