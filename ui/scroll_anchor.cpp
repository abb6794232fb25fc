#include "scroll_anchor.h"

#include <QAbstractItemView>
#include <QScrollBar>

namespace orderlab {

ScrollAnchor::ScrollAnchor(QAbstractItemView *view) : QObject(view), m_view(view)
{
    QAbstractItemModel *model = view->model();
    Q_ASSERT(model);
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &parent, int first, int) {
        if (!parent.isValid())
            aboutToInsert(first);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            inserted();
    });
}

bool ScrollAnchor::holding() const
{
    return m_view->viewport()->underMouse() || m_view->selectionModel()->hasSelection() ||
           m_view->verticalScrollBar()->value() > m_view->verticalScrollBar()->minimum();
}

void ScrollAnchor::aboutToInsert(int first)
{
    m_top = QPersistentModelIndex();
    const QModelIndex top = m_view->indexAt(QPoint(1, 1));
    if (top.isValid() && first <= top.row() && holding())
        m_top = top;
}

void ScrollAnchor::inserted()
{
    if (!m_top.isValid())
        return;
    const QModelIndex top = m_top;
    m_top = QPersistentModelIndex();
    m_view->doItemsLayout(); // the scroll range must include the new rows before the view scrolls past them
    m_view->scrollTo(top, QAbstractItemView::PositionAtTop);
}

} // namespace orderlab
