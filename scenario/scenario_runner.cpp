#include "scenario_runner.h"

#include "api_caller.h"
#include "clock_holding_invoker.h"
#include "world/order_actions.h"

namespace orderlab::scenario {

namespace {
std::string seconds(TimeMs ms)
{
    return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + std::to_string((ms % 100) / 10) +
           std::to_string(ms % 10) + " s";
}

/// The hosting of the scenario's handler process (none for core's), with the world's invoker and the
/// function's timeout set in `s.world`.
ProcessHosting processHosting(Scenario &s, const ProcessHost &host)
{
    if (s.handler.kind != HandlerSpec::Kind::Process)
        return {};
    if (!host)
        throw ScenarioError(s.handler.place,
                            "world.handler: a handler process cannot be hosted here (orderlab check runs one)");
    HandlerSpec handler = s.handler;
    handler.directory = s.handlerDirectory();
    // A handler the command line gave has no line in the file (its place names the option).
    const std::string what = s.handler.place.line > 0 ? "world.handler: " : "";
    ProcessHosting hosting;
    try {
        hosting = host(handler);
    } catch (const std::exception &e) {
        throw ScenarioError(s.handler.place, what + e.what());
    }
    PipelineConfig &p = s.world.pipeline;
    p.mapping.functionTimeoutMs = handler.timeoutMs;
    p.invoker = [inner = hosting.invoker, initLimit = hosting.initLimitMs](const InvokerContext &context) {
        return std::make_unique<ClockHoldingInvoker>(context.scheduler, inner(context), initLimit);
    };
    return hosting;
}
} // namespace

std::string stepFailure(const Step &step, const std::string &what, const std::string &error)
{
    if (step.expectedError.empty())
        return error.empty() ? std::string() : what + " failed: " + error;
    if (error.find(step.expectedError) != std::string::npos)
        return {};
    return what + " was to fail with '" + step.expectedError + "', " +
           (error.empty() ? "it succeeded" : "it said '" + error + "'");
}

ScenarioRunner::ScenarioRunner(const Scenario &scenario, const ProcessHost &host) : m_scenario(scenario)
{
    m_scenario.world.clock = WorldConfig::ClockMode::Virtual;
    m_scenario.world.feedAtStart = false;
    const ProcessHosting hosting = processHosting(m_scenario, host);
    try {
        m_world = std::make_unique<World>(m_scenario.world);
    } catch (const std::exception &e) {
        throw ScenarioError({m_scenario.file, 1, 1}, std::string("the world cannot be built: ") + e.what());
    }
    if (hosting.services)
        for (auto &service : hosting.services())
            m_world->addService(std::move(service));
    m_recorder = std::make_unique<OutcomeRecorder>(*m_world);
    m_start = m_world->pipeline().scheduler().now();
    m_recorder->setStart(m_start);
    std::string failure = m_world->start();
    if (failure.empty() && hosting.started)
        failure = hosting.started(*m_world);
    if (!failure.empty())
        m_error = m_scenario.handler.place.text() + ": the handler's services did not start: " + failure;
    for (std::size_t i = 0; i < m_scenario.seedItems.size(); ++i) {
        const std::string error = order_actions::putItem(m_world->pipeline().table(), m_scenario.seedItems[i]);
        if (!error.empty())
            m_error = m_scenario.file + ": seed item " + std::to_string(i + 1) + ": " + error;
    }
    for (const auto &[name, topic] : m_scenario.subscribers) {
        Command c;
        c.kind = Command::Kind::AddSubscriber;
        c.name = name;
        c.topic = topic;
        const std::string error = m_world->apply(c);
        if (!error.empty() && m_error.empty())
            m_error = m_scenario.file + ": subscriber " + name + ": " + error;
    }
}

ScenarioRunner::~ScenarioRunner()
{
    m_api.reset();
    m_recorder.reset();
    m_world.reset();
}

TimeMs ScenarioRunner::elapsedMs() const
{
    return m_world->pipeline().scheduler().now() - m_start;
}

bool ScenarioRunner::fail(const Step &step, const std::string &message)
{
    m_error = step.place.text() + ": " + message;
    return false;
}

bool ScenarioRunner::runClockTo(const Step &step, TimeMs target)
{
    if (target > m_scenario.maxTimeMs)
        return fail(step,
                    "the run would go past world.max-time (" + seconds(m_scenario.maxTimeMs) + " of emulator time)");
    m_world->pipeline().scheduler().runUntil(m_start + target);
    return true;
}

bool ScenarioRunner::step()
{
    if (atEnd())
        return false;
    const std::size_t index = m_next++;
    const Step &s = m_scenario.steps[index];
    if (m_onStep)
        m_onStep(index, s);
    const TimeMs now = elapsedMs();
    const TimeMs target = s.timing == Step::Timing::At ? s.timeMs : now + s.timeMs;
    if (target < now)
        return fail(s, "at: " + seconds(s.timeMs) + " has passed already (the clock is at " + seconds(now) + ")");
    if (!runClockTo(s, target))
        return false;
    switch (s.kind) {
    case Step::Kind::Command: {
        const std::string failure = stepFailure(s, Command::kindName(s.command.kind), m_world->apply(s.command));
        return failure.empty() || fail(s, failure);
    }
    case Step::Kind::Api:
        return callApi(s);
    case Step::Kind::Wait:
        return runClockTo(s, elapsedMs() + s.waitMs);
    case Step::Kind::WaitDrained: {
        const TimeMs limit =
            s.waitMs > 0 ? std::min(elapsedMs() + s.waitMs, m_scenario.maxTimeMs) : m_scenario.maxTimeMs;
        if (!m_world->runUntilDrained(m_start + limit))
            return fail(s, "the stream did not drain by " + seconds(limit) +
                               " of emulator time (a record retried for ever? see world.max-time and wait.limit)");
        return true;
    }
    case Step::Kind::Expect:
        for (const auto &e : s.expectations) {
            ExpectationResult r = checkExpectation(e, *m_world, *m_recorder);
            r.step = index;
            if (m_onExpectation)
                m_onExpectation(r);
            m_results.push_back(std::move(r));
        }
        return true;
    }
    return true;
}

bool ScenarioRunner::callApi(const Step &s)
{
    if (!m_api)
        m_api = std::make_unique<ApiCaller>(*m_world);
    const ApiCaller::Answer answer = m_api->call(s.apiOperation, s.apiRequest);
    m_recorder->recordApiCall(m_world->pipeline().scheduler().now(), s.apiOperation, answer.status, answer.body);
    const std::string failure = stepFailure(s, s.apiOperation, answer.error());
    return failure.empty() || fail(s, failure);
}

bool ScenarioRunner::finish()
{
    if (m_finished)
        return m_error.empty();
    m_finished = true;
    if (!m_error.empty())
        return false;
    if (!m_world->runUntilDrained(m_start + m_scenario.maxTimeMs)) {
        m_error = m_scenario.file + ": the run did not settle: the stream was not drained by world.max-time (" +
                  seconds(m_scenario.maxTimeMs) + " of emulator time)";
        return false;
    }
    m_outcome = m_recorder->outcomeJson();
    return true;
}

bool ScenarioRunner::run()
{
    while (!atEnd())
        if (!step())
            return false;
    if (!m_error.empty())
        return false;
    return finish();
}

bool ScenarioRunner::expectationsPassed() const
{
    for (const auto &r : m_results)
        if (!r.passed)
            return false;
    return true;
}

} // namespace orderlab::scenario
