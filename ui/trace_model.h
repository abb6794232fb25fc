#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace orderlab {

/// One link of a causal chain as the Trace pane shows it.
struct TraceLine
{
    QString kind;    ///< table write, stream record, invocation started, cache call, publish, delivery…
    qint64 time = 0; ///< emulator ms
    qint64 durationMs = 0;
    quint64 invocationId = 0;
    bool ok = true;
    QString detail;
};

/// A causal chain (table change → record → invocations → cache calls → publishes → deliveries), in time order.
class TraceModel : public QAbstractTableModel
{
  public:
    enum Column { Kind, At, Offset, Duration, Invocation, Result, Detail, ColumnCount };

    explicit TraceModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Replaces the chain (sorted by time, stable).
    void setLines(QList<TraceLine> lines);
    const QList<TraceLine> &lines() const { return m_lines; }
    QStringList kinds() const;

  private:
    QList<TraceLine> m_lines;
};

} // namespace orderlab
