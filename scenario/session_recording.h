#pragma once

#include "outcome_recorder.h"
#include "scenario.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab::scenario {

/**
 * A recording of a world's session (Record in the window, docs/scenarios.md "In the window"):
 * every command applied to the world, from the world's event stream (its CommandAppliedEvent,
 * with the pk a new order was given and the error a failed command had), at its time on the
 * emulator clock, and the expect steps added with addExpect(). Pause, step and speed are how the
 * clock was driven, not what happened: they are left out (a scenario runs on the virtual clock).
 *
 * scenario() turns it into a Scenario: the world's configuration (a Virtual clock, no feed at
 * start), one step per command or expect block with its `at:` time since `startMs`, and a final
 * `wait: {until: drained}`. It starts from the world as it was built: nothing written to the world
 * before the recording began is in it, so record from a fresh world.
 *
 * Threading: the bus calls it on whichever thread publishes; addExpect and scenario may be called
 * on any thread; one lock guards the steps. `world` must outlive it.
 */
class SessionRecording
{
  public:
    SessionRecording(World &world, TimeMs startMs);
    ~SessionRecording();
    SessionRecording(const SessionRecording &) = delete;
    SessionRecording &operator=(const SessionRecording &) = delete;

    /// What each subscriber received since the recording began ("Expect this" on a notification).
    const OutcomeRecorder &recorder() const { return *m_recorder; }
    /// Adds an expect step at `atMs` on the world's clock (not before the latest step's time).
    void addExpect(TimeMs atMs, std::vector<Expectation> expectations);
    /// The number of steps recorded so far.
    std::size_t steps() const;
    /// The scenario recorded so far, `name` and `description` given (an empty name: the folder's).
    Scenario scenario(const std::string &name, const std::string &description) const;

  private:
    void onEvent(const Event &event);
    void add(TimeMs atMs, Step step);

    World &m_world;
    TimeMs m_startMs;
    std::unique_ptr<OutcomeRecorder> m_recorder;
    mutable std::mutex m_mutex;
    std::vector<Step> m_steps;
    EventBus::Subscription m_subscription; // last: ended first
};

} // namespace orderlab::scenario
