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

/// The Cache pane's count (issue 12, item 14): `shown` keys on screen (a leaving row is not a key any more),
/// `total` in the cache, `leaving` rows still drawn on their way out; never "176 shown · 170 keys".
inline QString cacheCountText(int shown, qint64 total, int leaving)
{
    QString text = shown != total ? QCoreApplication::translate("orderlab", "%1 of %2 keys shown").arg(shown).arg(total)
                   : total == 1   ? QCoreApplication::translate("orderlab", "1 key in the cache")
                                  : QCoreApplication::translate("orderlab", "%1 keys in the cache").arg(total);
    if (leaving > 0)
        text += QCoreApplication::translate("orderlab", " · %1 leaving").arg(leaving);
    return text;
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
