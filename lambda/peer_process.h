#pragma once

#include <sys/types.h>

namespace orderlab::lambda {

/**
 * Whether the TCP connection from 127.0.0.1:`clientPort` to 127.0.0.1:`serverPort` belongs to a
 * process of process group `group` (Linux: the socket's inode from /proc/net/tcp, or from
 * /proc/net/tcp6 for a dual-stack client socket connected to ::ffff:127.0.0.1, looked up among
 * the open files of the group's processes). False when it cannot tell (docs/lambda-runtime.md,
 * "One port per environment"). Thread-safe; reads /proc each call.
 */
bool connectionFromGroup(int clientPort, int serverPort, pid_t group);

} // namespace orderlab::lambda
