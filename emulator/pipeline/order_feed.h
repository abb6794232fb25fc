#pragma once

#include "generator/lifecycle_generator.h"
#include "pipeline.h"

#include <atomic>
#include <functional>

namespace orderlab {

/**
 * Feeds seeded order lifecycles (new order, status changes, item edits, cancellations) into
 * the pipeline's table at a chosen rate of table writes per emulator second. Runs on the
 * scheduler's thread; start/stop/setRate may be called from any thread (they post).
 */
class OrderFeed
{
  public:
    struct Options
    {
        std::uint64_t seed = 1;
        int creators = 20;
        double writesPerSecond = 20;
        int maxOrders = -1; ///< stop after this many new orders (-1: no limit)
        /// Bound on the orders in the table from the feed (0: none): at the bound the feed deletes
        /// orders, delivered ones first, instead of creating more (docs/memory-bounds.md).
        std::size_t maxLiveOrders = kDefaultMaxLiveOrders;
    };
    static constexpr std::size_t kDefaultMaxLiveOrders = 1000;

    OrderFeed(Pipeline &pipeline, Options options);
    ~OrderFeed();

    void start();
    void stop();
    bool active() const { return m_active.load(); }
    void setRate(double writesPerSecond);
    /// Called on the scheduler's thread when maxOrders is reached.
    void onFinished(std::function<void()> fn) { m_finished = std::move(fn); }

    std::uint64_t written() const { return m_written.load(); }
    int ordersStarted() const { return m_orders.load(); }
    TimeMs lastWriteTime() const { return m_lastWrite.load(); }

  private:
    void tick(std::uint64_t generation);

    Pipeline &m_pipeline;
    Options m_options;
    LifecycleGenerator m_generator;
    std::atomic<bool> m_active{false};
    std::atomic<std::uint64_t> m_generation{0};
    std::atomic<double> m_rate;
    std::atomic<std::uint64_t> m_written{0};
    std::atomic<int> m_orders{0};
    std::atomic<TimeMs> m_lastWrite{0};
    std::function<void()> m_finished;
    TimeMs m_lastTick = 0; // scheduler thread only
    double m_credit = 0;   // scheduler thread only
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace orderlab
