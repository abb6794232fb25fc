#pragma once

#include <QTimer>
#include <QWidget>

namespace orderlab {

class ChartsModel;
class LineChart;

/**
 * The Charts dock: table writes/s, invocations/s, errors/s and the write -> publish latency (p50, p95) per second
 * over the model's window (docs/flow-view.md, "Charts"). It redraws at most four times a second and only while
 * shown. Borrows the model; GUI thread.
 */
class ChartsPane : public QWidget
{
    Q_OBJECT
  public:
    explicit ChartsPane(ChartsModel &model, QWidget *parent = nullptr);

    LineChart *writes() const { return m_writes; }
    LineChart *invocations() const { return m_invocations; }
    LineChart *errors() const { return m_errors; }
    LineChart *latency() const { return m_latency; }
    /// Takes the model's numbers now (the timer does it while shown).
    void refresh();

  protected:
    void showEvent(QShowEvent *event) override;

  private:
    ChartsModel &m_model;
    LineChart *m_writes;
    LineChart *m_invocations;
    LineChart *m_errors;
    LineChart *m_latency;
    QTimer m_throttle;
    bool m_dirty = true;
};

} // namespace orderlab
