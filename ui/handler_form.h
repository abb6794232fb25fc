#pragma once

#include "live/world_hosting.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace orderlab {

class Confirmation;
class EmulatorController;

/// Why the Handler group's fields cannot run a process (the field named first), or empty when they can.
/// `directory` must be an existing folder; `command` and `handler` must not be blank.
QString handlerChoiceError(const HandlerProcessChoice &choice);

/**
 * The mapping settings' Handler group (docs/lambda-runtime.md, "In the window"): the function the mapping
 * invokes, core's handler in process or a process through the Lambda Runtime API (command, folder,
 * _HANDLER, memory), and the function's timeout. Fields are checked as the person types, the error shown
 * under them. Apply asks first, then restarts the emulator with the new handler (a new world: the
 * table, stream and cache start again). GUI thread; the controller outlives it.
 */
class HandlerForm : public QWidget
{
    Q_OBJECT
  public:
    explicit HandlerForm(EmulatorController &controller, QWidget *parent = nullptr);

    /// The process as edited, or none when the kind is core.
    std::optional<HandlerProcessChoice> choice() const;
    qint64 timeoutMs() const;
    QString note() const;
    QPushButton *applyButton() const { return m_apply; }
    Confirmation *confirmation() const { return m_confirm; }

  public slots:
    /// Loads the running emulator's handler and timeout into the fields.
    void load();
    /// Restarts with the fields' handler; returns the error shown (empty on success).
    QString apply();
    /// What the Apply button does: asks first, then apply().
    void askApply();

  private:
    void refresh();

    EmulatorController &m_controller;
    Confirmation *m_confirm;
    QComboBox *m_kind;
    QLineEdit *m_command;
    QLineEdit *m_directory;
    QPushButton *m_browse;
    QLineEdit *m_handler;
    QSpinBox *m_timeout;
    QSpinBox *m_memory;
    QLabel *m_note;
    QPushButton *m_apply;
    bool m_loading = false;
};

} // namespace orderlab
