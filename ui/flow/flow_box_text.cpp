#include "flow_box_text.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace orderlab {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FlowView", text);
}

/// Up to 999,999 in full, then in millions or billions with three significant digits ("1.23 M", "45.6 M"), so that a
/// count never needs more room than the layout made for it.
QString number(quint64 n)
{
    static const QLocale english(QLocale::English);
    if (n < 1'000'000)
        return english.toString(static_cast<qulonglong>(n));
    const bool billions = n >= 1'000'000'000ULL;
    const double v = static_cast<double>(n) / (billions ? 1e9 : 1e6);
    const int decimals = v < 10 ? 2 : v < 100 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(QString::number(v, 'f', decimals),
                                       billions ? QStringLiteral("G") : QStringLiteral("M"));
}

/// Lines as (label, value) pairs, so that the template can put its own values in.
QList<QPair<QString, QString>> pairs(const FlowBoxId &box, const FlowCounts &c)
{
    switch (box.stage) {
    case FlowStage::Table:
        return {{tr("writes"), number(c.writes)}, {tr("orders"), number(c.orders)}};
    case FlowStage::Shard: {
        const FlowShardCounts s = c.shards.value(box.shard);
        return {{tr("records"), number(s.records)}, {tr("trimmed"), number(s.trimmed)}};
    }
    case FlowStage::Lane: {
        const FlowLaneCounts l = c.lanes.value(LaneKey(box.shard, box.lane));
        return {{tr("in flight"), number(static_cast<quint64>(l.inFlight))},
                {tr("retries"), number(l.retries)},
                {tr("state"), l.blocked ? tr("BLOCKED") : tr("flowing")}};
    }
    case FlowStage::Handler:
        return {{tr("invocations"), number(c.invocations)}, {tr("failures"), number(c.failures)}};
    case FlowStage::Cache:
        return {{tr("keys"), number(c.cacheKeys)},
                {tr("sets"), number(c.cacheSets)},
                {tr("expiries"), number(c.cacheExpiries)}};
    case FlowStage::Topics:
        return {{tr("publishes"), number(c.publishes)}};
    case FlowStage::Apps:
        return {{tr("Order app"), number(c.orderApp)}, {tr("Admin app"), number(c.adminApp)}};
    }
    return {};
}

QString title(const FlowBoxId &box)
{
    switch (box.stage) {
    case FlowStage::Table:
        return tr("Table");
    case FlowStage::Shard:
        return tr("Shard %1").arg(box.shard);
    case FlowStage::Lane:
        return tr("Lane %1.%2").arg(box.shard).arg(box.lane);
    case FlowStage::Handler:
        return tr("Handler");
    case FlowStage::Cache:
        return tr("Cache");
    case FlowStage::Topics:
        return tr("Topics");
    case FlowStage::Apps:
        return tr("Apps");
    }
    return {};
}

QStringList join(const FlowBoxId &box, const QList<QPair<QString, QString>> &lines, bool stacked)
{
    QStringList out{title(box)};
    for (const auto &[label, value] : lines) {
        if (stacked)
            out << value << label;
        else
            out << QStringLiteral("%1 %2").arg(value, label);
    }
    return out;
}
} // namespace

QList<FlowBoxId> flowBoxes(const FlowCounts &counts)
{
    QList<FlowBoxId> out{{FlowStage::Table}};
    QList<int> shards = counts.shards.keys();
    for (const LaneKey &l : counts.lanes.keys())
        if (!shards.contains(l.first))
            shards << l.first;
    std::sort(shards.begin(), shards.end());
    if (shards.isEmpty())
        shards << 0;
    for (int s : shards)
        out << FlowBoxId{FlowStage::Shard, s};
    QList<LaneKey> lanes = counts.lanes.keys();
    if (lanes.isEmpty())
        lanes << LaneKey(shards.first(), 0);
    for (const LaneKey &l : lanes)
        out << FlowBoxId{FlowStage::Lane, l.first, l.second};
    out << FlowBoxId{FlowStage::Handler} << FlowBoxId{FlowStage::Cache} << FlowBoxId{FlowStage::Topics};
    return out;
}

QStringList flowBoxLines(const FlowBoxId &box, const FlowCounts &counts, bool stacked)
{
    return join(box, pairs(box, counts), stacked);
}

QStringList flowBoxTemplate(const FlowBoxId &box, bool stacked, int digits)
{
    // The widest text a count shows: all nines up to 999,999 (number() writes larger counts shorter).
    const QString wide = number(static_cast<quint64>(std::pow(10.0, qBound(1, digits, 6))) - 1);
    auto lines = pairs(box, {});
    for (auto &[label, value] : lines)
        value = box.stage == FlowStage::Lane && label == tr("state") ? tr("BLOCKED") : wide;
    return join(box, lines, stacked);
}

} // namespace orderlab
