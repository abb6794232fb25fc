#pragma once

#include "flow_box_text.h"

#include <QFont>
#include <QList>
#include <QRectF>
#include <QSizeF>

namespace orderlab {

/**
 * Where the Flow view draws what, for one size: the caption line, the pipeline's boxes in five columns (table,
 * shards, lanes, handler, cache over topics), the two phone screens on the right, and the one font size that lets
 * every box's text fit at its widest counts (docs/flow-view.md, "Scaling"). Everything is derived from the size
 * and the font's metrics, nothing from fixed pixels. Plain geometry: no widget, GUI thread or any thread.
 */
class FlowLayout
{
  public:
    struct Box
    {
        FlowBoxId id;
        QRectF rect;
    };

    /// Lays `boxes` out in `size` (logical pixels), the texts in `base`'s family.
    static FlowLayout compute(const QSizeF &size, const QFont &base, const QList<FlowBoxId> &boxes);

    const QList<Box> &boxes() const { return m_boxes; }
    /// The box's rectangle, or an empty one when there is no such box.
    QRectF rectOf(const FlowBoxId &id) const;
    /// Box texts; the lines boldLine() says in `titleFont()`.
    QFont font() const { return m_font; }
    /// Whether the counts are stacked (value above what it counts) or one line each (flowBoxLines's `stacked`).
    bool stacked() const { return m_stacked; }
    /// Whether line `line` of a box's text is bold: the title, and the values when stacked.
    bool boldLine(qsizetype line) const;
    QFont titleFont() const;
    /// The inner margin of a box.
    qreal padding() const { return m_padding; }
    /// The strip at the bottom of each box where its tokens sit.
    qreal tokenStrip() const { return m_tokenStrip; }
    /// The radius of a token's dot.
    qreal tokenRadius() const { return m_tokenStrip * 0.3; }
    QRectF caption() const { return m_caption; }
    QRectF pipeline() const { return m_pipeline; }
    QRectF orderPhone() const { return m_orderPhone; }
    QRectF adminPhone() const { return m_adminPhone; }
    /// True when `lines` (boldLine() ones in the title font) fit inside the box with its padding and token strip.
    bool fits(const FlowBoxId &id, const QStringList &lines) const;

  private:
    void place(const QSizeF &size, const QList<FlowBoxId> &boxes);

    QList<Box> m_boxes;
    QFont m_font;
    bool m_stacked = true;
    qreal m_padding = 0;
    qreal m_tokenStrip = 0;
    QRectF m_caption, m_pipeline, m_orderPhone, m_adminPhone;
};

} // namespace orderlab
