#pragma once

#include "clients.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab::momento {

/**
 * A cache and topics that never expire, never fail and answer synchronously: what
 * `orderlab replay` runs against, like the reference runner's in-memory Momento.
 * Thread-safe. Keeps the order in which keys were first inserted (a JavaScript Map's
 * order), which the replay output's tie-breaking needs.
 */
class InMemoryMomento final : public CacheClient, public TopicClient
{
  public:
    struct Entry
    {
        CacheValue value;
        std::uint64_t insertion = 0; ///< when the key was (re)inserted; a JavaScript Map's order
    };
    struct Publish
    {
        std::string cache;
        std::string topic;
        std::string value;
    };

    Task<GetResponse> get(std::string cache, std::string key) override;
    Task<Status> set(std::string cache, std::string key, CacheValue value,
                     std::optional<std::chrono::milliseconds> ttl = std::nullopt) override;
    Task<Status> remove(std::string cache, std::string key) override;
    Task<Status> publish(std::string cache, std::string topic, std::string value) override;

    /// Snapshot of one cache's entries, by key.
    std::map<std::string, Entry> entries(const std::string &cache) const;
    std::vector<Publish> published() const;
    /// Puts a value directly (test set-up: a cache that already holds something).
    void preload(const std::string &cache, const std::string &key, std::string value);

  private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::map<std::string, Entry>> m_caches;
    std::vector<Publish> m_published;
    std::uint64_t m_nextInsertion = 0;
};

} // namespace orderlab::momento
