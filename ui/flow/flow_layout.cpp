#include "flow_layout.h"

#include <QFontMetricsF>

#include <algorithm>

namespace orderlab {

namespace {
constexpr int kColumns = 5;
constexpr qreal kColumnGap = 0.3; ///< of a column's width
constexpr qreal kMinPixels = 6;

int columnOf(FlowStage s)
{
    switch (s) {
    case FlowStage::Table:
        return 0;
    case FlowStage::Shard:
        return 1;
    case FlowStage::Lane:
        return 2;
    case FlowStage::Handler:
        return 3;
    default:
        return 4;
    }
}

/// `count` boxes stacked in `column`, centred vertically, each at most `maxHeight` high.
QList<QRectF> stack(const QRectF &column, int count, qreal gap, qreal maxHeight)
{
    QList<QRectF> out;
    if (count <= 0)
        return out;
    const qreal h = std::min(maxHeight, (column.height() - gap * (count - 1)) / count);
    const qreal total = h * count + gap * (count - 1);
    qreal y = column.top() + (column.height() - total) / 2;
    for (int i = 0; i < count; ++i, y += h + gap)
        out << QRectF(column.left(), y, column.width(), h);
    return out;
}
} // namespace

QFont FlowLayout::titleFont() const
{
    QFont f = m_font;
    f.setBold(true);
    return f;
}

bool FlowLayout::boldLine(qsizetype line) const
{
    return line == 0 || (m_stacked && line % 2 == 1);
}

QRectF FlowLayout::rectOf(const FlowBoxId &id) const
{
    for (const Box &b : m_boxes)
        if (b.id == id)
            return b.rect;
    return {};
}

bool FlowLayout::fits(const FlowBoxId &id, const QStringList &lines) const
{
    const QRectF r = rectOf(id);
    if (r.isEmpty())
        return false;
    const QFontMetricsF title(titleFont()), text(m_font);
    qreal width = 0;
    qreal height = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QFontMetricsF &fm = boldLine(i) ? title : text;
        width = std::max(width, fm.horizontalAdvance(lines.at(i)));
        height += fm.lineSpacing();
    }
    return width + 2 * m_padding <= r.width() && height + 2 * m_padding + m_tokenStrip <= r.height();
}

void FlowLayout::place(const QSizeF &size, const QList<FlowBoxId> &boxes)
{
    const qreal w = size.width(), h = size.height();
    const qreal margin = std::max<qreal>(2, std::min(w, h) * 0.015);
    m_caption = QRectF(margin, margin, w - 2 * margin, h * 0.06);
    const qreal top = m_caption.bottom() + margin;
    const qreal available = std::max<qreal>(1, h - top - margin);
    // Two phones side by side on the right, each about 1:2, together at most 34 % of the width.
    const qreal phoneW = std::max<qreal>(1, std::min(available * 0.5, (w * 0.34 - 3 * margin) / 2));
    const qreal phoneH = std::min(available, phoneW * 2.1);
    const qreal phoneTop = top + (available - phoneH) / 2;
    m_adminPhone = QRectF(w - margin - phoneW, phoneTop, phoneW, phoneH);
    m_orderPhone = QRectF(m_adminPhone.left() - margin - phoneW, phoneTop, phoneW, phoneH);
    m_pipeline = QRectF(margin, top, std::max<qreal>(1, m_orderPhone.left() - 3 * margin), available);

    const qreal colW = m_pipeline.width() / (kColumns + (kColumns - 1) * kColumnGap);
    QList<QList<FlowBoxId>> columns(kColumns);
    for (const FlowBoxId &b : boxes)
        columns[columnOf(b.stage)] << b;
    m_boxes.clear();
    for (int c = 0; c < kColumns; ++c) {
        const QRectF column(m_pipeline.left() + c * colW * (1 + kColumnGap), m_pipeline.top(), colW,
                            m_pipeline.height());
        const QList<QRectF> rects =
            stack(column, static_cast<int>(columns[c].size()), margin, m_pipeline.height() * 0.4);
        for (qsizetype i = 0; i < rects.size(); ++i)
            m_boxes << Box{columns[c].at(i), rects.at(i)};
    }
}

FlowLayout FlowLayout::compute(const QSizeF &size, const QFont &base, const QList<FlowBoxId> &boxes)
{
    // Large type: start at a 24th of the height and shrink until every box's text fits at its widest counts, with
    // each count's value above what it counts (tall boxes) or beside it (short boxes): whichever allows larger type.
    FlowLayout best;
    for (bool stacked : {true, false}) {
        FlowLayout l;
        l.place(size, boxes);
        l.m_stacked = stacked;
        l.m_font = base;
        qreal pixels = std::max(kMinPixels, std::min(size.height() / 24, size.width() / 40));
        for (;; pixels = std::max(kMinPixels, pixels * 0.92)) {
            l.m_font.setPixelSize(static_cast<int>(pixels));
            const QFontMetricsF fm(l.m_font);
            l.m_padding = fm.height() * 0.3;
            l.m_tokenStrip = fm.height() * 1.0;
            bool all = true;
            for (const Box &b : l.m_boxes)
                all = all && l.fits(b.id, flowBoxTemplate(b.id, stacked));
            if (all || pixels <= kMinPixels)
                break;
        }
        if (stacked || l.m_font.pixelSize() > best.m_font.pixelSize())
            best = l;
    }
    return best;
}

} // namespace orderlab
