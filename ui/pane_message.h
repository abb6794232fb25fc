#pragma once

#include <QLabel>
#include <QTimer>

namespace orderlab {

/**
 * A pane's one-line message (issue 12, item 10: messages must not go stale). A note says what an
 * action did and clears itself after noteMs (default 8 s of wall time); an error stays, in red,
 * until the next message or clearMessage(). The owner clears it when the world it speaks of is
 * replaced (Restart). GUI thread only.
 */
class PaneMessage : public QLabel
{
    Q_OBJECT
  public:
    explicit PaneMessage(QWidget *parent = nullptr);

    void note(const QString &text);
    void error(const QString &text);
    /// error() when `error` is not empty, else note(done).
    void result(const QString &error, const QString &done);
    void clearMessage();
    void setNoteMs(int ms) { m_expiry.setInterval(ms); }

  private:
    QTimer m_expiry;
};

} // namespace orderlab
