#include "flow_view.h"

#include "flow_model.h"
#include "phone_screen.h"
#include "time_text.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace orderlab {

namespace {
const QColor kBoxFill(0xf4, 0xf6, 0xfb);
const QColor kBoxLine(0x5b, 0x6b, 0x8c);
const QColor kText(0x1f, 0x29, 0x33);
const QColor kToken(0x15, 0x65, 0xc0);
const QColor kDone(0x2e, 0x7d, 0x32);
const QColor kFailed(0xc6, 0x28, 0x28);
const QColor kFollowed(0xef, 0x6c, 0x00);
constexpr int kTickMs = 33;

/// A fixed place in [0, 1) per token, so that tokens in one box spread out and keep their place.
qreal spread(quint64 traceId, int salt)
{
    quint64 x = traceId * 0x9E3779B97F4A7C15ULL + static_cast<quint64>(salt) * 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 31;
    return static_cast<qreal>(x % 1000) / 1000.0;
}
} // namespace

FlowView::FlowView(FlowModel &model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("flowView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &FlowView::tick);
    connect(&m_model, &FlowModel::changed, this, &FlowView::modelChanged);
    m_animator.sync(m_model.tokens());
}

QSize FlowView::sizeHint() const
{
    const qreal em = QFontMetricsF(font()).height();
    return QSize(static_cast<int>(em * 70), static_cast<int>(em * 30));
}

QSize FlowView::minimumSizeHint() const
{
    const qreal em = QFontMetricsF(font()).height();
    return QSize(static_cast<int>(em * 30), static_cast<int>(em * 14));
}

const FlowLayout &FlowView::currentLayout()
{
    const QList<FlowBoxId> boxes = flowBoxes(m_model.counts());
    if (!m_layoutValid || boxes != m_laidOut || size() != m_laidOutSize) {
        m_layout = FlowLayout::compute(QSizeF(size()), font(), boxes);
        m_laidOut = boxes;
        m_laidOutSize = size();
        m_layoutValid = true;
    }
    return m_layout;
}

void FlowView::settle()
{
    m_animator.sync(m_model.tokens());
    m_animator.settle();
    update();
}

void FlowView::modelChanged()
{
    m_animator.sync(m_model.tokens());
    if (m_animator.moving())
        startTicking();
    update();
}

void FlowView::startTicking()
{
    if (m_timer.isActive() || !isVisible())
        return;
    m_sinceTick.start();
    m_timer.start();
}

void FlowView::tick()
{
    // Wall time since the last tick, at most a few ticks' worth (a stall does not make tokens jump).
    const qreal ms = std::min<qreal>(static_cast<qreal>(m_sinceTick.restart()), kTickMs * 4.0);
    m_animator.advance(ms);
    if (!m_animator.moving())
        m_timer.stop();
    update();
}

void FlowView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_animator.sync(m_model.tokens());
    if (m_animator.moving())
        startTicking();
}

void FlowView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void FlowView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_layoutValid = false;
}

FlowBoxId FlowView::boxOf(const FlowToken &t, FlowStage stage) const
{
    switch (stage) {
    case FlowStage::Shard:
        return {stage, std::max(0, t.shard)};
    case FlowStage::Lane:
        return {stage, std::max(0, t.shard), std::max(0, t.lane)};
    default:
        return {stage};
    }
}

QPointF FlowView::anchor(const FlowToken &t, FlowStage stage) const
{
    const FlowLayout &l = m_layout;
    QRectF r;
    if (stage == FlowStage::Apps) {
        // Between the two phones' tops: where a notification enters the apps.
        const QRectF o = l.orderPhone(), a = l.adminPhone();
        r = QRectF(o.left(), o.top() - l.tokenStrip(), a.right() - o.left(), l.tokenStrip());
    } else {
        r = l.rectOf(boxOf(t, stage));
        if (r.isEmpty()) { // a shard or lane not laid out yet: the column's first box
            for (const FlowLayout::Box &b : l.boxes())
                if (b.id.stage == stage) {
                    r = b.rect;
                    break;
                }
        }
        r.setTop(r.bottom() - l.tokenStrip());
    }
    const qreal inset = l.tokenRadius() * 1.5;
    return QPointF(r.left() + inset + spread(t.traceId, 1) * std::max<qreal>(0, r.width() - 2 * inset),
                   r.top() + inset + spread(t.traceId, 2) * std::max<qreal>(0, r.height() - 2 * inset));
}

QPointF FlowView::tokenPosition(quint64 traceId)
{
    currentLayout();
    return positionOf(traceId);
}

QPointF FlowView::positionOf(quint64 traceId) const
{
    const FlowToken *t = m_model.token(traceId);
    if (!t || !m_animator.contains(traceId))
        return {};
    const TokenAnimator::Visual v = m_animator.visual(traceId);
    const QPointF from = anchor(*t, v.shown);
    if (v.progress <= 0 || v.shown == FlowStage::Apps)
        return from;
    const QPointF to = anchor(*t, stageAt(stageIndex(v.shown) + 1));
    return from + (to - from) * v.progress;
}

void FlowView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), Qt::white);
    currentLayout();
    const QList<FlowToken> tokens = m_model.tokens();
    paintCaption(p);
    paintArrows(p);
    paintBoxes(p, tokens);
    const FlowLayout &l = m_layout;
    paintPhone(p, l.orderPhone(), orderAppScreen(m_model), l.font());
    paintPhone(p, l.adminPhone(), adminAppScreen(m_model), l.font());
    paintTokens(p, tokens);
}

void FlowView::paintCaption(QPainter &p)
{
    const FlowLayout &l = m_layout;
    QStringList parts;
    parts << tr("Clock %1").arg(time_text::clock(std::max<qint64>(0, m_model.clock())));
    const auto changes = static_cast<int>(m_animator.size());
    parts << (changes == 1 ? tr("1 change shown") : tr("%1 changes shown").arg(changes));
    if (!m_model.followedOrder().isEmpty())
        parts << tr("following order %1").arg(m_model.followedOrder());
    QFont font = l.titleFont();
    font.setPixelSize(std::max(6, static_cast<int>(l.caption().height() * 0.5)));
    p.setFont(font);
    p.setPen(kText);
    const QFontMetricsF fm(font);
    p.drawText(l.caption(), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(parts.join(QStringLiteral("  \u00b7  ")), Qt::ElideRight, l.caption().width()));
}

void FlowView::paintArrows(QPainter &p)
{
    const FlowLayout &l = m_layout;
    // Column by column: every box of one column to every box of the next, then the handler's outputs to the apps.
    QList<QList<QRectF>> columns;
    FlowStage last = FlowStage::Apps;
    for (const FlowLayout::Box &b : l.boxes()) {
        const FlowStage column = b.id.stage == FlowStage::Topics ? FlowStage::Cache : b.id.stage;
        if (column != last)
            columns << QList<QRectF>();
        columns.last() << b.rect;
        last = column;
    }
    p.setPen(QPen(kBoxLine.lighter(130), std::max<qreal>(1, l.padding() * 0.25)));
    for (qsizetype c = 0; c + 1 < columns.size(); ++c)
        for (const QRectF &from : columns.at(c))
            for (const QRectF &to : columns.at(c + 1)) {
                if (c + 2 == columns.size() && to != columns.last().constLast())
                    continue; // the handler publishes on topics and writes to the cache: one arrow each below
                p.drawLine(QPointF(from.right(), from.center().y()), QPointF(to.left(), to.center().y()));
            }
    if (columns.size() >= 2) {
        const QRectF handler = columns.at(columns.size() - 2).constFirst();
        for (const QRectF &to : columns.last())
            p.drawLine(QPointF(handler.right(), handler.center().y()), QPointF(to.left(), to.center().y()));
        const QRectF topics = columns.last().constLast();
        p.drawLine(QPointF(topics.right(), topics.center().y()),
                   QPointF(l.orderPhone().left(), l.orderPhone().top() + l.orderPhone().height() * 0.3));
    }
}

void FlowView::paintBoxes(QPainter &p, const QList<FlowToken> &tokens)
{
    const FlowLayout &l = m_layout;
    const FlowCounts &counts = m_model.counts();
    // The followed order's path: the boxes its newest change has passed.
    QList<FlowBoxId> path;
    bool failing = false;
    for (const FlowToken &t : tokens) {
        failing = failing || t.failed;
        if (!m_model.isFollowed(t))
            continue;
        path.clear();
        for (int s = 0; s <= stageIndex(t.stage); ++s)
            path << boxOf(t, stageAt(s));
    }
    const qreal line = std::max<qreal>(1, l.padding() * 0.2);
    const QFontMetricsF title(l.titleFont()), text(l.font());
    for (const FlowLayout::Box &b : l.boxes()) {
        const bool onPath = path.contains(b.id);
        const bool red =
            (b.id.stage == FlowStage::Lane && counts.lanes.value(LaneKey(b.id.shard, b.id.lane)).blocked) ||
            (b.id.stage == FlowStage::Handler && failing);
        p.setBrush(onPath ? QColor(0xff, 0xf3, 0xe0) : kBoxFill);
        p.setPen(QPen(red ? kFailed : onPath ? kFollowed : kBoxLine, onPath || red ? line * 3 : line));
        p.drawRoundedRect(b.rect, l.padding(), l.padding());
        const QStringList lines = flowBoxLines(b.id, counts, l.stacked());
        qreal y = b.rect.top() + l.padding();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const bool bold = l.boldLine(i);
            const QFontMetricsF &fm = bold ? title : text;
            p.setFont(bold ? l.titleFont() : l.font());
            const bool alarm = lines.at(i).startsWith(tr("BLOCKED"));
            p.setPen(alarm ? kFailed : bold ? kText : kBoxLine);
            p.drawText(QPointF(b.rect.left() + l.padding(), y + fm.ascent()),
                       fm.elidedText(lines.at(i), Qt::ElideRight, b.rect.width() - 2 * l.padding()));
            y += fm.lineSpacing();
        }
    }
}

void FlowView::paintTokens(QPainter &p, const QList<FlowToken> &tokens)
{
    const FlowLayout &l = m_layout;
    const bool following = !m_model.followedOrder().isEmpty();
    const qreal r = l.tokenRadius();
    QFont small = l.font();
    small.setPixelSize(std::max(6, static_cast<int>(r * 2.4)));
    small.setBold(true);
    p.setFont(small);
    // Dimmed ones first, so that the followed order's tokens are drawn on top.
    for (int pass = 0; pass < 2; ++pass) {
        for (const FlowToken &t : tokens) {
            const bool followed = m_model.isFollowed(t);
            if ((pass == 1) != followed)
                continue;
            const QPointF at = positionOf(t.traceId);
            if (at.isNull())
                continue;
            const TokenAnimator::Visual v = m_animator.visual(t.traceId);
            const bool failedHere = t.failed && v.shown == t.stage;
            QColor c = failedHere ? kFailed : followed ? kFollowed : v.shown == FlowStage::Apps ? kDone : kToken;
            if (following && !followed)
                c.setAlphaF(0.18);
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            const qreal radius = followed ? r * 1.6 : r;
            p.drawEllipse(at, radius, radius);
            if (t.retries > 0 && (followed || !following) && v.shown == t.stage) {
                // A retry happens at its lane: the attempt number is drawn there, in red.
                const QPointF lane = anchor(t, FlowStage::Lane);
                p.setPen(kFailed);
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(lane, radius * 1.3, radius * 1.3);
                p.drawText(lane + QPointF(radius * 1.6, -radius), tr("\u21bb%1").arg(t.retries));
            }
        }
    }
}

} // namespace orderlab
