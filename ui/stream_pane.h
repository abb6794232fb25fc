#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QStringListModel;
class QTableView;
class QTimer;

namespace orderlab {

class EmulatorController;
class LanesModel;
class HandlerForm;
class MappingForm;
class RecordsModel;

/**
 * Stream and mapping: the records per shard (sequence number, event, size, age), the
 * mapping's lanes (checkpoint, batch in flight, retries, blocked shards, poison records),
 * the failure list, the warnings, and the mapping's settings.
 */
class StreamPane : public QWidget
{
    Q_OBJECT
  public:
    explicit StreamPane(EmulatorController &controller, QWidget *parent = nullptr);

    RecordsModel *recordsModel() const { return m_records; }
    LanesModel *lanesModel() const { return m_lanes; }
    QStringListModel *failuresModel() const { return m_failures; }
    QStringListModel *warningsModel() const { return m_warnings; }
    MappingForm *mappingForm() const { return m_mapping; }
    HandlerForm *handlerForm() const { return m_handler; }
    QTableView *recordsView() const { return m_recordsView; }
    QLabel *trimMarker() const { return m_trimMarker; }
    /// Shows only shard `shard` (-1: all).
    void setShard(int shard);

  public slots:
    void applyBatch(const orderlab::EmulatorBatch &batch);
    void clear();
    /// Reads the lanes and the failure list (also done by a timer).
    void poll();

  signals:
    void recordSelected(const orderlab::RecordRow &record);

  private:
    void updateShards(int shards);

    EmulatorController &m_controller;
    RecordsModel *m_records;
    QSortFilterProxyModel *m_shardFilter;
    LanesModel *m_lanes;
    QStringListModel *m_failures;
    QStringListModel *m_warnings;
    MappingForm *m_mapping;
    HandlerForm *m_handler;
    QTableView *m_recordsView;
    QTableView *m_lanesView;
    QListView *m_failuresView;
    QPlainTextEdit *m_failureDetail;
    QLabel *m_failuresSummary;
    QComboBox *m_shard;
    QLabel *m_lanesSummary;
    QLabel *m_trimMarker; ///< how many records the stream trimmed, and why; hidden while none

    QTimer *m_poll;
    int m_failureCount = -1;
    void showFailureCount(int count);
};

} // namespace orderlab
