#pragma once

#include "live/live_emulator.h"

#include <QObject>

#include <functional>

namespace orderlab {

/**
 * The one place the UI restarts the emulator (new seed, shards, view type or mapping): it
 * tells the panes to clear before the new pipeline starts and after it runs again.
 * Not owning; GUI thread.
 */
class EmulatorController : public QObject
{
    Q_OBJECT
  public:
    explicit EmulatorController(LiveEmulator &emulator, QObject *parent = nullptr);

    LiveEmulator &emulator() const { return m_emulator; }

    /// Restarts with new settings; returns the emulator's error message, or empty.
    QString restart(const LiveEmulator::Settings &settings);
    /// Restarts with a world built from exactly `config` (LiveEmulator::startWorld: a scenario run or
    /// a recording). `started` runs once the new world runs, before restarted() is emitted, so that
    /// what attaches to the world there sees the panes re-add their subscribers and faults. Returns
    /// the emulator's error message, or empty. `handler`: the scenario's handler process, if it names one.
    QString startWorld(const WorldConfig &config, const std::function<void()> &started = {},
                       const std::optional<HandlerProcessChoice> &handler = std::nullopt);
    /// Restarts with a new mapping configuration and stream view type; returns an error or empty.
    QString applyMapping(const MappingConfig &config, const QString &viewType);

  signals:
    /// Before a restart: drop everything shown of the old pipeline.
    void aboutToRestart();
    /// After a restart (successful or not): re-add what lives in the pipeline (user subscribers, faults).
    void restarted();

  private:
    LiveEmulator &m_emulator;
};

} // namespace orderlab
