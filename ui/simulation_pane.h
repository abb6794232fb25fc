#pragma once

#include "live/emulator_batch.h"
#include "live/live_emulator.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace orderlab {

class Confirmation;

class EmulatorController;

/**
 * Simulation: the clock; pause / resume and step; speed; the order feed and its rate of
 * table writes per second; seed and shard count (which restart the emulator).
 */
class SimulationPane : public QWidget
{
    Q_OBJECT
  public:
    explicit SimulationPane(EmulatorController &controller, QWidget *parent = nullptr);

    QAction *pauseAction() const { return m_pause; }
    QAction *stepAction() const { return m_step; }
    QAction *restartAction() const { return m_restart; }
    QDoubleSpinBox *speedBox() const { return m_speed; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QSpinBox *shardsBox() const { return m_shards; }
    /// The pane's message line (errors, and what a number field did with a value out of its range).
    QString message() const;
    QCheckBox *feedBox() const { return m_feed; }
    /// "running at 1×", "paused", "asked 1000×, achieving about 210×".
    QString stateText() const;
    QSpinBox *seedBox() const { return m_seed; }
    QString clockText() const;
    /// The settings the fields describe (for a restart and for saving).
    LiveEmulator::Settings settings() const;

  public slots:
    void applyBatch(const orderlab::EmulatorBatch &batch);
    /// Restarts the emulator with the seed and shard count shown.
    QString restart();
    /// What the Restart action does: asks first (issue 12, item 13), then restart().
    void askRestart();
    Confirmation *confirmation() const { return m_confirm; }

  private:
    Confirmation *m_confirm = nullptr;
    EmulatorController &m_controller;
    QLabel *m_clock;
    QLabel *m_state;
    QAction *m_pause;
    QAction *m_step;
    QAction *m_restart;
    QSpinBox *m_stepMs;
    QDoubleSpinBox *m_speed;
    QCheckBox *m_feed;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_seed;
    QSpinBox *m_shards;
    QLabel *m_message;
};

} // namespace orderlab
