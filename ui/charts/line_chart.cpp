#include "line_chart.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace orderlab {

namespace {
/// A round scale at or above `value`: 1, 2 or 5 times a power of ten.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= value)
            return m * power;
    return 10 * power;
}

QString number(double v)
{
    return v >= 100 || v == std::floor(v) ? QString::number(v, 'f', 0) : QString::number(v, 'f', 1);
}
} // namespace

LineChart::LineChart(const QString &title, const QString &unit, QWidget *parent)
    : QWidget(parent), m_title(title), m_unit(unit)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LineChart::setLines(const QList<Line> &lines, int seconds)
{
    m_lines = lines;
    m_seconds = seconds;
    update();
}

QSize LineChart::sizeHint() const
{
    const qreal em = QFontMetricsF(font()).height();
    return QSize(static_cast<int>(em * 22), static_cast<int>(em * 8));
}

QSize LineChart::minimumSizeHint() const
{
    const qreal em = QFontMetricsF(font()).height();
    return QSize(static_cast<int>(em * 12), static_cast<int>(em * 5));
}

void LineChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QFontMetricsF fm(font());
    const qreal pad = fm.height() * 0.4;
    QFont bold = font();
    bold.setBold(true);
    p.setPen(palette().text().color());
    p.setFont(bold);
    p.drawText(QPointF(pad, pad + fm.ascent()), m_title);
    p.setFont(font());

    double top = 0;
    qsizetype points = 0;
    for (const Line &l : m_lines) {
        for (double v : l.values)
            if (!std::isnan(v))
                top = std::max(top, v);
        points = std::max(points, l.values.size());
    }
    top = niceCeiling(top);
    // The newest value of each line, right-aligned on the title's row.
    qreal right = width() - pad;
    for (auto it = m_lines.crbegin(); it != m_lines.crend(); ++it) {
        const bool none = it->values.isEmpty() || std::isnan(it->values.last());
        const QString text =
            QStringLiteral("%1 %2%3").arg(it->name, none ? QStringLiteral("\u2013") : number(it->values.last()),
                                          none || m_unit.isEmpty() ? QString() : QStringLiteral(" ") + m_unit);
        right -= fm.horizontalAdvance(text);
        p.setPen(it->color);
        p.drawText(QPointF(right, pad + fm.ascent()), text);
        right -= fm.averageCharWidth() * 2;
    }

    const QString scale = number(top);
    const qreal axis = fm.horizontalAdvance(scale) + pad;
    const QRectF plot(pad + axis, pad * 2 + fm.height(), width() - 2 * pad - axis,
                      height() - pad * 3 - fm.height() * 2);
    if (plot.width() < 2 || plot.height() < 2)
        return;
    p.setPen(QPen(palette().mid().color(), 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    p.setPen(palette().text().color());
    p.drawText(QPointF(pad, plot.top() + fm.ascent()), scale);
    p.drawText(QPointF(pad, plot.bottom()), QStringLiteral("0"));
    p.drawText(QRectF(plot.left(), plot.bottom(), plot.width(), fm.height() + pad), Qt::AlignCenter,
               tr("the last %n s of emulator time", nullptr, m_seconds));
    const int span = std::max<int>(m_seconds, static_cast<int>(points));
    if (span < 2)
        return;
    const qreal dx = plot.width() / (span - 1);
    for (const Line &l : m_lines) {
        if (l.values.isEmpty())
            continue;
        QPainterPath path;
        const qreal x0 = plot.right() - dx * static_cast<qreal>(l.values.size() - 1);
        bool gap = true; // NaN: no value that second; the line breaks there
        for (qsizetype i = 0; i < l.values.size(); ++i) {
            const double v = l.values.at(i);
            if (std::isnan(v)) {
                gap = true;
                continue;
            }
            const QPointF at(x0 + dx * static_cast<qreal>(i), plot.bottom() - v / top * plot.height());
            if (gap)
                path.moveTo(at);
            else
                path.lineTo(at);
            gap = false;
        }
        p.setPen(QPen(l.color, std::max<qreal>(1.5, fm.height() / 10)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
}

} // namespace orderlab
