#pragma once

#include <memory>
#include <string>

namespace orderlab {

/**
 * The benchmarks' ceiling: `cache_client.Scs` Get and Set with empty handlers (Get answers
 * Miss, Set answers Ok, nothing else happens), on the same gRPC stack, options and generated
 * code as MomentoServer. Not for anything but measuring. Thread-safe; a pimpl.
 */
class BaselineServer
{
  public:
    BaselineServer();
    ~BaselineServer();
    BaselineServer(const BaselineServer &) = delete;
    BaselineServer &operator=(const BaselineServer &) = delete;

    /// Listens on `bindAddress`:0. False if that fails.
    bool start(const std::string &bindAddress = "127.0.0.1");
    int port() const;
    void shutdown();

    class Impl;

  private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace orderlab
