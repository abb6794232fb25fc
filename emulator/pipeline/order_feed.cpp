#include "order_feed.h"

#include <climits>

namespace orderlab {

namespace {
LifecycleGenerator::Options generatorOptions(const OrderFeed::Options &o, TimeMs now)
{
    LifecycleGenerator::Options g;
    g.seed = o.seed;
    g.records = INT_MAX;
    g.creators = o.creators;
    g.startTimeMs = now;
    g.maxLiveOrders = o.maxLiveOrders;
    return g;
}
} // namespace

OrderFeed::OrderFeed(Pipeline &pipeline, Options options)
    : m_pipeline(pipeline), m_options(options), m_generator(generatorOptions(options, pipeline.scheduler().now())),
      m_rate(options.writesPerSecond)
{
}

OrderFeed::~OrderFeed()
{
    *m_alive = false;
}

void OrderFeed::start()
{
    if (m_active.exchange(true))
        return;
    const std::uint64_t generation = ++m_generation;
    m_lastTick = m_pipeline.scheduler().now();
    m_credit = 1; // the first write at once
    std::weak_ptr<bool> alive = m_alive;
    m_pipeline.scheduler().after(0, [this, alive, generation] {
        if (auto a = alive.lock(); a && *a)
            tick(generation);
    });
}

void OrderFeed::stop()
{
    m_active = false;
    ++m_generation;
}

void OrderFeed::setRate(double writesPerSecond)
{
    m_rate = writesPerSecond > 0 ? writesPerSecond : 1;
}

void OrderFeed::tick(std::uint64_t generation)
{
    if (!m_active || generation != m_generation)
        return;
    if (m_options.maxOrders >= 0 && m_orders >= m_options.maxOrders) {
        m_active = false;
        if (m_finished)
            m_finished();
        return;
    }
    // Writes due since the last tick (several per millisecond at high rates).
    const TimeMs now = m_pipeline.scheduler().now();
    m_credit += m_rate.load() * static_cast<double>(now - m_lastTick) / 1000.0;
    m_lastTick = now;
    while (m_credit >= 1) {
        m_credit -= 1;
        if (m_options.maxOrders >= 0 && m_orders >= m_options.maxOrders)
            break;
        OrderChange change = m_generator.next();
        if (change.kind == OrderChange::Insert)
            ++m_orders;
        try {
            if (m_pipeline.apply(change).changed)
                ++m_written;
        } catch (const std::exception &) {
            // a generated item is always valid; a write the table refuses is skipped
        }
    }
    m_lastWrite = now;
    const auto delay = std::max<TimeMs>(1, static_cast<TimeMs>(1000.0 / m_rate.load()));
    std::weak_ptr<bool> alive = m_alive;
    m_pipeline.scheduler().after(std::max<TimeMs>(delay, 1), [this, alive, generation] {
        if (auto a = alive.lock(); a && *a)
            tick(generation);
    });
}

} // namespace orderlab
