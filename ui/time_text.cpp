#include "time_text.h"

#include <QDateTime>

namespace orderlab::time_text {

QString clock(qint64 ms)
{
    const qint64 day = ((ms % 86400000) + 86400000) % 86400000;
    return QStringLiteral("%1:%2:%3.%4")
        .arg(day / 3600000, 2, 10, QLatin1Char('0'))
        .arg((day / 60000) % 60, 2, 10, QLatin1Char('0'))
        .arg((day / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(day % 1000, 3, 10, QLatin1Char('0'));
}

QString dateTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
           QStringLiteral(" UTC");
}

QString duration(qint64 ms)
{
    if (ms < 1000 && ms > -1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60000 && ms > -60000)
        return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 min %2 s").arg(ms / 60000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace orderlab::time_text
