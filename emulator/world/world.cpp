#include "world.h"

#include "order_actions.h"
#include "state/state_restore.h"
#include "state/world_state.h"

#include <chrono>
#include <stdexcept>

namespace orderlab {

World::World(WorldConfig config) : m_config(std::move(config))
{
    m_pipeline = std::make_unique<Pipeline>(m_config.pipeline);
    if (m_config.state) {
        try {
            state::restoreContents(*m_config.state, *m_pipeline);
        } catch (const std::invalid_argument &) {
            throw;
        } catch (const std::exception &e) {
            throw std::invalid_argument(std::string("the state does not fit: ") + e.what());
        }
    }
    OrderFeed::Options feed = m_config.feed;
    feed.seed = m_config.pipeline.seed;
    m_feed = std::make_unique<OrderFeed>(*m_pipeline, feed);
}

World::~World()
{
    stop();
    *m_alive = false;
    m_apps.reset();
}

void World::addService(std::unique_ptr<WorldService> service)
{
    m_services.push_back(std::move(service));
}

std::string World::start()
{
    if (m_started)
        return {};
    m_started = true;
    if (m_config.apps) {
        m_apps = std::make_unique<SubscriberApps>(m_pipeline->topics(), m_pipeline->events());
        m_apps->start();
    }
    std::string failure;
    if (m_config.state && m_apps) {
        std::string error;
        if (!state::restoreSubscribers(*m_config.state, *m_apps, &error))
            failure = "state: " + error;
    }
    m_pipeline->start();
    if (m_config.checkEveryMs > 0)
        checkLater(m_config.checkEveryMs);
    if (m_config.clock == WorldConfig::ClockMode::Real) {
        m_driver = std::make_unique<RealTimeDriver>(m_pipeline->scheduler());
        if (m_config.startPaused)
            m_driver->setPaused(true); // before the thread runs: not one millisecond passes unpaused
        m_driver->start(m_config.speed);
    }
    if (m_config.feedAtStart)
        m_feed->start();
    for (auto &service : m_services) {
        std::string error;
        if (!service->start(*this, &error) && failure.empty())
            failure = service->name() + ": " + error;
    }
    return failure;
}

void World::stop()
{
    if (!m_started)
        return;
    m_started = false;
    for (auto &service : m_services)
        service->stop();
    m_feed->stop();
    if (m_driver)
        m_driver->stop();
    // In-flight invocations end on this thread, so that nothing runs once the world goes.
    m_pipeline->mapping().setEnabled(false);
    m_pipeline->scheduler().runUntil(m_pipeline->scheduler().now() + 120000);
}

std::string World::verdict() const
{
    std::lock_guard lock(m_verdictMutex);
    return m_verdict;
}

void World::checkLater(TimeMs delay)
{
    std::weak_ptr<bool> alive = m_alive;
    m_pipeline->scheduler().after(delay, [this, alive] {
        if (auto a = alive.lock(); !a || !*a)
            return;
        const auto started = std::chrono::steady_clock::now();
        const CheckReport report = m_pipeline->check();
        const std::string verdict = report.verdict();
        bool changed = false;
        {
            std::lock_guard lock(m_verdictMutex);
            changed = verdict != m_verdict;
            m_verdict = verdict;
        }
        if (changed)
            m_pipeline->events().publish(VerdictChangedEvent{report.inStep(), verdict, report.findings});
        TimeMs next = m_config.checkEveryMs;
        if (m_config.clock == WorldConfig::ClockMode::Real) {
            // The checker reads the whole table and cache: less often when that takes long.
            const auto tookMs =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                    .count();
            next = std::max<TimeMs>(next, 20 * tookMs);
        }
        checkLater(next);
    });
}

void World::onEmulatorThread(std::function<void()> fn)
{
    if (m_driver && m_driver->running())
        m_driver->post(std::move(fn));
    else
        fn();
}

void World::publishApplied(const Command &command, const std::string &error)
{
    m_pipeline->events().publish(CommandAppliedEvent{command.toJson(), error});
}

std::string World::apply(Command command)
{
    using K = Command::Kind;
    if (command.kind == K::UpdateMapping || command.kind == K::Redeliver) {
        if (command.kind == K::UpdateMapping) {
            const auto errors = command.mapping.validate();
            if (!errors.empty()) {
                publishApplied(command, errors.front());
                return errors.front();
            }
        }
        std::weak_ptr<bool> alive = m_alive;
        onEmulatorThread([this, alive, command]() mutable {
            if (auto a = alive.lock(); a && *a)
                publishApplied(command, applyHere(command));
        });
        return {};
    }
    const std::string error = applyHere(command);
    publishApplied(command, error);
    return error;
}

std::string World::applyHere(Command &c)
{
    using K = Command::Kind;
    Pipeline &p = *m_pipeline;
    const TimeMs now = p.scheduler().now();
    try {
        switch (c.kind) {
        case K::NewOrder:
            if (c.pk.empty())
                c.pk = "ord-" + std::to_string(now % 100000) + "-" + std::to_string(++m_orderCounter);
            return order_actions::newOrder(p.table(), now, c.pk, c.creator, c.items);
        case K::AdvanceStatus:
            return order_actions::advanceStatus(p.table(), now, c.pk);
        case K::EditItems:
            return order_actions::editItems(p.table(), now, c.pk, c.items);
        case K::CancelOrder:
            return order_actions::cancelOrder(p.table(), c.pk);
        case K::PutItem:
            if (!c.table.empty() && c.table != kOrdersTableName)
                return order_actions::putItem(p.tables(), c.table, c.item);
            return order_actions::putItem(p.table(), c.item);
        case K::UpdateItem:
            return order_actions::updateItem(p.table(), c.pk, c.item, c.names);
        case K::DeleteItem:
            if (!c.table.empty())
                return order_actions::deleteItem(p.tables(), c.table, c.item);
            p.table().remove(c.pk);
            return {};
        case K::SetFault:
            p.faults().set(c.op, FaultRule::parse(c.spec));
            return {};
        case K::ClearFault:
            p.faults().clear(c.op);
            return {};
        case K::AddSubscriber: {
            if (!m_apps)
                return "this world has no subscriber apps";
            std::string error;
            m_apps->addSubscriber(c.name, c.topic, &error);
            return error;
        }
        case K::RemoveSubscriber:
            if (m_apps)
                m_apps->removeSubscriber(c.name);
            return {};
        case K::Pause:
            if (m_driver)
                m_driver->setPaused(c.flag);
            p.events().publish(ClockChangedEvent{c.flag ? "paused" : "resumed", 0, m_driver ? m_driver->speed() : 0});
            return {};
        case K::Step:
            if (c.ms <= 0)
                return "a step must be positive";
            if (m_driver)
                m_driver->step(c.ms);
            else
                p.scheduler().runUntil(now + c.ms);
            p.events().publish(ClockChangedEvent{"stepped", c.ms, m_driver ? m_driver->speed() : 0});
            return {};
        case K::SetSpeed:
            if (!(c.number >= 0))
                return "the speed must be 0 (as fast as possible) or more";
            if (m_driver)
                m_driver->setSpeed(c.number);
            p.events().publish(ClockChangedEvent{"speed", 0, c.number});
            return {};
        case K::SetFeeding:
            if (c.flag)
                m_feed->start();
            else
                m_feed->stop();
            return {};
        case K::SetRate:
            if (!(c.number > 0))
                return "the rate must be above 0 writes per second";
            m_feed->setRate(c.number);
            return {};
        case K::UpdateMapping:
            p.mapping().update(c.mapping);
            return {};
        case K::Redeliver:
            return p.mapping().redeliverLast(c.shard, c.lane)
                       ? std::string()
                       : "nothing to redeliver on shard " + std::to_string(c.shard);
        }
    } catch (const std::exception &e) {
        return e.what();
    }
    return "unknown command";
}

} // namespace orderlab
