#pragma once

#include "events/event_bus.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace orderlab {

class CacheStore;

/**
 * What the handler did in a run, written as JSON lines (docs/command-line.md, "simulate
 * --effects"): one line per successful publish, in the bus's order, as it happens; then, at
 * finish(), one line per item the cache holds, by key. The same table changes processed in the
 * same order give the same file whichever handler made them (core in process, or a process
 * through the Runtime API): that is what the comparison tests diff.
 *
 * Memory: nothing is kept but the open file. Threading: the subscriber runs on the publishing
 * threads; writes are serialised by a mutex. Errors: a file that cannot be opened or written is
 * reported by error(), never thrown.
 */
class SimulationEffects
{
  public:
    explicit SimulationEffects(const std::string &path);
    ~SimulationEffects();
    SimulationEffects(const SimulationEffects &) = delete;
    SimulationEffects &operator=(const SimulationEffects &) = delete;

    [[nodiscard]] EventBus::Subscription follow(EventBus &bus);
    /// Writes the items `cacheName` holds now and closes the file.
    void finish(const CacheStore &cache, const std::string &cacheName);
    /// Why the file could not be written; empty when it could.
    std::string error() const;

  private:
    void line(const std::string &text);

    const std::string m_path;
    mutable std::mutex m_mutex;
    std::FILE *m_file = nullptr;
    std::string m_error;
};

} // namespace orderlab
