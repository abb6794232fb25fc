#include "trace_model.h"

#include "time_text.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace orderlab {

TraceModel::TraceModel(QObject *parent) : QAbstractTableModel(parent) {}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int TraceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const QStringList headers{tr("Step"),       tr("At"),     tr("+ms"),   tr("Took"),
                                     tr("Invocation"), tr("Result"), tr("Detail")};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < headers.size())
        return headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TraceLine &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Kind:
            return line.kind;
        case At:
            return time_text::clock(line.time);
        case Offset:
            return QStringLiteral("+%1").arg(line.time - m_lines.first().time);
        case Duration:
            return line.durationMs ? time_text::duration(line.durationMs) : QString();
        case Invocation:
            return line.invocationId ? QVariant::fromValue(line.invocationId) : QVariant(QString());
        case Result:
            return line.ok ? tr("ok") : tr("failed");
        case Detail:
            return line.detail;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == Detail ? line.detail : QVariant();
    case Qt::ForegroundRole:
        return index.column() == Result && !line.ok ? QBrush(Qt::red) : QVariant();
    default:
        return {};
    }
}

void TraceModel::setLines(QList<TraceLine> lines)
{
    std::stable_sort(lines.begin(), lines.end(),
                     [](const TraceLine &a, const TraceLine &b) { return a.time < b.time; });
    beginResetModel();
    m_lines = std::move(lines);
    endResetModel();
}

QStringList TraceModel::kinds() const
{
    QStringList out;
    for (const TraceLine &l : m_lines)
        out << l.kind;
    return out;
}

} // namespace orderlab
