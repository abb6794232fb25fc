#pragma once
// What the Scenario panel's step list shows, for the window's scenario tests.

#include <QList>
#include <QTreeWidget>

namespace orderlab::test {

/// The expectation items of the panel's tree (the children of its expect steps), in order.
inline QList<QTreeWidgetItem *> expectationItems(QTreeWidget *tree)
{
    QList<QTreeWidgetItem *> out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        for (int c = 0; c < tree->topLevelItem(i)->childCount(); ++c)
            out << tree->topLevelItem(i)->child(c);
    return out;
}

} // namespace orderlab::test
