#include "connection_owners.h"

#include "peer_process.h"

#include <algorithm>

namespace orderlab::lambda {

void ConnectionOwners::add(pid_t group)
{
    std::lock_guard lock(m_mutex);
    if (std::find(m_groups.begin(), m_groups.end(), group) == m_groups.end())
        m_groups.push_back(group);
    ++m_generation;
}

void ConnectionOwners::forget(pid_t group)
{
    std::lock_guard lock(m_mutex);
    m_groups.erase(std::remove(m_groups.begin(), m_groups.end(), group), m_groups.end());
    std::erase_if(m_owner, [group](const auto &entry) { return entry.second.group == group; });
}

pid_t ConnectionOwners::ownerOf(int clientPort, const std::vector<int> &serverPorts)
{
    std::vector<pid_t> groups;
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_owner.find(clientPort); it != m_owner.end())
            return std::find(serverPorts.begin(), serverPorts.end(), it->second.serverPort) != serverPorts.end()
                       ? it->second.group
                       : -1;
        if (auto it = m_nobodySince.find(clientPort); it != m_nobodySince.end() && it->second == m_generation)
            return -1;
        groups = m_groups;
        generation = m_generation;
    }
    Owner owner;
    for (pid_t group : groups)
        for (int serverPort : serverPorts)
            if (owner.group < 0 && serverPort > 0 && connectionFromGroup(clientPort, serverPort, group))
                owner = {group, serverPort};
    std::lock_guard lock(m_mutex);
    if (m_owner.size() + m_nobodySince.size() >= kMaxRemembered) {
        m_owner.clear();
        m_nobodySince.clear();
    }
    if (owner.group < 0)
        m_nobodySince[clientPort] = generation;
    else if (std::find(m_groups.begin(), m_groups.end(), owner.group) != m_groups.end())
        m_owner[clientPort] = owner; // not if the group was forgotten while /proc was read
    return owner.group;
}

} // namespace orderlab::lambda
