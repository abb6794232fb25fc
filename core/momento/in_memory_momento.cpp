#include "in_memory_momento.h"

namespace orderlab::momento {

Task<GetResponse> InMemoryMomento::get(std::string cache, std::string key)
{
    std::lock_guard lock(m_mutex);
    auto c = m_caches.find(cache);
    if (c != m_caches.end()) {
        auto it = c->second.find(key);
        if (it != c->second.end())
            co_return GetResponse(Hit{it->second.value});
    }
    co_return GetResponse(Miss{});
}

Task<Status> InMemoryMomento::set(std::string cache, std::string key, CacheValue value,
                                  std::optional<std::chrono::milliseconds>)
{
    std::lock_guard lock(m_mutex);
    auto &entries = m_caches[cache];
    auto it = entries.find(key);
    if (it == entries.end())
        entries.emplace(std::move(key), Entry{std::move(value), m_nextInsertion++});
    else
        it->second.value = std::move(value);
    co_return Status{};
}

Task<Status> InMemoryMomento::remove(std::string cache, std::string key)
{
    std::lock_guard lock(m_mutex);
    auto c = m_caches.find(cache);
    if (c != m_caches.end())
        c->second.erase(key);
    co_return Status{};
}

Task<Status> InMemoryMomento::publish(std::string cache, std::string topic, std::string value)
{
    std::lock_guard lock(m_mutex);
    m_published.push_back({std::move(cache), std::move(topic), std::move(value)});
    co_return Status{};
}

std::map<std::string, InMemoryMomento::Entry> InMemoryMomento::entries(const std::string &cache) const
{
    std::lock_guard lock(m_mutex);
    auto c = m_caches.find(cache);
    return c == m_caches.end() ? std::map<std::string, Entry>{} : c->second;
}

std::vector<InMemoryMomento::Publish> InMemoryMomento::published() const
{
    std::lock_guard lock(m_mutex);
    return m_published;
}

void InMemoryMomento::preload(const std::string &cache, const std::string &key, std::string value)
{
    std::lock_guard lock(m_mutex);
    auto &entries = m_caches[cache];
    auto it = entries.find(key);
    if (it == entries.end())
        entries.emplace(key, Entry{makeValue(std::move(value)), m_nextInsertion++});
    else
        it->second.value = makeValue(std::move(value));
}

} // namespace orderlab::momento
