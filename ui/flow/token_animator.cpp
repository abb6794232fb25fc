#include "token_animator.h"

#include <QSet>

namespace orderlab {

void TokenAnimator::sync(const QList<FlowToken> &tokens)
{
    QSet<quint64> live;
    live.reserve(tokens.size());
    for (const FlowToken &t : tokens) {
        live.insert(t.traceId);
        m_tokens[t.traceId].target = t.stage; // a new one: shown at the table, progress 0
    }
    for (auto it = m_tokens.begin(); it != m_tokens.end();)
        it = live.contains(it.key()) ? std::next(it) : m_tokens.erase(it);
}

void TokenAnimator::advance(qreal ms)
{
    for (Visual &v : m_tokens) {
        const int lag = stageIndex(v.target) - stageIndex(v.shown);
        if (lag <= 0) {
            v.progress = 0;
            continue;
        }
        // One box per hop; a token more than two boxes behind catches up.
        v.progress += ms / m_hopMs * qMax(1, lag - 1);
        while (v.progress >= 1 && stageIndex(v.shown) < stageIndex(v.target)) {
            v.progress -= 1;
            v.shown = stageAt(stageIndex(v.shown) + 1);
        }
        if (v.shown == v.target)
            v.progress = 0;
    }
}

void TokenAnimator::settle()
{
    for (Visual &v : m_tokens) {
        v.shown = v.target;
        v.progress = 0;
    }
}

bool TokenAnimator::moving() const
{
    for (const Visual &v : m_tokens)
        if (v.shown != v.target)
            return true;
    return false;
}

} // namespace orderlab
