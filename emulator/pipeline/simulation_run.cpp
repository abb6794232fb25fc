#include "simulation_run.h"

#include "simulation_effects.h"
#include "world/world.h"
#include "world/world_service.h"

#include "js/json.h"

#include <chrono>
#include <climits>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace orderlab {

namespace {
constexpr TimeMs kDayMs = 24LL * 3600 * 1000;
}

bool SimulationResult::clean() const
{
    return problems().empty() && error.empty();
}

std::string SimulationResult::problems() const
{
    std::string p;
    auto add = [&](std::uint64_t n, const char *what) {
        if (n)
            p += (p.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(mapping.recordsDiscarded, "records discarded");
    add(mapping.recordsLost, "records lost (trimmed while blocked)");
    add(check.cacheMismatches, "cache mismatches");
    add(check.lostUpdates, "lost updates");
    add(check.staleEntries, "stale entries");
    add(check.notificationsMissing, "missing notifications");
    if (!drained)
        p += std::string(p.empty() ? "" : ", ") + "the stream was not drained";
    return p;
}

std::string SimulationResult::json() const
{
    auto o = js::newObject();
    auto n = [&](const char *key, std::uint64_t v) { o->set(key, js::Value(static_cast<double>(v))); };
    o->set("timing", js::Value(timing));
    n("recordsWritten", recordsWritten);
    n("invocations", mapping.invocations);
    n("retries", mapping.retries);
    n("recordsDiscarded", mapping.recordsDiscarded);
    n("recordsLost", mapping.recordsLost);
    n("poisonRecords", mapping.poisonRecords);
    n("partialFailures", mapping.partialFailures);
    n("failedInvocations", mapping.failures);
    n("cacheMismatches", check.cacheMismatches);
    n("lostUpdates", check.lostUpdates);
    n("staleEntries", check.staleEntries);
    n("expiredKeys", check.expiredKeys);
    n("evictedKeys", check.evictedKeys);
    n("notificationsExpected", check.notificationsExpected);
    n("notificationsDelivered", check.notificationsDelivered);
    n("notificationsMissing", check.notificationsMissing);
    n("notificationsDuplicated", check.notificationsDuplicated);
    o->set("drained", js::Value(drained));
    o->set("verdict", js::Value(clean() ? std::string("clean") : problems()));
    o->set("virtualSeconds", js::Value(static_cast<double>(virtualMs) / 1000.0));
    if (realClock)
        o->set("clock", js::Value(std::string("real")));
    auto w = js::newArray();
    for (const auto &s : warnings)
        w->items.emplace_back(s);
    o->set("warnings", js::Value(w));
    auto f = js::newArray();
    for (const auto &s : check.findings)
        f->items.emplace_back(s);
    o->set("findings", js::Value(f));
    return *js::stringifyJson(js::Value(o));
}

std::string SimulationResult::summary() const
{
    std::string s;
    auto line = [&](const std::string &l) { s += l + "\n"; };
    line("orderlab simulate: " + std::to_string(recordsWritten) + " table writes over " +
         std::to_string(virtualMs / 1000) + " s of emulator time");
    line("  timing " + timing);
    if (realClock)
        line("  clock: real (the handler runs as a process), so this run does not repeat exactly");
    line("  invocations " + std::to_string(mapping.invocations) + ", retries " + std::to_string(mapping.retries) +
         ", partial failures " + std::to_string(mapping.partialFailures) + ", failed invocations " +
         std::to_string(mapping.failures));
    line("  records discarded " + std::to_string(mapping.recordsDiscarded) + ", lost " +
         std::to_string(mapping.recordsLost) + ", poison " + std::to_string(mapping.poisonRecords));
    line("  cache: " + std::to_string(check.keysChecked) + " keys checked, " + std::to_string(check.cacheMismatches) +
         " mismatches, " + std::to_string(check.lostUpdates) + " lost updates, " + std::to_string(check.staleEntries) +
         " stale entries, " + std::to_string(check.expiredKeys) + " expired, " + std::to_string(check.evictedKeys) +
         " evicted (not a loss)");
    line("  notifications: " + std::to_string(check.notificationsExpected) + " expected, " +
         std::to_string(check.notificationsDelivered) + " delivered, " + std::to_string(check.notificationsMissing) +
         " missing, " + std::to_string(check.notificationsDuplicated) + " duplicated");
    for (const auto &w : warnings)
        line("  warning: " + w);
    std::size_t shown = 0;
    for (const auto &f : check.findings) {
        if (shown++ == 20) {
            line("  ... " + std::to_string(check.findings.size() - 20) + " more findings (--json lists them)");
            break;
        }
        line("  finding: " + f);
    }
    line(clean() ? "verdict: clean, nothing lost or wrong" : "verdict: " + problems());
    return s;
}

namespace {

/// Calls options.progress every options.progressEveryMs of wall time on a thread of its own until destroyed
/// (the destructor wakes and joins it). `world` must outlive it.
class ProgressReporter
{
  public:
    ProgressReporter(const SimulationOptions &options, World &world, std::chrono::steady_clock::time_point wallStart)
    {
        if (!options.progress || options.progressEveryMs <= 0)
            return;
        const TimeMs start = world.pipeline().scheduler().now();
        m_thread = std::thread([this, &options, &world, wallStart, start] {
            std::unique_lock lock(m_mutex);
            while (
                !m_cv.wait_for(lock, std::chrono::milliseconds(options.progressEveryMs), [this] { return m_stop; })) {
                SimulationProgress p;
                p.virtualMs = world.pipeline().scheduler().now() - start;
                p.writes = world.feed().written();
                p.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
                options.progress(p);
            }
        });
    }
    ~ProgressReporter()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    ProgressReporter(const ProgressReporter &) = delete;
    ProgressReporter &operator=(const ProgressReporter &) = delete;

  private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::thread m_thread;
};

/// Runs `fn` on the world's emulator thread and waits for it.
template <typename F> auto onEmulator(World &world, F fn)
{
    std::promise<decltype(fn())> done;
    auto result = done.get_future();
    world.driver()->post([&] { done.set_value(fn()); });
    return result.get();
}

SimulationResult runOnRealClock(WorldConfig config, const SimulationOptions &options,
                                std::chrono::steady_clock::time_point wallStart)
{
    config.clock = WorldConfig::ClockMode::Real;
    config.speed = 1;
    config.feedAtStart = false; // once the services are bound, below
    World world(config);
    if (options.services)
        for (auto &service : options.services())
            world.addService(std::move(service));
    SimulationResult result;
    result.realClock = true;
    result.error = world.start();
    if (result.error.empty() && options.servicesStarted)
        result.error = options.servicesStarted(world);
    if (!result.error.empty()) {
        world.stop();
        return result;
    }
    std::optional<SimulationEffects> effects;
    EventBus::Subscription effectsFollow;
    if (!options.effectsPath.empty()) {
        effects.emplace(options.effectsPath);
        effectsFollow = effects->follow(world.events());
    }
    world.feed().start();
    ProgressReporter reporter(options, world, wallStart);
    Pipeline &pipeline = world.pipeline();
    result.timing = pipeline.timing().name;
    const TimeMs start = pipeline.scheduler().now();
    while (world.feed().active())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto fedAt = std::chrono::steady_clock::now();
    while (!(result.drained = onEmulator(world, [&] { return pipeline.mapping().drained(); })) &&
           std::chrono::steady_clock::now() - fedAt < std::chrono::milliseconds(kRealClockDrainMs))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    onEmulator(world, [&] {
        result.recordsWritten = world.feed().written();
        result.mapping = pipeline.mapping().stats();
        result.check = pipeline.check();
        result.warnings = pipeline.warnings();
        result.virtualMs = pipeline.scheduler().now() - start;
        return true;
    });
    if (effects) { // the cache as the run left it, before stopping lets time run on
        effects->finish(pipeline.cache(), kCacheName);
        result.error = effects->error();
    }
    world.stop();
    return result;
}

} // namespace

SimulationResult runSimulation(const SimulationOptions &options)
{
    const auto wallStart = std::chrono::steady_clock::now();
    WorldConfig config;
    config.pipeline = options.pipeline;
    config.feed.creators = options.creators;
    config.feed.writesPerSecond = options.writesPerSecond;
    config.feed.maxOrders = options.orders;
    config.feed.maxLiveOrders = options.maxLiveOrders;
    config.feedAtStart = true;
    config.state = options.state;
    config.apps = false;
    config.checkEveryMs = 0;
    if (options.realClock) {
        SimulationResult result = runOnRealClock(std::move(config), options, wallStart);
        result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        return result;
    }
    World world(config);
    std::optional<SimulationEffects> effects;
    EventBus::Subscription effectsFollow;
    if (!options.effectsPath.empty()) { // before the feed's first write, which start() makes
        effects.emplace(options.effectsPath);
        effectsFollow = effects->follow(world.events());
    }
    world.start();
    std::optional<ProgressReporter> reporter(std::in_place, options, world, wallStart);
    Pipeline &pipeline = world.pipeline();
    SimulationResult result;
    result.timing = pipeline.timing().name;
    const TimeMs start = pipeline.scheduler().now();
    while (world.feed().active() && pipeline.scheduler().runNext(INT64_MAX)) {
    }
    result.recordsWritten = world.feed().written();
    const TimeMs last = pipeline.scheduler().now();
    result.drained = world.runUntilDrained(last + kDayMs + 120000);
    result.mapping = pipeline.mapping().stats();
    result.check = pipeline.check();
    result.warnings = pipeline.warnings();
    result.virtualMs = pipeline.scheduler().now() - start;
    reporter.reset();
    if (effects) { // the cache as the run left it, before stopping lets time run on
        effects->finish(pipeline.cache(), kCacheName);
        result.error = effects->error();
    }
    world.stop(); // lets in-flight invocations end so that nothing is left suspended
    result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return result;
}

} // namespace orderlab
