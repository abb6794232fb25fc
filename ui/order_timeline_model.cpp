#include "order_timeline_model.h"

#include "notifications_model.h"
#include "time_text.h"

#include <QRegularExpression>

#include <algorithm>

namespace orderlab {

namespace {
const QLatin1String kSuffix("-status-updated");
}

OrderTimelineModel::OrderTimelineModel(NotificationsModel *source, QObject *parent, int limit)
    : BatchTableModel({tr("Order"), tr("Status"), tr("Timeline"), tr("Updates")}, limit, parent), m_source(source),
      m_rows([](const Row &r) { return r.pk; })
{
    connect(source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { sourceInserted(first, last); });
    connect(source, &QAbstractItemModel::modelReset, this, &OrderTimelineModel::reset);
}

int OrderTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

QVariant OrderTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.rows.at(index.row());
    if (role == PkRole)
        return row.pk;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Pk:
        return row.pk;
    case Status:
        return row.steps.isEmpty() ? QString() : row.steps.last().status;
    case Timeline: {
        QStringList parts;
        for (const Step &s : row.steps)
            parts << QStringLiteral("%1 %2").arg(s.status, time_text::clock(s.time));
        return parts.join(QStringLiteral(" \u2192 "));
    }
    case Updates:
        return static_cast<int>(row.steps.size());
    default:
        return {};
    }
}

void OrderTimelineModel::sourceInserted(int first, int last)
{
    static const QRegularExpression status(QStringLiteral("\"status\"\\s*:\\s*\"([^\"]*)\""));
    QList<int> changed;
    QList<Row> added;
    QHash<QString, qsizetype> addedAt;
    // The source inserts newest first: walk oldest to newest.
    for (int r = last; r >= first; --r) {
        const NotificationRow &n = m_source->notification(r);
        if (n.discontinuity || !n.topic.endsWith(kSuffix))
            continue;
        const QString pk = n.topic.chopped(kSuffix.size());
        const auto match = status.match(n.value);
        const Step step{match.hasMatch() ? match.captured(1) : n.value, n.time};
        const int i = m_rows.indexOf(pk);
        if (i >= 0) {
            m_rows.rows[i].steps << step;
            changed << i;
        } else if (const auto a = addedAt.find(pk); a != addedAt.end()) {
            added[*a].steps << step;
        } else {
            addedAt.insert(pk, added.size());
            added << Row{pk, {step}};
        }
    }
    announceChanged(changed);
    std::reverse(added.begin(), added.end());
    insertAtTop(static_cast<int>(added.size()), [&] { m_rows.prepend(std::move(added)); });
    applyLimit();
}

void OrderTimelineModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.truncate(keep); });
}

void OrderTimelineModel::reset()
{
    beginResetModel();
    m_rows.rows.clear();
    m_rows.invalidate();
    endResetModel();
}

} // namespace orderlab
