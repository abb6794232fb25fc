#pragma once

#include "live/emulator_batch.h"

namespace orderlab {

/**
 * Tells from the batches alone that the emulator runs a new world (a Restart or an Apply): a world's clock and its
 * invocation count only grow, so either going back means a new one. The window also announces a restart
 * (EmulatorController::aboutToRestart); this catches a model fed without the controller. GUI thread.
 */
class NewWorldDetector
{
  public:
    /// True when `status` belongs to a different world than the previous batch's.
    bool newWorld(const EmulatorStatus &status)
    {
        const bool fresh = m_clock >= 0 && (status.clock < m_clock || status.invocations < m_invocations);
        m_clock = status.clock;
        m_invocations = status.invocations;
        return fresh;
    }
    void reset()
    {
        m_clock = -1;
        m_invocations = 0;
    }

  private:
    qint64 m_clock = -1;
    quint64 m_invocations = 0;
};

} // namespace orderlab
