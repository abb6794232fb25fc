#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>

class QWidget;

namespace orderlab {

/**
 * Asks before an action that cannot be undone (issue 12, item 13: Cancel, Restart and Apply acted at once).
 * ask() opens a window-modal question with open(), never exec(): the GUI thread keeps running and the
 * action runs from the event loop when the person accepts; declining does nothing. The question's
 * "Don't ask again" box skips later questions with the same key for the life of this object (a session).
 * One question at a time: ask() while one is open replaces it. GUI thread only; owned by its parent.
 */
class Confirmation : public QObject
{
    Q_OBJECT
  public:
    explicit Confirmation(QWidget *parent);

    /// `key` names the kind of action ("cancel-order"); `accept` is the label of the button that acts.
    void ask(const QString &key, const QString &question, const QString &detail, const QString &accept,
             std::function<void()> action);
    /// The open question, or null.
    QMessageBox *box() const { return m_box; }
    bool asks(const QString &key) const { return !m_dontAsk.contains(key); }

  private:
    QWidget *m_parent;
    QPointer<QMessageBox> m_box;
    QSet<QString> m_dontAsk;
};

} // namespace orderlab
