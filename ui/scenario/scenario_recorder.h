#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

#include <memory>

namespace orderlab {

class EmulatorController;
class LiveEmulator;
class World;

namespace scenario {
class SessionRecording;
struct Expectation;
} // namespace scenario

/**
 * Record and Stop in the window (docs/scenarios.md, "In the window"). start() restarts the window's
 * emulator on a fresh world with the running world's configuration (seed, shards, view type,
 * mapping, timing), the feed off and the clock paused, and records every command given to it from
 * then on (scenario::SessionRecording). The "Expect this" calls add an expect step from what the
 * world holds at that moment. stop() adds the verdict and every cache key as they are at that
 * moment, a final `wait: {until: drained}`, writes `<folder>/scenario.yaml` and runs it headless once
 * to write `expected/outcome.json` (scenario::saveScenario) on a worker thread; saved() reports it.
 *
 * Threading: GUI thread. Reads of the world happen on the emulator thread (callOnWorld); nothing
 * here waits for it. A restart that Record did not make abandons the recording (abandoned()).
 */
class ScenarioRecorder : public QObject
{
    Q_OBJECT
  public:
    ScenarioRecorder(EmulatorController &controller, QObject *parent = nullptr);
    ~ScenarioRecorder() override;

    bool recording() const;
    /// Starts recording on a fresh world; an error message (nothing recorded) or empty.
    QString start();
    /// The number of steps recorded so far (commands and expect blocks).
    int steps() const;

    /// "Expect this": an expect step from the world now. An error message when not recording.
    QString expectCacheKey(const QString &key);
    QString expectOrder(const QString &pk);
    QString expectNotifications(const QString &subscriber);
    QString expectVerdict();

    /// Ends the recording and saves it to `folder` (made if need be); saved() follows. An error
    /// message when not recording.
    QString stop(const QString &folder);

  signals:
    void recordingChanged(bool recording);
    /// An expectation was added ("cache pizza key ord-1 equals ...").
    void expectationAdded(const QString &description);
    /// The recording was written to `folder` and checked once: `passed`, or `message` says why not
    /// (the failed expectations and the golden diff follow on later lines).
    void saved(const QString &folder, bool passed, const QString &message);
    /// The emulator was restarted by something else while recording: nothing was saved.
    void abandoned();

  private:
    using Capture = std::function<std::vector<scenario::Expectation>(World &, scenario::SessionRecording &)>;
    QString expect(Capture capture);
    void end();

    EmulatorController &m_controller;
    LiveEmulator &m_emulator;
    std::weak_ptr<scenario::SessionRecording> m_recording; // owned by the world's attachments
    bool m_starting = false;
    QThreadPool m_pool; // last: its destructor waits for a save in progress, while this object still exists
};

} // namespace orderlab
