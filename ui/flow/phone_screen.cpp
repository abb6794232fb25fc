#include "phone_screen.h"

#include "flow_model.h"
#include "time_text.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

#include <algorithm>

namespace orderlab {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FlowView", text);
}

/// The "id" (or else "status") text of a notification's JSON value.
QString field(const QString &json, bool id)
{
    static const QRegularExpression idField(QStringLiteral("\"id\"\\s*:\\s*\"([^\"]*)\"")),
        statusField(QStringLiteral("\"status\"\\s*:\\s*\"([^\"]*)\""));
    const auto m = (id ? idField : statusField).match(json);
    return m.hasMatch() ? m.captured(1) : QString();
}

/// A notification as an app's user reads it: "ord-7 is BAKING" rather than its topic and JSON.
QString messageLine(const NotificationRow &n)
{
    static const QString statusSuffix = QStringLiteral("-status-updated"), updatedSuffix = QStringLiteral("-updated");
    QString what;
    if (n.discontinuity)
        what = tr("(messages missed)");
    else if (n.topic == QLatin1String("new-order"))
        what = tr("new order %1").arg(field(n.value, true));
    else if (n.topic == QLatin1String("order-canceled"))
        what = tr("%1 canceled").arg(field(n.value, true));
    else if (n.topic.endsWith(statusSuffix))
        what = tr("%1 is %2").arg(n.topic.chopped(statusSuffix.size()), field(n.value, false));
    else if (n.topic.endsWith(updatedSuffix))
        what = tr("%1 changed").arg(n.topic.chopped(updatedSuffix.size()));
    else
        what = QStringLiteral("%1 %2").arg(n.topic, n.value);
    return what;
}
} // namespace

PhoneScreen orderAppScreen(const FlowModel &model)
{
    PhoneScreen s{tr("Order app"), {}, {}};
    const QString pk = model.orderAppOrder();
    if (pk.isEmpty()) {
        s.heading = tr("No order yet");
    } else {
        s.heading = tr("Order %1").arg(pk);
        const QList<FlowStatusStep> steps = model.timeline(pk);
        for (auto it = steps.crbegin(); it != steps.crend(); ++it)
            s.lines << QStringLiteral("\u25CF %1  %2").arg(it->status, time_text::clock(it->time).left(8));
        if (steps.isEmpty())
            s.lines << tr("waiting for its first status");
    }
    s.lines << QString();
    for (const NotificationRow &n : model.screen(QStringLiteral("Order app")))
        s.lines << messageLine(n);
    return s;
}

PhoneScreen adminAppScreen(const FlowModel &model)
{
    PhoneScreen s{tr("Admin app"), tr("Every order event"), {}};
    for (const NotificationRow &n : model.screen(QStringLiteral("Admin app")))
        s.lines << messageLine(n);
    if (s.lines.isEmpty())
        s.lines << tr("nothing yet");
    return s;
}

QFont phoneFont(const QFont &font, qreal width)
{
    QFont f = font;
    const qreal pixels = std::min<qreal>(font.pixelSize() > 0 ? font.pixelSize() : 12, width / 14);
    f.setPixelSize(std::max(6, static_cast<int>(pixels)));
    f.setBold(false);
    return f;
}

void paintPhone(QPainter &p, const QRectF &rect, const PhoneScreen &screen, const QFont &font)
{
    if (rect.width() < 4 || rect.height() < 4)
        return;
    const QFont text = phoneFont(font, rect.width());
    QFont bold = text;
    bold.setBold(true);
    const QFontMetricsF fm(text), fmBold(bold);
    const qreal radius = rect.width() * 0.08;
    const qreal bezel = rect.width() * 0.04;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0x26, 0x32, 0x38), std::max<qreal>(1, bezel * 0.3)));
    p.setBrush(QColor(0x26, 0x32, 0x38));
    p.drawRoundedRect(rect, radius, radius);
    const QRectF glass = rect.adjusted(bezel, bezel * 2, -bezel, -bezel * 2);
    p.setBrush(Qt::white);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(glass, radius * 0.5, radius * 0.5);

    const qreal pad = fm.height() * 0.4;
    const QRectF bar(glass.left(), glass.top(), glass.width(), fmBold.height() * 1.6);
    QPainterPath clip;
    clip.addRoundedRect(glass, radius * 0.5, radius * 0.5);
    p.setClipPath(clip);
    p.fillRect(bar, QColor(0x15, 0x65, 0xc0));
    p.setFont(bold);
    p.setPen(Qt::white);
    p.drawText(bar.adjusted(pad, 0, -pad, 0), Qt::AlignVCenter | Qt::AlignLeft,
               fmBold.elidedText(screen.app, Qt::ElideRight, bar.width() - 2 * pad));

    qreal y = bar.bottom() + pad;
    const qreal width = glass.width() - 2 * pad;
    p.setPen(QColor(0x21, 0x21, 0x21));
    p.drawText(QPointF(glass.left() + pad, y + fmBold.ascent()),
               fmBold.elidedText(screen.heading, Qt::ElideRight, width));
    y += fmBold.lineSpacing() * 1.3;
    p.setFont(text);
    for (const QString &line : screen.lines) {
        if (y + fm.lineSpacing() > glass.bottom() - pad)
            break;
        p.drawText(QPointF(glass.left() + pad, y + fm.ascent()), fm.elidedText(line, Qt::ElideRight, width));
        y += fm.lineSpacing();
    }
    p.restore();
}

} // namespace orderlab
