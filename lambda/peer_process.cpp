#include "peer_process.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace orderlab::lambda {

namespace {

constexpr const char *kLoopbackHex = "0100007F"; // 127.0.0.1 as /proc/net/tcp writes it
/// ::ffff:127.0.0.1 as /proc/net/tcp6 writes it: a dual-stack socket's view of 127.0.0.1 (gRPC's clients use one).
constexpr const char *kMappedLoopbackHex = "0000000000000000FFFF00000100007F";

/// The inode of the socket 127.0.0.1:local -> 127.0.0.1:remote in `table` (/proc/net/tcp or tcp6), or empty.
std::string socketInode(const char *table, const char *address, int local, int remote)
{
    char want[128];
    std::snprintf(want, sizeof want, "%s:%04X %s:%04X", address, local, address, remote);
    std::ifstream tcp(table);
    std::string line;
    std::getline(tcp, line); // the header
    while (std::getline(tcp, line)) {
        std::istringstream fields(line);
        std::string slot, localAddress, remoteAddress, state, queues, timer, retransmits, uid, timeout, inode;
        if (!(fields >> slot >> localAddress >> remoteAddress >> state >> queues >> timer >> retransmits >> uid >>
              timeout >> inode))
            continue;
        if (localAddress + " " + remoteAddress == want)
            return inode;
    }
    return {};
}

pid_t groupOf(const std::filesystem::path &process)
{
    std::ifstream stat(process / "stat");
    std::string text;
    std::getline(stat, text);
    const auto paren = text.rfind(')');
    if (paren == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(paren + 1));
    std::string state;
    long parent = 0, group = -1;
    fields >> state >> parent >> group;
    return static_cast<pid_t>(group);
}

} // namespace

bool connectionFromGroup(int clientPort, int serverPort, pid_t group)
{
    if (group <= 0 || clientPort <= 0)
        return false;
    std::string inode = socketInode("/proc/net/tcp", kLoopbackHex, clientPort, serverPort);
    if (inode.empty())
        inode = socketInode("/proc/net/tcp6", kMappedLoopbackHex, clientPort, serverPort);
    if (inode.empty() || inode == "0")
        return false;
    const std::string target = "socket:[" + inode + "]";
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        if (groupOf(entry.path()) != group)
            continue;
        std::error_code fdError;
        for (const auto &fd : std::filesystem::directory_iterator(entry.path() / "fd", fdError)) {
            std::error_code linkError;
            if (std::filesystem::read_symlink(fd.path(), linkError).string() == target)
                return true;
        }
    }
    return false;
}

} // namespace orderlab::lambda
