#include "pane_message.h"

namespace orderlab {

PaneMessage::PaneMessage(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    m_expiry.setSingleShot(true);
    m_expiry.setInterval(8000);
    connect(&m_expiry, &QTimer::timeout, this, &PaneMessage::clearMessage);
}

void PaneMessage::note(const QString &text)
{
    setStyleSheet(QString());
    setText(text);
    m_expiry.start();
}

void PaneMessage::error(const QString &text)
{
    m_expiry.stop();
    setStyleSheet(QStringLiteral("color: #b00020"));
    setText(text);
}

void PaneMessage::result(const QString &error, const QString &done)
{
    if (error.isEmpty())
        note(done);
    else
        this->error(error);
}

void PaneMessage::clearMessage()
{
    m_expiry.stop();
    clear();
}

} // namespace orderlab
