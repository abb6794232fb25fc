#pragma once

#include "batch_table_model.h"
#include "keyed_rows.h"
#include "live/emulator_batch.h"

#include <QElapsedTimer>

#include <functional>

namespace orderlab {

/**
 * The `pizza` cache's keys, newest first: value preview, size, remaining TTL on the emulator
 * clock, last writer. A key that changes flashes for `flashMs`; a key that is deleted,
 * expires or is flushed stays `leaveMs` marked as leaving, then leaves.
 *
 * Values are read lazily through the value provider (only for rows a view shows).
 */
class CacheModel : public BatchTableModel
{
  public:
    enum Column { Key, Value, Size, Ttl, Writer, Written, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, LeavingRole, FlashingRole };
    using ValueProvider = std::function<QByteArray(const QString &key)>;

    explicit CacheModel(ValueProvider values, QObject *parent = nullptr, int limit = 5000);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Applies one batch's cache changes, then tick(clock).
    void apply(const QList<CacheRow> &changes, qint64 clock);
    /// Moves the TTL clock, ends flashes and removes keys that have finished leaving.
    void tick(qint64 clock);
    void clear();
    int rowOf(const QString &key) const { return m_rows.indexOf(key); }
    QString keyAt(int row) const { return m_rows.rows.at(row).change.key; }
    bool leaving(int row) const { return m_rows.rows.at(row).leaving; }

    void setFlashMs(int ms) { m_flashMs = ms; }
    void setLeaveMs(int ms) { m_leaveMs = ms; }

  protected:
    void applyLimit() override;

  private:
    struct Row
    {
        CacheRow change;
        qint64 flashUntil = 0; ///< wall ms (m_wall)
        bool leaving = false;
        qint64 leaveAt = 0; ///< wall ms
        mutable QString preview;
        mutable bool previewValid = false;
    };
    QString ttlText(const Row &row) const;

    ValueProvider m_values;
    KeyedRows<QString, Row> m_rows;
    QElapsedTimer m_wall;
    qint64 m_clock = 0;
    int m_flashMs = 1000;
    int m_leaveMs = 1500;
    bool m_flashing = false;
};

} // namespace orderlab
