#include "faults_pane.h"

#include "emulator_controller.h"
#include "saying_spin_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace orderlab {

namespace {
const char *const kOperations[] = {"cache.get", "cache.set", "cache.delete", "topic.publish", "handler"};
}

FaultsPane::FaultsPane(EmulatorController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_active(new QLabel(this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("faultsPane"));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(4);
    const QStringList headers{tr("Operation"), tr("Fail rate"), tr("Next N"), tr("Latency")};
    for (int c = 0; c < headers.size(); ++c)
        grid->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(headers.at(c)), this), 0, c);
    int row = 1;
    for (const char *name : kOperations) {
        const QString op = QString::fromLatin1(name);
        auto *rate = new SayingDoubleSpinBox(this);
        auto *next = new SayingIntSpinBox(this);
        auto *latency = new SayingIntSpinBox(this);
        auto say = [this](const QString &sentence) { m_message->setText(sentence); };
        rate->sayClampsTo(tr("%1 fail rate").arg(op), say);
        next->sayClampsTo(tr("%1 next N").arg(op), say);
        latency->sayClampsTo(tr("%1 latency").arg(op), say);
        Fields f{rate, next, latency, nullptr};
        f.rate->setRange(0, 1);
        f.rate->setSingleStep(0.05);
        f.rate->setDecimals(2);
        f.rate->setObjectName(op + QStringLiteral(".rate"));
        f.next->setRange(0, 1000000); // the ranges FaultRule::parse takes
        f.next->setObjectName(op + QStringLiteral(".next"));
        f.latency->setRange(0, 3600000);
        f.latency->setSuffix(tr(" ms"));
        f.latency->setObjectName(op + QStringLiteral(".latency"));
        grid->addWidget(new QLabel(op, this), row, 0);
        grid->addWidget(f.rate, row, 1);
        grid->addWidget(f.next, row, 2);
        grid->addWidget(f.latency, row, 3);
        if (op == QLatin1String("handler")) {
            f.mode = new QComboBox(this);
            f.mode->addItems({QStringLiteral("throw"), QStringLiteral("timeout")});
            f.mode->setToolTip(tr("A failing handler call throws, or runs into the function timeout"));
            grid->addWidget(f.mode, row + 1, 1, 1, 2);
        }
        auto *set = new QToolButton(this);
        set->setText(tr("Set"));
        set->setObjectName(op + QStringLiteral(".set"));
        auto *clear = new QToolButton(this);
        clear->setText(tr("Clear"));
        clear->setObjectName(op + QStringLiteral(".clear"));
        grid->addWidget(set, row, 4);
        grid->addWidget(clear, row, 5);
        connect(set, &QToolButton::clicked, this, [this, op] {
            const Fields &fields = m_fields[op];
            setFault(op, fields.rate->value(), fields.next->value(), fields.latency->value());
        });
        connect(clear, &QToolButton::clicked, this, [this, op] { clearFault(op); });
        m_fields.insert(op, f);
        row += f.mode ? 2 : 1;
    }
    m_active->setObjectName(QStringLiteral("activeFaults"));
    m_active->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("faultsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(grid);
    layout->addWidget(m_active);
    layout->addWidget(m_message);
    layout->addStretch(1);
    connect(&controller, &EmulatorController::restarted, this, &FaultsPane::reapply);
    refresh();
}

QString FaultsPane::setFault(const QString &op, double rate, int next, int latencyMs)
{
    QString spec = QStringLiteral("p=%1").arg(rate);
    if (next > 0)
        spec += QStringLiteral(",next=%1").arg(next);
    if (latencyMs > 0)
        spec += QStringLiteral(",latency=%1ms").arg(latencyMs);
    if (const Fields f = m_fields.value(op); f.mode)
        spec += QStringLiteral(",mode=") + f.mode->currentText();
    const QString error = m_controller.emulator().setFault(op, spec);
    m_message->setText(error);
    if (error.isEmpty())
        m_applied.insert(op, spec);
    refresh();
    return error;
}

void FaultsPane::clearFault(const QString &op)
{
    m_controller.emulator().clearFault(op);
    m_applied.remove(op);
    // The fields go with the fault: a cleared row shows no rate that is not in force (issue 12, item 6).
    if (const Fields f = m_fields.value(op); f.rate) {
        f.rate->setValue(0);
        f.next->setValue(0);
        f.latency->setValue(0);
        if (f.mode)
            f.mode->setCurrentIndex(0);
    }
    m_message->clear();
    refresh();
}

void FaultsPane::reapply()
{
    for (auto it = m_applied.begin(); it != m_applied.end(); ++it)
        m_controller.emulator().setFault(it.key(), it.value());
    refresh();
}

QString FaultsPane::activeText() const
{
    return m_active->text();
}

void FaultsPane::refresh()
{
    const QStringList faults = m_controller.emulator().faultDescriptions();
    m_active->setText(faults.isEmpty() ? tr("No faults injected.")
                                       : tr("Active:\n%1").arg(faults.join(QLatin1Char('\n'))));
}

} // namespace orderlab
