#pragma once

#include <QObject>
#include <QPersistentModelIndex>

class QAbstractItemView;

namespace orderlab {

/**
 * Keeps what a list shows still while rows enter at the top of its model (issue 12, item 7): under load, rows
 * inserted above moved the selected row down the screen and put another order under the pointer between aiming
 * and clicking. While the pointer is over the list, a row is selected, or the list is scrolled away from its
 * top, the row at the top of the viewport stays at the top; the new rows wait above it (the scroll bar grows).
 * With none of those, the list flows as before, newest on top.
 *
 * Attach after the view has its model (the anchor follows that model); the anchor is a child of the view.
 * GUI thread only.
 */
class ScrollAnchor : public QObject
{
    Q_OBJECT
  public:
    explicit ScrollAnchor(QAbstractItemView *view);

    /// Whether rows entering at the top now would be held off screen.
    bool holding() const;

  private:
    void aboutToInsert(int first);
    void inserted();

    QAbstractItemView *m_view;
    QPersistentModelIndex m_top; ///< the row at the top of the viewport before an insertion; invalid: not holding
};

} // namespace orderlab
