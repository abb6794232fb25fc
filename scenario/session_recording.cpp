#include "session_recording.h"

#include <algorithm>

namespace orderlab::scenario {

SessionRecording::SessionRecording(World &world, TimeMs startMs)
    : m_world(world), m_startMs(startMs), m_recorder(std::make_unique<OutcomeRecorder>(world))
{
    m_recorder->setStart(startMs);
    m_subscription = world.events().subscribe([this](const Event &e) { onEvent(e); });
}

SessionRecording::~SessionRecording()
{
    m_subscription = {};
}

void SessionRecording::onEvent(const Event &event)
{
    const auto *applied = event.as<CommandAppliedEvent>();
    if (!applied)
        return;
    std::string error;
    const auto command = Command::fromJson(applied->commandJson, &error);
    if (!command)
        return;
    using K = Command::Kind;
    if (command->kind == K::Pause || command->kind == K::Step || command->kind == K::SetSpeed)
        return;
    Step step;
    step.kind = Step::Kind::Command;
    step.command = *command;
    step.expectedError = applied->error;
    add(event.time, std::move(step));
}

void SessionRecording::addExpect(TimeMs atMs, std::vector<Expectation> expectations)
{
    if (expectations.empty())
        return;
    Step step;
    step.kind = Step::Kind::Expect;
    step.expectations = std::move(expectations);
    add(atMs, std::move(step));
}

void SessionRecording::add(TimeMs atMs, Step step)
{
    std::lock_guard lock(m_mutex);
    step.timing = Step::Timing::At;
    step.timeMs = std::max<TimeMs>(atMs - m_startMs, m_steps.empty() ? 0 : m_steps.back().timeMs);
    m_steps.push_back(std::move(step));
}

std::size_t SessionRecording::steps() const
{
    std::lock_guard lock(m_mutex);
    return m_steps.size();
}

Scenario SessionRecording::scenario(const std::string &name, const std::string &description) const
{
    Scenario s;
    s.name = name;
    s.description = description;
    s.world = m_world.config();
    s.world.clock = WorldConfig::ClockMode::Virtual;
    s.world.feedAtStart = false;
    s.world.startPaused = false;
    s.world.pipeline.invoker = {};
    {
        std::lock_guard lock(m_mutex);
        s.steps = m_steps;
    }
    if (!s.steps.empty())
        s.maxTimeMs = std::max(s.maxTimeMs, s.steps.back().timeMs + 600000);
    Step drained;
    drained.kind = Step::Kind::WaitDrained;
    s.steps.push_back(drained);
    return s;
}

} // namespace orderlab::scenario
