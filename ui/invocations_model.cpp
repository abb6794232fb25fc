#include "invocations_model.h"

#include "json_text.h"
#include "time_text.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace orderlab {

InvocationsModel::InvocationsModel(QObject *parent, int limit)
    : BatchTableModel({tr("#"), tr("Shard"), tr("Lane"), tr("Attempt"), tr("Records"), tr("Started"), tr("Duration"),
                       tr("Result"), tr("Response / error")},
                      limit, parent),
      m_rows([](const InvocationRow &r) { return r.id; })
{
}

int InvocationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

bool InvocationsModel::failed(const InvocationRow &row)
{
    return row.finished && row.outcome != QLatin1String("success");
}

QVariant InvocationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InvocationRow &r = m_rows.rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return QVariant::fromValue(r.id);
        case Shard:
            return r.shard;
        case Lane:
            return r.lane;
        case Attempt:
            return r.redelivery ? QStringLiteral("%1 (redelivery)").arg(r.attempt) : QString::number(r.attempt);
        case Records:
            return static_cast<int>(r.sequenceNumbers.size());
        case Started:
            return time_text::clock(r.startedAt);
        case Duration:
            return r.finished ? time_text::duration(r.finishedAt - r.startedAt) : tr("running");
        case Result:
            return r.finished ? r.outcome : tr("running");
        case Response:
            return json_text::preview(r.response, 200);
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == Result && r.finished)
            return QBrush(failed(r) ? (r.outcome.startsWith(QLatin1String("partial")) ? QColor(0xb3, 0x6b, 0x00)
                                                                                      : QColor(Qt::red))
                                    : QColor(0x1b, 0x7f, 0x3b));
        return {};
    case Qt::ToolTipRole:
        return index.column() == Response ? json_text::pretty(r.response) : QVariant();
    case IdRole:
        return QVariant::fromValue(r.id);
    case FailedRole:
        return failed(r);
    default:
        return {};
    }
}

void InvocationsModel::apply(const QList<InvocationRow> &invocations)
{
    QList<int> changed;
    QList<InvocationRow> added;
    QHash<quint64, qsizetype> addedAt;
    for (const InvocationRow &inv : invocations) {
        const int i = m_rows.indexOf(inv.id);
        if (i >= 0) {
            InvocationRow &row = m_rows.rows[i];
            const qint64 started = row.startedAt;
            row = inv;
            if (inv.finished && started)
                row.startedAt = started;
            changed << i;
        } else if (const auto a = addedAt.find(inv.id); a != addedAt.end()) {
            const qint64 started = added[*a].startedAt;
            added[*a] = inv;
            if (started)
                added[*a].startedAt = started;
        } else {
            addedAt.insert(inv.id, added.size());
            added << inv;
            if (inv.finished && !inv.startedAt)
                added.last().startedAt = inv.finishedAt;
        }
    }
    announceChanged(changed);
    if (added.size() > limit())
        added = added.mid(added.size() - limit());
    std::reverse(added.begin(), added.end());
    insertAtTop(static_cast<int>(added.size()), [&] { m_rows.prepend(std::move(added)); });
    applyLimit();
}

void InvocationsModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.truncate(keep); });
}

void InvocationsModel::clear()
{
    beginResetModel();
    m_rows.rows.clear();
    m_rows.invalidate();
    endResetModel();
}

} // namespace orderlab
