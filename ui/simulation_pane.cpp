#include "simulation_pane.h"

#include "confirmation.h"
#include "emulator_controller.h"
#include "saying_spin_box.h"
#include "time_text.h"

#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace orderlab {

SimulationPane::SimulationPane(EmulatorController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_clock(new QLabel(this)), m_state(new QLabel(this)),
      m_pause(new QAction(tr("&Pause"), this)), m_step(new QAction(tr("S&tep"), this)),
      m_restart(new QAction(tr("&Restart"), this)), m_stepMs(new SayingIntSpinBox(this)),
      m_speed(new SayingDoubleSpinBox(this)), m_feed(new QCheckBox(tr("feed orders"), this)),
      m_rate(new SayingDoubleSpinBox(this)), m_seed(new SayingIntSpinBox(this)), m_shards(new SayingIntSpinBox(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("simulationPane"));
    m_confirm = new Confirmation(this);
    const LiveEmulator::Settings s = controller.emulator().settings();
    m_clock->setObjectName(QStringLiteral("clock"));
    QFont big = m_clock->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_clock->setFont(big);
    m_clock->setText(time_text::clock(0));
    m_clock->setToolTip(tr("The emulator's clock: TTLs, batching windows, record ages and retries read it"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pause->setToolTip(tr("Pause or resume the emulator clock (Ctrl+P)"));
    m_step->setShortcut(QKeySequence(Qt::Key_F10));
    m_step->setToolTip(tr("While paused: advance the clock by the step (F10)"));
    m_step->setEnabled(false);
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_restart->setToolTip(tr("Start again with this seed and shard count (Ctrl+Shift+R)"));
    m_stepMs->setRange(1, 600000);
    m_stepMs->setValue(1000);
    m_stepMs->setSuffix(tr(" ms"));
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(0, 1000);
    m_speed->setDecimals(2);
    m_speed->setValue(s.speed);
    m_speed->setSuffix(QStringLiteral("\u00d7"));
    m_speed->setSpecialValueText(tr("as fast as possible"));
    m_speed->setToolTip(tr("Emulator seconds per real second"));
    m_feed->setObjectName(QStringLiteral("feed"));
    m_feed->setChecked(s.demo);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0.1, 10000);
    m_rate->setDecimals(1);
    m_rate->setValue(s.writesPerSecond);
    m_rate->setSuffix(tr(" writes/s"));
    m_rate->setToolTip(tr("Table writes per emulator second: new orders, status changes, edits, cancellations"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(s.seed));
    m_shards->setRange(1, 64);
    m_shards->setValue(s.shards);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    auto say = [this](const QString &sentence) { m_message->setText(sentence); };
    static_cast<SayingIntSpinBox *>(m_stepMs)->sayClampsTo(tr("Step"), say);
    static_cast<SayingDoubleSpinBox *>(m_speed)->sayClampsTo(tr("Speed"), say);
    static_cast<SayingDoubleSpinBox *>(m_rate)->sayClampsTo(tr("Orders"), say);
    static_cast<SayingIntSpinBox *>(m_seed)->sayClampsTo(tr("Seed"), say);
    static_cast<SayingIntSpinBox *>(m_shards)->sayClampsTo(tr("Shards"), say);

    auto button = [this](QAction *a) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    auto *controls = new QHBoxLayout;
    controls->addWidget(button(m_pause));
    controls->addWidget(button(m_step));
    controls->addWidget(m_stepMs);
    controls->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("Speed"), m_speed);
    auto *feedRow = new QHBoxLayout;
    feedRow->addWidget(m_feed);
    feedRow->addWidget(m_rate, 1);
    form->addRow(tr("Orders"), feedRow);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Shards"), m_shards);
    auto *clockRow = new QHBoxLayout;
    clockRow->addWidget(m_clock);
    clockRow->addWidget(m_state, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(clockRow);
    layout->addLayout(controls);
    layout->addLayout(form);
    layout->addWidget(button(m_restart));
    layout->addWidget(m_message);
    layout->addStretch(1);

    LiveEmulator &e = controller.emulator();
    connect(m_pause, &QAction::toggled, this, [this, &e](bool paused) {
        e.setPaused(paused);
        m_step->setEnabled(paused);
        m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    });
    connect(m_step, &QAction::triggered, this, [this, &e] { e.step(m_stepMs->value()); });
    connect(m_restart, &QAction::triggered, this, &SimulationPane::askRestart);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, [&e](double v) { e.setSpeed(v); });
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, [&e](double v) { e.setWritesPerSecond(v); });
    connect(m_feed, &QCheckBox::toggled, this, [&e](bool on) { e.setFeeding(on); });
    connect(&e, &LiveEmulator::batchReady, this, &SimulationPane::applyBatch);
}

QString SimulationPane::clockText() const
{
    return m_clock->text();
}

LiveEmulator::Settings SimulationPane::settings() const
{
    LiveEmulator::Settings s = m_controller.emulator().settings();
    s.seed = static_cast<quint64>(m_seed->value());
    s.shards = m_shards->value();
    s.speed = m_speed->value();
    s.writesPerSecond = m_rate->value();
    s.demo = m_feed->isChecked();
    return s;
}

void SimulationPane::applyBatch(const EmulatorBatch &batch)
{
    const EmulatorStatus &s = batch.status;
    m_clock->setText(time_text::clock(s.clock));
    m_state->setText(s.paused       ? tr("paused")
                     : s.speed == 0 ? tr("running flat out")
                     : s.behind
                         ? tr("asked %1\u00d7, achieving about %2\u00d7").arg(s.speed).arg(s.achievedSpeed, 0, 'g', 3)
                         : tr("running at %1\u00d7").arg(s.speed));
    m_state->setStyleSheet(s.behind && !s.paused ? QStringLiteral("color: #8a5a00") : QString());
    m_state->setToolTip(s.behind ? tr("The machine cannot run the events due at this speed and rate; the clock "
                                      "runs as fast as it can instead of piling work up")
                                 : QString());
    if (m_feed->isChecked() != s.feeding) {
        const QSignalBlocker block(m_feed);
        m_feed->setChecked(s.feeding);
    }
    // A handler process runs at 1x: its timeouts are wall time (LiveEmulator::Settings::handler).
    m_speed->setEnabled(!s.handlerProcess);
    m_speed->setToolTip(s.handlerProcess ? tr("A handler process runs on the real clock at 1\u00d7: its timeout is "
                                              "wall time. Choose the built-in core to change the speed.")
                                         : tr("Emulator seconds per real second"));
    if (s.handlerProcess && m_speed->value() != 1) {
        const QSignalBlocker block(m_speed);
        m_speed->setValue(1);
    }
}

QString SimulationPane::stateText() const
{
    return m_state->text();
}

QString SimulationPane::message() const
{
    return m_message->text();
}

void SimulationPane::askRestart()
{
    const LiveEmulator::Settings s = settings();
    m_confirm->ask(QStringLiteral("restart"), tr("Restart the emulator?"),
                   tr("The table, its stream, the mapping's progress, the cache and every message received are "
                      "discarded; a new world starts with seed %1 and %2.")
                       .arg(s.seed)
                       .arg(s.shards == 1 ? tr("1 shard") : tr("%1 shards").arg(s.shards)),
                   tr("Restart"), [this] { restart(); });
}

QString SimulationPane::restart()
{
    const bool paused = m_pause->isChecked();
    const QString error = m_controller.restart(settings());
    m_message->setText(error);
    if (paused)
        m_controller.emulator().setPaused(true);
    return error;
}

} // namespace orderlab
