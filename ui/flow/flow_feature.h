#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;

namespace orderlab {

class ChartsModel;
class ChartsPane;
class EmulatorController;
class FlowModel;
class FlowPane;
class LiveEmulator;
class PresentationWindow;
class SimulationPane;

/**
 * The Flow view and the live charts in the main window (docs/flow-view.md): their models, fed with the emulator's
 * batches and cleared before every restart; the "Flow" and "Charts" docks (hidden in the default layout); and
 * View > Present (F11), which shows the Flow view full screen in a window of its own.
 *
 * Owned by the window (a child); borrows the emulator, the controller and the Simulation pane, which the window
 * owns too. GUI thread.
 */
class FlowFeature : public QObject
{
    Q_OBJECT
  public:
    FlowFeature(QMainWindow &window, LiveEmulator &emulator, EmulatorController &controller,
                SimulationPane &simulation);
    ~FlowFeature() override;

    FlowModel &model() const { return *m_model; }
    ChartsModel &chartsModel() const { return *m_charts; }
    FlowPane *pane() const { return m_pane; }
    ChartsPane *chartsPane() const { return m_chartsPane; }
    QDockWidget *flowDock() const { return m_flowDock; }
    QDockWidget *chartsDock() const { return m_chartsDock; }
    /// View > Present (F11): checked while presenting.
    QAction *presentAction() const { return m_present; }
    /// The presentation window, once it was opened (else nullptr).
    PresentationWindow *presentation() const { return m_presentation; }
    /// Hides the Flow and Charts docks, as in the default layout.
    void hideDocks();

  public slots:
    void setPresenting(bool on);

  private:
    QMainWindow &m_window;
    SimulationPane &m_simulation;
    FlowModel *m_model;
    ChartsModel *m_charts;
    FlowPane *m_pane;
    ChartsPane *m_chartsPane;
    QDockWidget *m_flowDock;
    QDockWidget *m_chartsDock;
    QAction *m_present;
    PresentationWindow *m_presentation = nullptr;
};

} // namespace orderlab
