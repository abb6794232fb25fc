#pragma once

#include "flow_model.h"

#include <QHash>

namespace orderlab {

/**
 * Where each token is drawn: the box it is shown at and how far it has gone toward the next one. A token walks one
 * box per hop (hopMs of wall time) toward the box the model says it reached, so that after a Step, or at a slow
 * speed, the audience sees it pass every box; a token several boxes behind walks faster, so that under load the
 * picture keeps up (docs/flow-view.md, "Tokens"). Plain state, advanced by the Flow view's timer on the GUI thread.
 */
class TokenAnimator
{
  public:
    struct Visual
    {
        FlowStage shown = FlowStage::Table;
        qreal progress = 0; ///< 0..1 from `shown` toward the next box; 0 when it is where the model says
        FlowStage target = FlowStage::Table;
    };

    explicit TokenAnimator(qreal hopMs = 700) : m_hopMs(hopMs) {}

    void setHopMs(qreal ms) { m_hopMs = qMax<qreal>(1, ms); }
    qreal hopMs() const { return m_hopMs; }
    /// Takes the model's tokens: a new token starts at the table, a dropped one goes, the others get their target.
    void sync(const QList<FlowToken> &tokens);
    /// Moves every token `ms` of wall time further.
    void advance(qreal ms);
    /// Puts every token where the model says it is (a screenshot, a test).
    void settle();
    /// True while a token is still on its way to its box.
    bool moving() const;
    Visual visual(quint64 traceId) const { return m_tokens.value(traceId); }
    bool contains(quint64 traceId) const { return m_tokens.contains(traceId); }
    qsizetype size() const { return m_tokens.size(); }
    void clear() { m_tokens.clear(); }

  private:
    qreal m_hopMs;
    QHash<quint64, Visual> m_tokens;
};

} // namespace orderlab
