#pragma once

#include <QWidget>

namespace orderlab {

class FlowModel;
class FlowPane;
class SimulationPane;

/**
 * Presentation mode: the Flow view alone in a top-level window, full screen, with the presenter's controls (the
 * demo feed, Pause, Step, speed, follow an order) and a visible way out. Esc, F11 (the `present` action, added by
 * the owner) or the Leave button closes it; closing hides it and emits left(). The Simulation pane's Pause and Step
 * actions are added to it, so that their shortcuts work here too; no new shortcut besides Esc. It never keeps the
 * application running: closing the main window quits as before.
 * (docs/flow-view.md, "Presentation mode"). Borrows the model and the pane; GUI thread.
 */
class PresentationWindow : public QWidget
{
    Q_OBJECT
  public:
    PresentationWindow(FlowModel &model, SimulationPane &simulation, QWidget *parent = nullptr);

    FlowPane *pane() const { return m_pane; }
    /// Shows it full screen (on the screen of `near`, when given) and raises it.
    void present(QWidget *near = nullptr);

  signals:
    void left();

  protected:
    void closeEvent(QCloseEvent *event) override;

  private:
    FlowPane *m_pane;
};

} // namespace orderlab
