#pragma once

#include <QFont>
#include <QRectF>
#include <QStringList>

class QPainter;

namespace orderlab {

class FlowModel;

/// What one app's phone shows: its name, a heading and its lines, newest first.
struct PhoneScreen
{
    QString app;
    QString heading;
    QStringList lines;
};

/// The Order app's screen: the status timeline of the order it shows (the followed one, else the one updated
/// last), then its last notifications.
PhoneScreen orderAppScreen(const FlowModel &model);
/// The Admin app's screen: its last notifications, topic and value.
PhoneScreen adminAppScreen(const FlowModel &model);

/// Draws `screen` as a phone in `rect`: a rounded frame, the app's bar, the heading and as many lines as fit
/// (each elided to the width). Texts in `font`'s family, sized to the phone.
void paintPhone(QPainter &painter, const QRectF &rect, const PhoneScreen &screen, const QFont &font);

/// The font paintPhone uses for a phone `width` wide: at most `font`'s size, at least 24 characters a line.
QFont phoneFont(const QFont &font, qreal width);

} // namespace orderlab
