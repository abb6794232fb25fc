#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolButton;

namespace orderlab {

class FlowModel;
class FlowView;
class SimulationPane;

/**
 * The Flow view with what a presenter needs above it: follow an order (type its id, or take the newest), the demo
 * feed on or off, Pause, Step and a speed. The controls act through the Simulation pane's own actions and fields,
 * so that both always agree (docs/flow-view.md, "Presentation mode"). Borrows the model and the pane; GUI thread.
 */
class FlowPane : public QWidget
{
    Q_OBJECT
  public:
    FlowPane(FlowModel &model, SimulationPane &simulation, QWidget *parent = nullptr);

    FlowView *view() const { return m_view; }
    QLineEdit *followBox() const { return m_follow; }
    QCheckBox *feedBox() const { return m_feed; }
    QComboBox *speedBox() const { return m_speed; }
    /// Follows the newest order (FlowModel::newestOrder); returns its id (empty when there is none).
    QString followNewest();

  private:
    void syncSpeed(double speed);

    FlowModel &m_model;
    SimulationPane &m_simulation;
    FlowView *m_view;
    QLineEdit *m_follow;
    QCheckBox *m_feed;
    QComboBox *m_speed;
};

} // namespace orderlab
