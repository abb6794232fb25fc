#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace orderlab::lambda {

/**
 * Which execution environment's process group owns a loopback TCP connection to one of
 * orderlab's ports, remembered per client port (docs/lambda-runtime.md, "Calls under their
 * invocation"). A port found to belong to a group (with the server port it goes to) is remembered
 * until forget(group); a port
 * found to belong to none of the groups is not looked up again until a new group is added.
 * Bounded: at most kMaxRemembered ports, all forgotten when the bound is reached.
 *
 * Thread-safe. ownerOf() reads /proc outside the lock (connectionFromGroup).
 */
class ConnectionOwners
{
  public:
    static constexpr std::size_t kMaxRemembered = 4096;

    /// A group that may own connections from now on.
    void add(pid_t group);
    /// The group is gone: its ports are forgotten.
    void forget(pid_t group);
    /// The group that owns 127.0.0.1:`clientPort` → 127.0.0.1:(one of `serverPorts`), or -1.
    pid_t ownerOf(int clientPort, const std::vector<int> &serverPorts);

  private:
    std::mutex m_mutex;
    std::vector<pid_t> m_groups;
    std::uint64_t m_generation = 0; ///< bumped by add()
    struct Owner
    {
        pid_t group = -1;
        int serverPort = 0; ///< the port the connection goes to
    };
    std::map<int, Owner> m_owner;               ///< client port → its connection's owner
    std::map<int, std::uint64_t> m_nobodySince; ///< client port → the generation it was found unowned in
};

} // namespace orderlab::lambda
