#pragma once

#include "flow_layout.h"
#include "token_animator.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace orderlab {

class FlowModel;

/**
 * The Flow view: the pipeline as a diagram (docs/flow-view.md). Boxes with their live counts, each table change a
 * token walking from box to box (TokenAnimator, driven by a timer on the GUI thread that runs only while the view is
 * shown and a token is on its way), failures red at the handler, retries with their number at the lane, the followed
 * order's path and tokens highlighted and the rest dimmed, and the Order app and the Admin app as phones on the right.
 *
 * Reads only `model` (borrowed; it must outlive the view). Everything is laid out from the size and the font's
 * metrics (FlowLayout); painting is in logical pixels, which Qt scales by the screen's devicePixelRatio.
 */
class FlowView : public QWidget
{
    Q_OBJECT
  public:
    explicit FlowView(FlowModel &model, QWidget *parent = nullptr);

    FlowModel &model() const { return m_model; }
    /// The layout for the current size and boxes (what paintEvent draws).
    const FlowLayout &currentLayout();
    const TokenAnimator &animator() const { return m_animator; }
    /// Wall time a token takes from one box to the next (default 700 ms).
    void setHopMs(qreal ms) { m_animator.setHopMs(ms); }
    /// Puts every token at the box it reached, without animation (screenshots).
    void settle();
    /// Where a token is drawn now (tests), or a null point when it is not shown.
    QPointF tokenPosition(quint64 traceId);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

  private:
    void modelChanged();
    void tick();
    void startTicking();
    /// The point a token sits at in `stage`'s box.
    QPointF anchor(const FlowToken &t, FlowStage stage) const;
    /// tokenPosition() with the layout already current.
    QPointF positionOf(quint64 traceId) const;
    FlowBoxId boxOf(const FlowToken &t, FlowStage stage) const;
    void paintBoxes(QPainter &p, const QList<FlowToken> &tokens);
    void paintArrows(QPainter &p);
    void paintTokens(QPainter &p, const QList<FlowToken> &tokens);
    void paintCaption(QPainter &p);

    FlowModel &m_model;
    TokenAnimator m_animator;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    FlowLayout m_layout;
    QList<FlowBoxId> m_laidOut;
    QSize m_laidOutSize;
    bool m_layoutValid = false;
};

} // namespace orderlab
