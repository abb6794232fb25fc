#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace orderlab {

class CacheModel;
class LiveEmulator;

/**
 * Cache: every key of the `pizza` cache with value, size, remaining TTL (counting down on
 * the emulator clock), last writer; changed keys flash, leaving keys show why they leave.
 * The selected key's value is shown as pretty JSON, selectable and copyable. Filter by key.
 */
class CachePane : public QWidget
{
    Q_OBJECT
  public:
    explicit CachePane(LiveEmulator &emulator, QWidget *parent = nullptr);

    CacheModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// Selects `key`; false if it is not shown.
    bool selectKey(const QString &key);
    QString valueText() const;
    /// The detail's heading: the key, the item's size and the value's.
    QString keyText() const;
    /// "N keys in the cache", "N of M keys shown", with " · K leaving" for rows on their way out.
    QString countText() const;

  public slots:
    void applyBatch(const orderlab::EmulatorBatch &batch);
    void clear();
    /// Copies the selected key's pretty value to the clipboard.
    void copyValue();

  private:
    void showValue();
    void updateCount();

    LiveEmulator &m_emulator;
    CacheModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count;
    QLabel *m_keyLabel;
    QPlainTextEdit *m_value;
    QString m_shownKey;
    quint64 m_totalKeys = 0;
};

} // namespace orderlab
