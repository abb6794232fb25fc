#pragma once

#include "live/emulator_batch.h"

#include <QWidget>

class QCheckBox;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace orderlab {

class InvocationsModel;
class LiveEmulator;

/// Invocations: every handler call with its records, duration, result, batchItemFailures and errors.
class InvocationsPane : public QWidget
{
    Q_OBJECT
  public:
    explicit InvocationsPane(LiveEmulator &emulator, QWidget *parent = nullptr);

    InvocationsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

  public slots:
    void applyBatch(const orderlab::EmulatorBatch &batch);
    void clear();

  signals:
    void invocationSelected(const orderlab::InvocationRow &invocation);

  private:
    void showDetail(const QModelIndex &current);

    InvocationsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QCheckBox *m_failuresOnly;
    QPlainTextEdit *m_detail;
};

} // namespace orderlab
