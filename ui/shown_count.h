#pragma once

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QString>

namespace orderlab {

/// "N shown" when nothing is filtered out, "N of M shown" when a filter hides rows: a count never claims rows
/// that are not on screen (issue 12, item 2).
inline QString shownText(int shown, int total)
{
    return shown == total ? QCoreApplication::translate("orderlab", "%1 shown").arg(shown)
                          : QCoreApplication::translate("orderlab", "%1 of %2 shown").arg(shown).arg(total);
}

/// Calls `update` on `context`'s thread whenever the number of rows of `model` may have changed.
template <typename F> void onRowCountChange(const QAbstractItemModel *model, const QObject *context, F update)
{
    QObject::connect(model, &QAbstractItemModel::rowsInserted, context, update);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, context, update);
    QObject::connect(model, &QAbstractItemModel::modelReset, context, update);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, context, update);
}

} // namespace orderlab
