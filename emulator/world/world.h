#pragma once

#include "apps/subscriber_apps.h"
#include "command.h"
#include "real_time_driver.h"
#include "world_config.h"
#include "world_service.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace orderlab {

/**
 * One running world, built from one WorldConfig: the pipeline's parts and their event bus,
 * the subscriber apps, the order feed, the checker's verdict, the clock (virtual, or real on
 * an emulator thread) and the services that face the network. The window (through
 * LiveEmulator), `serve`, `simulate` and the tests all build their world here.
 *
 * Every user action is a Command given to apply(), the one entry point, and is published as
 * a CommandAppliedEvent when it takes effect, so a session can be recorded and replayed
 * (docs/event-stream.md).
 *
 * Threading: construct, start and stop on one thread. In Real mode stop() joins the emulator
 * thread (the window does that off its GUI thread). apply() is thread-safe; in Real mode the
 * commands that only the emulator thread may run (mapping changes, redelivery) are posted
 * there and report their failures as events.
 */
class World
{
  public:
    /// Throws std::invalid_argument for an invalid configuration (mapping, faults) or a WorldConfig::state
    /// that does not fit (docs/state-files.md): then nothing of the world exists.
    explicit World(WorldConfig config);
    ~World();
    World(const World &) = delete;
    World &operator=(const World &) = delete;

    /// Hosts `service` from start() on. Call before start().
    void addService(std::unique_ptr<WorldService> service);
    /// Starts the pipeline, the apps, the checker, the feed if asked, the clock (Real), then the
    /// services in order. Returns the first service's failure ("momento: ..."), else empty; the
    /// world runs either way.
    std::string start();
    /// Stops the services, the feed and the emulator thread. Idempotent.
    void stop();

    /// Applies one command (see the class comment). Returns an error text, empty on success.
    std::string apply(Command command);

    const WorldConfig &config() const { return m_config; }
    Pipeline &pipeline() { return *m_pipeline; }
    EventBus &events() { return m_pipeline->events(); }
    SubscriberApps *apps() { return m_apps.get(); }
    OrderFeed &feed() { return *m_feed; }
    /// The emulator thread's driver in Real mode; null in Virtual mode.
    RealTimeDriver *driver() { return m_driver.get(); }
    const std::vector<std::unique_ptr<WorldService>> &services() const { return m_services; }
    /// The checker's latest verdict line ("in step", "drifted: ...").
    std::string verdict() const;

    /// Virtual mode: runs the scheduler until the mapping has processed everything, or `limit`.
    bool runUntilDrained(TimeMs limit) { return m_pipeline->runUntilDrained(limit); }

  private:
    std::string applyHere(Command &command);
    void publishApplied(const Command &command, const std::string &error);
    void checkLater(TimeMs delay);
    /// Runs `fn` where the scheduler's work runs: posted to the emulator thread in Real mode.
    void onEmulatorThread(std::function<void()> fn);

    WorldConfig m_config;
    std::unique_ptr<Pipeline> m_pipeline;
    std::unique_ptr<SubscriberApps> m_apps;
    std::unique_ptr<OrderFeed> m_feed;
    std::unique_ptr<RealTimeDriver> m_driver;
    std::vector<std::unique_ptr<WorldService>> m_services;
    std::atomic<std::uint64_t> m_orderCounter{0};
    mutable std::mutex m_verdictMutex;
    std::string m_verdict = "in step";
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    bool m_started = false;
};

} // namespace orderlab
