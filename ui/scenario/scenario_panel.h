#pragma once

#include "json_diff_dialog.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace orderlab {

class ScenarioPlayer;

/**
 * The Scenario panel (a dock, docs/scenarios.md "In the window"): the open scenario's steps, the
 * one running marked, each expect step's expectations beneath it turning green (held) or red (did
 * not); Step, Run at a chosen speed and Pause; the error that stopped a run. Double-clicking a red
 * expectation opens its side-by-side diff (JsonDiffDialog). Reads the player only; GUI thread.
 */
class ScenarioPanel : public QWidget
{
    Q_OBJECT
  public:
    /// Each expectation item's state (Qt::UserRole + 1): "pending", "passed" or "failed".
    static constexpr int StateRole = Qt::UserRole + 1;
    /// Each expectation item's index into ScenarioPlayer::results() once checked (Qt::UserRole), else -1.
    static constexpr int ResultRole = Qt::UserRole;

    explicit ScenarioPanel(ScenarioPlayer &player, QWidget *parent = nullptr);

    QTreeWidget *stepList() const { return m_steps; }
    /// Opens the diff of results()[result] (what double-clicking a red expectation does).
    JsonDiffDialog *openDiff(int result);
    JsonDiffDialog *lastDiff() const { return m_diff; }
    /// Shows why a scenario could not be opened ("file:line:col: ..."); the steps of none are listed.
    void showLoadError(const QString &error);
    /// The speed Run uses: emulator seconds per wall second, 0 as fast as possible.
    double speed() const;

  private:
    void fill();
    void markCurrent(int step);
    void checked(int result);
    void showEnded();

    ScenarioPlayer &m_player;
    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_step;
    QPushButton *m_run;
    QPushButton *m_pause;
    QComboBox *m_speed;
    QTreeWidget *m_steps;
    QPointer<JsonDiffDialog> m_diff;
};

} // namespace orderlab
