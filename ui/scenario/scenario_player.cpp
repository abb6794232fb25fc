#include "scenario_player.h"

#include "api_caller.h"
#include "emulator_controller.h"
#include "scenario_loader.h"
#include "scenario_runner.h"
#include "world/order_actions.h"
#include "world/world.h"
#include "world_call.h"

#include <QFileInfo>

#include <algorithm>

namespace orderlab {

using namespace scenario;

namespace {
constexpr int kTickMs = 20;

/// The scenario's handler process as the window hosts it: its folder made absolute (relative to the
/// scenario's, as orderlab check makes it), the clock held for each invocation. None, and `why` says
/// where and what, for a folder that does not exist.
std::optional<HandlerProcessChoice> processChoice(const Scenario &s, QString *why)
{
    const QString dir = QString::fromStdString(s.handlerDirectory());
    if (!QFileInfo(dir).isDir()) {
        *why = QString::fromStdString(s.handler.place.text()) +
               QStringLiteral(": world.handler: the handler's folder %1 does not exist").arg(dir);
        return std::nullopt;
    }
    HandlerProcessChoice c;
    c.command = s.handler.command;
    c.directory = dir.toStdString();
    c.handler = s.handler.name;
    c.memoryMb = s.handler.memoryMb;
    c.environment = s.handler.environment;
    c.holdClock = true;
    return c;
}
} // namespace

/// What one step did on the emulator thread.
struct ScenarioPlayer::Outcome
{
    QString error;
    std::vector<ExpectationResult> results;
};

ScenarioPlayer::ScenarioPlayer(EmulatorController &controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_emulator(controller.emulator())
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &ScenarioPlayer::travel);
    connect(&m_controller, &EmulatorController::aboutToRestart, this, [this] {
        if (!m_starting && m_scenario && !m_ended)
            stop(tr("the emulator was restarted: the scenario's run ended"));
    });
}

ScenarioPlayer::~ScenarioPlayer() = default;

qint64 ScenarioPlayer::elapsedMs() const
{
    return m_emulator.clock() - m_startMs;
}

QString ScenarioPlayer::open(const QString &path)
{
    Scenario loaded;
    try {
        loaded = loadScenario(path.toStdString());
    } catch (const ScenarioError &e) {
        return QString::fromStdString(e.what());
    }
    m_tick.stop();
    WorldConfig config = loaded.world;
    config.feedAtStart = false;
    config.startPaused = true;
    std::optional<HandlerProcessChoice> handler;
    if (loaded.handler.kind == HandlerSpec::Kind::Process) {
        QString why;
        handler = processChoice(loaded, &why);
        if (!handler)
            return why;
        config.pipeline.mapping.functionTimeoutMs = loaded.handler.timeoutMs;
    }
    m_starting = true;
    std::shared_ptr<OutcomeRecorder> recorder;
    const QString error = m_controller.startWorld(
        config,
        [&] {
            World *world = m_emulator.world();
            m_startMs = world->pipeline().scheduler().now();
            recorder = std::make_shared<OutcomeRecorder>(*world);
            recorder->setStart(m_startMs);
            m_emulator.attach(recorder);
        },
        handler);
    m_starting = false;
    if (!recorder) {
        const QString why = error.isEmpty() ? tr("the scenario's world could not start") : error;
        return handler ? QString::fromStdString(loaded.handler.place.text()) + QStringLiteral(": world.handler: ") + why
                       : why;
    }
    if (handler && !error.isEmpty()) { // the world runs, but the handler's services did not start
        m_controller.restart(m_emulator.settings());
        return QString::fromStdString(loaded.handler.place.text()) +
               QStringLiteral(": the handler's services did not start: ") + error;
    }
    m_recorder = recorder;
    m_scenario = std::move(loaded);
    ++m_generation;
    m_next = 0;
    m_busy = m_ended = m_runAll = m_settling = m_queued = false;
    m_error.clear();
    m_results.clear();
    // The setup at time 0, after the panes re-added what they keep (their faults are not the scenario's).
    const Scenario setup = *m_scenario;
    m_busy = true;
    callOnWorld<Outcome>(
        m_emulator, this,
        [setup](World &world) {
            Outcome o;
            FaultInjector &faults = world.pipeline().faults();
            for (const auto &[op, rule] : faults.rules())
                faults.clear(op);
            for (const auto &[op, rule] : setup.world.pipeline.faults)
                faults.set(op, rule);
            for (std::size_t i = 0; i < setup.seedItems.size() && o.error.isEmpty(); ++i) {
                const std::string e = order_actions::putItem(world.pipeline().table(), setup.seedItems[i]);
                if (!e.empty())
                    o.error = QStringLiteral("%1: seed item %2: %3")
                                  .arg(QString::fromStdString(setup.file))
                                  .arg(i + 1)
                                  .arg(QString::fromStdString(e));
            }
            for (const auto &[name, topic] : setup.subscribers) {
                Command c;
                c.kind = Command::Kind::AddSubscriber;
                c.name = name;
                c.topic = topic;
                const std::string e = world.apply(c);
                if (!e.empty() && o.error.isEmpty())
                    o.error = QString::fromStdString(setup.file + ": subscriber " + name + ": " + e);
            }
            return o;
        },
        [this, generation = m_generation](Outcome o) {
            if (generation != m_generation || m_ended)
                return;
            m_busy = false;
            if (!o.error.isEmpty())
                return stop(o.error);
            continueLater();
        });
    emit opened();
    return {};
}

void ScenarioPlayer::continueLater()
{
    if (m_queued || m_runAll) {
        m_queued = false;
        QTimer::singleShot(0, this, &ScenarioPlayer::step);
    }
}

void ScenarioPlayer::step()
{
    if (!m_scenario || m_ended)
        return;
    if (m_busy) { // the setup or a step is under way: this one follows it
        m_queued = !m_runAll;
        return;
    }
    if (m_next >= static_cast<int>(m_scenario->steps.size())) {
        // After the last step the run settles: the stream drains (ScenarioRunner::finish).
        m_busy = m_settling = true;
        const qint64 limit = m_startMs + m_scenario->maxTimeMs;
        callOnWorld<Outcome>(
            m_emulator, this,
            [limit](World &world) {
                Outcome o;
                if (!world.runUntilDrained(limit))
                    o.error = QStringLiteral("the run did not settle: the stream was not drained by world.max-time");
                return o;
            },
            [this, generation = m_generation](Outcome o) {
                if (generation != m_generation || m_ended)
                    return;
                m_busy = m_settling = false;
                m_runAll = false;
                m_ended = true;
                m_error = o.error;
                emit ended();
            });
        return;
    }
    const Step &s = m_scenario->steps[m_next];
    m_busy = true;
    emit stepStarted(m_next);
    const qint64 now = elapsedMs();
    qint64 target = s.timing == Step::Timing::At ? s.timeMs : now + s.timeMs;
    if (target < now)
        return stop(QString::fromStdString(s.place.text()) +
                    tr(": at: has passed already (the clock is at %1 ms)").arg(now));
    if (s.kind == Step::Kind::Wait)
        target += s.waitMs;
    if (target > m_scenario->maxTimeMs)
        return stop(QString::fromStdString(s.place.text()) + tr(": the run would go past world.max-time"));
    m_target = target;
    m_requested = now;
    travel();
}

void ScenarioPlayer::travel()
{
    if (!m_busy || m_settling)
        return;
    const qint64 now = elapsedMs();
    if (now >= m_target) {
        m_tick.stop();
        arrive();
        return;
    }
    if (now >= m_requested) { // the last slice is done: ask for the next one
        const qint64 slice =
            m_runAll && m_speed > 0 ? std::max<qint64>(1, static_cast<qint64>(m_speed * kTickMs)) : m_target - now;
        m_requested = std::min(m_target, now + slice);
        m_emulator.step(m_requested - now);
    }
    if (!m_tick.isActive())
        m_tick.start();
}

void ScenarioPlayer::arrive()
{
    const Step step = m_scenario->steps[m_next];
    const qint64 at = m_startMs + m_target;
    const qint64 start = m_startMs, maxTime = m_scenario->maxTimeMs;
    const std::size_t index = m_next;
    std::weak_ptr<OutcomeRecorder> weak = m_recorder;
    const bool posted = callOnWorld<Outcome>(
        m_emulator, this,
        [step, at, start, maxTime, index, weak](World &world) {
            Outcome o;
            std::string failure;                       // a command or dynamodb: step's, as stepFailure says it
            world.pipeline().scheduler().runUntil(at); // what falls due by the step's time runs first
            switch (step.kind) {
            case Step::Kind::Command: {
                failure = stepFailure(step, Command::kindName(step.command.kind), world.apply(step.command));
                break;
            }
            case Step::Kind::Api: { // as ScenarioRunner::callApi, on the emulator thread
                const ApiCaller::Answer answer = ApiCaller(world).call(step.apiOperation, step.apiRequest);
                if (const auto recorder = weak.lock())
                    recorder->recordApiCall(world.pipeline().scheduler().now(), step.apiOperation, answer.status,
                                            answer.body);
                failure = stepFailure(step, step.apiOperation, answer.error());
                break;
            }
            case Step::Kind::Wait:
                break;
            case Step::Kind::WaitDrained: {
                const qint64 elapsed = world.pipeline().scheduler().now() - start;
                const qint64 limit = step.waitMs > 0 ? std::min(elapsed + step.waitMs, maxTime) : maxTime;
                if (!world.runUntilDrained(start + limit))
                    o.error =
                        QString::fromStdString(step.place.text() + ": the stream did not drain by world.max-time");
                break;
            }
            case Step::Kind::Expect: {
                const auto recorder = weak.lock();
                for (const auto &e : step.expectations) {
                    ExpectationResult r;
                    if (recorder) {
                        r = checkExpectation(e, world, *recorder);
                    } else {
                        r.place = e.place;
                        r.description = e.describe();
                        r.message = "the run ended";
                    }
                    r.step = index;
                    o.results.push_back(std::move(r));
                }
                break;
            }
            }
            if (!failure.empty())
                o.error = QString::fromStdString(step.place.text() + ": " + failure);
            return o;
        },
        [this, generation = m_generation](Outcome o) {
            if (generation == m_generation)
                done(o);
        });
    if (!posted)
        stop(tr("the emulator is not running"));
}

void ScenarioPlayer::done(const Outcome &outcome)
{
    if (!m_busy)
        return;
    const int index = m_next++;
    for (const auto &r : outcome.results) {
        m_results.push_back(r);
        emit expectationChecked(static_cast<int>(m_results.size()) - 1);
    }
    m_busy = false;
    emit stepFinished(index);
    if (!outcome.error.isEmpty())
        return stop(outcome.error);
    continueLater();
}

void ScenarioPlayer::run(double speed)
{
    if (!m_scenario || m_ended)
        return;
    m_speed = std::max(0.0, speed);
    m_runAll = true;
    if (!m_busy)
        step();
}

void ScenarioPlayer::pause()
{
    m_runAll = false;
}

void ScenarioPlayer::stop(const QString &error)
{
    m_tick.stop();
    m_busy = m_runAll = m_settling = m_queued = false;
    m_ended = true;
    m_error = error;
    emit ended();
}

} // namespace orderlab
