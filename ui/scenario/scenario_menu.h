#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QDockWidget;
class QMenu;
class QSettings;
class QTableView;
class QToolBar;

namespace orderlab {

class MainWindow;
class RunAllDialog;
class ScenarioPanel;
class ScenarioPlayer;
class ScenarioRecorder;

/**
 * The window's Scenario menu and its buttons in the menu bar's corner (docs/scenarios.md, "In the
 * window"): Record / Stop,
 * "Expect this" (also in the Cache, Orders and notification tables' context menus, Ctrl+Alt+E on the
 * focused one; the verdict otherwise), Open scenario…, Recent scenarios (the last 10), Run all in
 * folder…, and the Scenario panel dock. The scenarios folder and the recent list are kept in the
 * window's QSettings ("scenarios/folder", "scenarios/recent"). Installs itself into `window` (its
 * parent); GUI thread.
 */
class ScenarioMenu : public QObject
{
    Q_OBJECT
  public:
    explicit ScenarioMenu(MainWindow &window);

    ScenarioRecorder &recorder() const { return *m_recorder; }
    ScenarioPlayer &player() const { return *m_player; }
    ScenarioPanel *panel() const { return m_panel; }
    QMenu *menu() const { return m_menu; }

    /// Opens and shows a scenario in the panel; its error (file:line:col) in the panel when it cannot load.
    QString openScenario(const QString &path);
    /// The recent scenarios, newest first (at most 10).
    QStringList recentScenarios() const;
    /// Runs every scenario under `folder` and shows the results table (not modal).
    RunAllDialog *runAll(const QString &folder);
    /// Ends the recording and saves it as `<folder>/scenario.yaml` (what Stop does once asked where).
    QString stopInto(const QString &folder);
    /// "Expect this" on what has the focus: a cache key, an order, a notification's subscriber, else the verdict.
    QString expectThis();
    /// "Expect this" on `view`'s current row (the Cache, Orders or a notifications table), else the verdict.
    /// Says what happened, or why nothing did.
    QString expectFrom(QTableView *view);

    /// The folder scenarios are saved in and opened from (QSettings; default ~/orderlab-scenarios).
    QString scenariosFolder() const;

  private:
    void build();
    void hookPanes();
    void record();
    void stop();
    void remember(const QString &path);
    void fillRecent();
    void updateActions();
    void say(const QString &message);

    MainWindow &m_window;
    QSettings *m_settings;
    ScenarioRecorder *m_recorder;
    ScenarioPlayer *m_player;
    ScenarioPanel *m_panel;
    QDockWidget *m_dock;
    QMenu *m_menu;
    QMenu *m_recent;
    QToolBar *m_toolBar;
    QAction *m_record;
    QAction *m_stop;
    QAction *m_expect;
    QAction *m_expectVerdict;
    QList<QAction *> m_paneActions;
};

} // namespace orderlab
