#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMenu;

namespace orderlab {

class Confirmation;
class MainWindow;

/**
 * File > Save state… and File > Open state… (docs/state-files.md, "In the window").
 *
 * Save takes the running world's state on the emulator thread, between two of its events (one instant of
 * the emulator clock, in Real mode too), then writes the file on the GUI thread; the GUI thread never waits
 * for the emulator. Open reads and checks the file first (an error goes to the status bar and nothing
 * changes), then asks as Restart does and, once accepted, restarts the window's world from the state
 * (clock running, demo feed off); the panes then re-add the user's subscribers, and the state's faults
 * replace the ones the Faults pane re-added.
 *
 * Adds its actions to the window's File menu; owned by the window; GUI thread only.
 */
class StateMenu : public QObject
{
    Q_OBJECT
  public:
    StateMenu(MainWindow &window, QMenu *file, QAction *before);

    QAction *saveAction() const { return m_save; }
    QAction *openAction() const { return m_open; }
    Confirmation *confirmation() const { return m_confirm; }

    /// Saves the state to `path` (replaced whole, or not at all); stateSaved follows with the outcome. False
    /// (and no signal) when no world runs.
    bool saveState(const QString &path);
    /// Reads `path` and asks to restart from it. Returns the file's error (file, place, what), or empty when
    /// the question is asked (or, after "Don't ask again", the world restarted).
    QString openState(const QString &path);

  signals:
    /// After saveState: `error` empty when `path` was written.
    void stateSaved(const QString &path, const QString &error);
    /// After an accepted openState: `error` empty when the world runs from the state.
    void stateOpened(const QString &path, const QString &error);

  private:
    MainWindow &m_window;
    QAction *m_save;
    QAction *m_open;
    Confirmation *m_confirm;
};

} // namespace orderlab
