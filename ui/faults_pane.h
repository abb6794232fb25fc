#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace orderlab {

class EmulatorController;

/**
 * Faults: per operation (cache get / set / delete, topic publish, the handler itself) a
 * failure rate, the next N calls failing, and added latency; set and clear. Rules survive
 * a restart (they are set again on the new pipeline).
 */
class FaultsPane : public QWidget
{
    Q_OBJECT
  public:
    explicit FaultsPane(EmulatorController &controller, QWidget *parent = nullptr);

    /// Sets a fault on `op` from the fields' values; returns the emulator's error or empty.
    QString setFault(const QString &op, double rate, int next, int latencyMs);
    void clearFault(const QString &op);
    QString activeText() const;

  private:
    struct Fields
    {
        QDoubleSpinBox *rate;
        QSpinBox *next;
        QSpinBox *latency;
        QComboBox *mode; ///< handler only
    };
    void refresh();
    void reapply();

    EmulatorController &m_controller;
    QMap<QString, Fields> m_fields;
    QMap<QString, QString> m_applied; // op -> spec
    QLabel *m_active;
    QLabel *m_message;
};

} // namespace orderlab
