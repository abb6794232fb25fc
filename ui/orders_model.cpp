#include "orders_model.h"

#include "json_text.h"
#include "time_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace orderlab {

OrdersModel::OrdersModel(QObject *parent, int limit)
    : BatchTableModel({tr("Order"), tr("Status"), tr("Creator"), tr("Items"), tr("Updated")}, limit, parent),
      m_rows([](const Row &r) { return r.order.pk; })
{
}

int OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

QString OrdersModel::summary(const Row &row) const
{
    if (row.summarized)
        return row.itemsSummary;
    row.summarized = true;
    const QJsonDocument doc = QJsonDocument::fromJson(json_text::plainItems(row.order.itemJson).toUtf8());
    QStringList names;
    for (const QJsonValue &item : doc.array()) {
        const QJsonObject o = item.toObject();
        QString text = o.value(QLatin1String("name")).toString();
        if (const QString size = o.value(QLatin1String("size")).toString(); !size.isEmpty())
            text += QLatin1Char(' ') + size;
        names << (text.isEmpty()
                      ? json_text::preview(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)), 40)
                      : text);
    }
    row.itemsSummary =
        doc.isArray() ? QStringLiteral("%1: %2").arg(names.size()).arg(names.join(QStringLiteral(", "))) : QString();
    return row.itemsSummary;
}

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.rows.at(index.row());
    const OrderRow &o = row.order;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Pk:
            return o.pk;
        case Status:
            return o.status;
        case Creator:
            return o.creator;
        case Items:
            return summary(row);
        case Updated:
            return time_text::clock(o.updatedAt);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == Items ? json_text::plainItems(o.itemJson) : QVariant();
    case PkRole:
        return o.pk;
    case ItemJsonRole:
        return o.itemJson;
    case TraceIdRole:
        return QVariant::fromValue(o.traceId);
    default:
        return {};
    }
}

void OrdersModel::apply(const QList<OrderRow> &orders)
{
    QList<int> changed;
    QList<int> removed;
    QList<Row> added;
    QHash<QString, qsizetype> addedAt;
    for (const OrderRow &o : orders) {
        const int i = m_rows.indexOf(o.pk);
        if (o.deleted) {
            if (i >= 0)
                removed << i;
            else if (const auto a = addedAt.find(o.pk); a != addedAt.end())
                added[*a].order.deleted = true;
            continue;
        }
        if (i >= 0) {
            Row &row = m_rows.rows[i];
            row.order = o;
            row.summarized = false;
            changed << i;
        } else if (const auto a = addedAt.find(o.pk); a != addedAt.end()) {
            added[*a] = Row{o, {}, false};
        } else {
            addedAt.insert(o.pk, added.size());
            added << Row{o, {}, false};
        }
    }
    announceChanged(changed);
    removeRowSet(removed, [this](int first, int last) {
        m_rows.rows.remove(first, last - first + 1);
        m_rows.invalidate();
    });
    added.erase(std::remove_if(added.begin(), added.end(), [](const Row &r) { return r.order.deleted; }), added.end());
    std::reverse(added.begin(), added.end()); // newest on top
    insertAtTop(static_cast<int>(added.size()), [&] { m_rows.prepend(std::move(added)); });
    applyLimit();
}

void OrdersModel::applyLimit()
{
    trimToLimit([this](int keep) { m_rows.truncate(keep); });
}

void OrdersModel::clear()
{
    beginResetModel();
    m_rows.rows.clear();
    m_rows.invalidate();
    endResetModel();
}

int OrdersModel::rowOf(const QString &pk) const
{
    return m_rows.indexOf(pk);
}

const OrderRow &OrdersModel::order(int row) const
{
    return m_rows.rows.at(row).order;
}

} // namespace orderlab
