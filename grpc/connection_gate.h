#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace orderlab {

/**
 * The gRPC server's listening socket, accepted by orderlab rather than by gRPC, so that the number
 * of connections served at once is bounded (gRPC 1.51 has no such option) and so that running out
 * of file descriptors pauses accepting instead of ending it: gRPC 1.51's own accept loop stops for
 * good on the first EMFILE (docs/momento-wire.md, "Connections").
 *
 * Accepted sockets (non-blocking, close-on-exec, TCP_NODELAY) are handed to `handoff`, which owns
 * them from then on (gRPC closes them when the connection ends). The gate counts a handed socket as
 * open while its descriptor still refers to the same socket (checked with fstat, so a closed and
 * reused descriptor does not count twice). At the cap it stops accepting: further connections wait
 * in the kernel's listen backlog and are accepted as earlier ones close (re-counted every
 * `recheckMs`). When accept fails for want of descriptors or memory, it waits `recheckMs` and
 * tries again.
 *
 * Threading: listen() and start() on one thread, before any other call; then every member is
 * thread-safe. `handoff` runs on the gate's own thread. stop() joins it.
 */
class ConnectionGate
{
  public:
    using Handoff = std::function<void(int listenerFd, int fd)>;

    struct Options
    {
        std::string host = "127.0.0.1"; ///< numeric address or name; IPv6 without brackets
        int port = 0;                   ///< 0 = ephemeral
        std::size_t maxConnections = 1000;
        int backlog = 1024;
        int recheckMs = 50;
    };

    explicit ConnectionGate(Options options);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate &) = delete;
    ConnectionGate &operator=(const ConnectionGate &) = delete;

    /// Binds and listens. False (and `error` set, naming the address) on failure.
    bool listen(std::string *error);
    /// Starts accepting and handing connections to `handoff`.
    void start(Handoff handoff);
    /// Stops accepting (joins the thread) and closes the listening socket. Handed sockets are
    /// not touched. Idempotent.
    void stop();

    int port() const { return m_port; }
    /// The cap in force: maxConnections, lowered to stay well below the descriptor limit.
    std::size_t cap() const { return m_cap; }
    /// Handed sockets still open (re-counted now).
    std::size_t openConnections();
    /// How many times accept failed for want of descriptors (or memory) and the gate waited.
    std::uint64_t acceptPauses() const { return m_pauses.load(); }

    /// Raises this process's soft RLIMIT_NOFILE to its hard limit (where allowed) and returns
    /// the soft limit in force.
    static std::size_t raiseDescriptorLimit();
    /// The cap for `maxConnections` under a descriptor limit of `fdLimit`: at most half the
    /// descriptors, and 256 left for everything else when the limit allows.
    static std::size_t capFor(std::size_t maxConnections, std::size_t fdLimit);

  private:
    void loop();
    std::size_t prune(); // m_mutex held; forgets closed sockets, returns the open count
    void wait(int fd, int timeoutMs);

    const Options m_options;
    int m_listenFd = -1;
    int m_wakeFd = -1;
    int m_port = 0;
    std::size_t m_cap = 0;
    Handoff m_handoff;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_pauses{0};
    std::mutex m_mutex;
    std::map<int, std::uint64_t> m_handed; ///< fd → the socket's inode when handed
};

} // namespace orderlab
