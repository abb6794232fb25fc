#pragma once

#include "live/live_emulator.h"

#include <QObject>

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
