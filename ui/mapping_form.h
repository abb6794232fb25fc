#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace orderlab {

class Confirmation;

class EmulatorController;
struct MappingConfig;

/**
 * The event source mapping's settings, editable: batch size, batching window, retries,
 * record age, bisect, parallelization, report-batch-item-failures, view type, starting
 * position, filters. Each field shows, right under it, the validation error or the spec's
 * warning that applies to it (MappingConfig::validate / warnings), as the user types.
 * Apply restarts the emulator with the new mapping.
 */
class MappingForm : public QWidget
{
    Q_OBJECT
  public:
    explicit MappingForm(EmulatorController &controller, QWidget *parent = nullptr);

    /// The configuration as edited (not yet applied).
    MappingConfig config() const;
    QString viewType() const;
    /// Loads the running emulator's mapping into the fields.
    void load();
    /// The message shown under a field (objectName of the field's label, e.g. "batchSizeNote").
    QString note(const QString &field) const;
    QPushButton *applyButton() const { return m_apply; }

  public slots:
    QString apply();
    /// What the Apply button does: asks first (issue 12, item 13), then apply().
    void askApply();
    Confirmation *confirmation() const { return m_confirm; }

  private:
    Confirmation *m_confirm = nullptr;
    void refresh();
    QLabel *noteLabel(const QString &name);

    EmulatorController &m_controller;
    QSpinBox *m_batchSize;
    QSpinBox *m_window;
    QSpinBox *m_retries;
    QSpinBox *m_recordAge;
    QCheckBox *m_bisect;
    QSpinBox *m_parallel;
    QCheckBox *m_report;
    QComboBox *m_viewType;
    QComboBox *m_start;
    QPlainTextEdit *m_filters;
    QLabel *m_result;
    QPushButton *m_apply;
    QList<QLabel *> m_notes;
    bool m_loading = false;
};

} // namespace orderlab
