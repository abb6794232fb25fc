#pragma once

#include "expectation_check.h"
#include "scenario.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace orderlab {

class EmulatorController;
class LiveEmulator;

/**
 * Runs a scenario in the window (Open scenario, docs/scenarios.md "In the window"): the window's
 * emulator restarts on the scenario's world (its configuration, the feed off, the clock paused),
 * with its seed items and subscribers at time 0, and every pane shows the run as it happens.
 * Each step runs as ScenarioRunner runs it: the clock travels to the step's time (all at once, or
 * in slices at `speed` emulator seconds per wall second), then, on the emulator thread, what falls
 * due by then runs and the step is applied: a command given, a wait done, the stream drained, or
 * each expectation checked with checkExpectation against the live world. The window's own
 * subscribers stay; faults the scenario does not set are cleared. A scenario whose world.handler
 * names a process runs with it, hosted by the window's hosting factory with the clock held for each
 * invocation (HandlerProcessChoice::holdClock). A folder that does not exist, or a hosting that cannot be
 * made, is an error at the handler's line and leaves the window's world as it was; services that do not
 * start are an error there too, and the window restarts on its own settings.
 *
 * Threading: GUI thread. The world is read and driven only on the emulator thread (callOnWorld);
 * nothing here waits for it. A restart that the player did not make stops the run.
 */
class ScenarioPlayer : public QObject
{
    Q_OBJECT
  public:
    explicit ScenarioPlayer(EmulatorController &controller, QObject *parent = nullptr);
    ~ScenarioPlayer() override;

    /// Loads `path` (a scenario.yaml or its folder) and starts its world, paused before the first
    /// step. A file that cannot be loaded gives its error ("file:line:col: ...") and nothing runs.
    QString open(const QString &path);
    bool isOpen() const { return m_scenario.has_value(); }
    const scenario::Scenario &scenario() const { return *m_scenario; }
    /// The step that runs next (the number of steps when all ran).
    int nextStep() const { return m_next; }
    /// A step is under way.
    bool busy() const { return m_busy; }
    /// Every step ran and the run settled, or it stopped.
    bool hasEnded() const { return m_ended; }
    /// Why the run stopped ("file:line:col: ..."), empty while it goes well.
    QString error() const { return m_error; }
    const std::vector<scenario::ExpectationResult> &results() const { return m_results; }

    /// Runs the next step (Step); asked while the setup or a step is under way, it runs once that ends.
    void step();
    /// Runs every remaining step; `speed` emulator seconds per wall second, 0 as fast as possible.
    void run(double speed);
    /// Stops after the step under way.
    void pause();
    bool runningAll() const { return m_runAll; }

  signals:
    void opened();
    void stepStarted(int index);
    void stepFinished(int index);
    /// results()[result] was just checked.
    void expectationChecked(int result);
    /// The run ended: settled, or stopped (error()).
    void ended();

  private:
    struct Outcome;
    void travel();
    /// After the setup or a step: the next one, when Run or a Step asked for it.
    void continueLater();
    void arrive();
    void done(const Outcome &outcome);
    void stop(const QString &error);
    qint64 elapsedMs() const;

    EmulatorController &m_controller;
    LiveEmulator &m_emulator;
    std::optional<scenario::Scenario> m_scenario;
    std::weak_ptr<scenario::OutcomeRecorder> m_recorder; // owned by the world's attachments
    qint64 m_startMs = 0;
    int m_next = 0;
    int m_generation = 0; ///< which open() a result from the emulator thread belongs to
    bool m_busy = false;
    bool m_ended = false;
    bool m_runAll = false;
    bool m_starting = false;
    bool m_settling = false;
    bool m_queued = false; ///< Step was asked while busy
    double m_speed = 0;
    qint64 m_target = 0;    ///< the running step's time, since the run's start
    qint64 m_requested = 0; ///< where the clock was asked to go
    QString m_error;
    std::vector<scenario::ExpectationResult> m_results;
    QTimer m_tick;
};

} // namespace orderlab
