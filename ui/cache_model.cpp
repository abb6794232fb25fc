#include "cache_model.h"

#include "json_text.h"
#include "time_text.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace orderlab {

CacheModel::CacheModel(ValueProvider values, QObject *parent, int limit)
    : BatchTableModel({tr("Key"), tr("Value"), tr("Size"), tr("TTL left"), tr("Last writer"), tr("Written")}, limit,
                      parent),
      m_values(std::move(values)), m_rows([](const Row &r) { return r.change.key; })
{
    m_wall.start();
}

int CacheModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

QString CacheModel::ttlText(const Row &row) const
{
    if (row.leaving) {
        switch (row.change.change) {
        case CacheRow::Change::Expired:
            return tr("expired");
        case CacheRow::Change::Evicted:
            return tr("evicted");
        case CacheRow::Change::Deleted:
            return tr("deleted");
        case CacheRow::Change::Flushed:
            return tr("flushed");
        case CacheRow::Change::Set:
            break;
        }
        return tr("gone");
    }
    if (row.change.expiresAt <= 0)
        return tr("no TTL");
    const qint64 left = row.change.expiresAt - m_clock;
    return left > 0 ? QStringLiteral("%1 s").arg(static_cast<double>(left) / 1000.0, 0, 'f', 1) : tr("due");
}

QVariant CacheModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.rows.at(index.row());
    const CacheRow &c = row.change;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return c.key;
        case Value:
            if (row.leaving)
                return QString();
            if (!row.previewValid && m_values) {
                // Values can be megabytes (all-orders): only the start is needed for a preview.
                row.preview = json_text::preview(QString::fromUtf8(m_values(c.key).left(480)), 120);
                row.previewValid = true;
            }
            return row.preview;
        case Size:
            return QStringLiteral("%1 B").arg(c.size);
        case Ttl:
            return ttlText(row);
        case Writer:
            return c.writer;
        case Written:
            return time_text::clock(c.writtenAt);
        default:
            return {};
        }
    case Qt::BackgroundRole: {
        if (row.leaving)
            return QBrush(QColor(0xf4, 0xc7, 0xc3));
        const qint64 left = row.flashUntil - m_wall.elapsed();
        if (left > 0) {
            const int alpha = static_cast<int>(40 + 180 * left / qMax(1, m_flashMs));
            return QBrush(QColor(0xff, 0xd5, 0x4f, qBound(0, alpha, 255)));
        }
        return {};
    }
    case Qt::FontRole:
        if (row.leaving) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Size || index.column() == Ttl ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                               : QVariant();
    case KeyRole:
        return c.key;
    case LeavingRole:
        return row.leaving;
    case FlashingRole:
        return row.flashUntil > m_wall.elapsed();
    default:
        return {};
    }
}

void CacheModel::apply(const QList<CacheRow> &changes, qint64 clock)
{
    const qint64 now = m_wall.elapsed();
    QList<int> changed;
    QList<Row> added;
    QHash<QString, qsizetype> addedAt;
    auto update = [&](Row &row, const CacheRow &c) {
        if (c.change == CacheRow::Change::Set) {
            row.change = c;
            row.leaving = false;
            row.flashUntil = now + m_flashMs;
            row.previewValid = false;
        } else if (!row.leaving) {
            row.change.change = c.change;
            row.leaving = true;
            row.leaveAt = now + m_leaveMs;
        }
    };
    for (const CacheRow &c : changes) {
        if (c.change == CacheRow::Change::Flushed) {
            for (int i = 0; i < m_rows.size(); ++i) {
                update(m_rows.rows[i], c);
                changed << i;
            }
            added.clear();
            addedAt.clear();
            continue;
        }
        const int i = m_rows.indexOf(c.key);
        if (i >= 0) {
            update(m_rows.rows[i], c);
            changed << i;
        } else if (const auto a = addedAt.find(c.key); a != addedAt.end()) {
            update(added[*a], c);
        } else if (c.change == CacheRow::Change::Set) {
            addedAt.insert(c.key, added.size());
            Row row;
            update(row, c);
            added << row;
        }
    }
    if (!changed.isEmpty())
        m_flashing = true;
    announceChanged(changed);
    // A key that came and went within one batch still shows as leaving; only a full batch of them is trimmed.
    if (added.size() > limit())
        added = added.mid(added.size() - limit());
    std::reverse(added.begin(), added.end());
    if (!added.isEmpty())
        m_flashing = true;
    insertAtTop(static_cast<int>(added.size()), [&] { m_rows.prepend(std::move(added)); });
    applyLimit();
    tick(clock);
}

void CacheModel::tick(qint64 clock)
{
    const qint64 now = m_wall.elapsed();
    if (clock != m_clock) {
        m_clock = clock;
        announceColumn(Ttl);
    }
    QList<int> gone;
    QList<int> fading;
    bool stillFlashing = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.rows.at(i);
        if (row.leaving && row.leaveAt <= now)
            gone << i;
        if (m_flashing && row.flashUntil + 100 > now && !row.leaving) {
            fading << i;
            stillFlashing = true;
        }
    }
    m_flashing = stillFlashing;
    announceChanged(fading);
    removeRowSet(gone, [this](int first, int last) {
        m_rows.rows.remove(first, last - first + 1);
        m_rows.invalidate();
    });
}

void CacheModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.truncate(keep); });
}

void CacheModel::clear()
{
    beginResetModel();
    m_rows.rows.clear();
    m_rows.invalidate();
    endResetModel();
}

} // namespace orderlab
