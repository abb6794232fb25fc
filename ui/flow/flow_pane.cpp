#include "flow_pane.h"

#include "flow_model.h"
#include "flow_view.h"
#include "simulation_pane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace orderlab {

namespace {
const QList<double> kSpeeds{0.1, 0.25, 0.5, 1, 2, 5, 20};
}

FlowPane::FlowPane(FlowModel &model, SimulationPane &simulation, QWidget *parent)
    : QWidget(parent), m_model(model), m_simulation(simulation), m_view(new FlowView(model, this)),
      m_follow(new QLineEdit(this)), m_feed(new QCheckBox(tr("Demo feed"), this)), m_speed(new QComboBox(this))
{
    setObjectName(QStringLiteral("flowPane"));
    m_follow->setObjectName(QStringLiteral("flowFollow"));
    m_follow->setPlaceholderText(tr("order id"));
    m_follow->setClearButtonEnabled(true);
    m_follow->setToolTip(tr("Follow this order: its path and its changes are highlighted, the rest dimmed"));
    connect(m_follow, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_model.setFollowedOrder(text.trimmed()); });
    connect(&m_model, &FlowModel::changed, this, [this] {
        if (m_follow->text().trimmed() != m_model.followedOrder()) {
            const QSignalBlocker block(m_follow);
            m_follow->setText(m_model.followedOrder());
        }
    });
    auto *newest = new QPushButton(tr("Follow newest"), this);
    newest->setObjectName(QStringLiteral("flowFollowNewest"));
    connect(newest, &QPushButton::clicked, this, &FlowPane::followNewest);

    m_feed->setObjectName(QStringLiteral("flowFeed"));
    m_feed->setToolTip(tr("The demo feed: new orders and status changes at the Simulation pane's rate"));
    m_feed->setChecked(simulation.feedBox()->isChecked());
    connect(m_feed, &QCheckBox::toggled, simulation.feedBox(), &QCheckBox::setChecked);
    connect(simulation.feedBox(), &QCheckBox::toggled, m_feed, [this](bool on) {
        const QSignalBlocker block(m_feed);
        m_feed->setChecked(on);
    });

    auto *pause = new QToolButton(this);
    pause->setDefaultAction(simulation.pauseAction());
    auto *step = new QToolButton(this);
    step->setDefaultAction(simulation.stepAction());

    m_speed->setObjectName(QStringLiteral("flowSpeed"));
    m_speed->setToolTip(tr("Emulator seconds per real second (the Simulation pane's speed)"));
    for (double s : kSpeeds)
        m_speed->addItem(QStringLiteral("%1\u00d7").arg(s), s);
    connect(m_speed, &QComboBox::activated, this,
            [this](int i) { m_simulation.speedBox()->setValue(m_speed->itemData(i).toDouble()); });
    connect(simulation.speedBox(), &QDoubleSpinBox::valueChanged, this, &FlowPane::syncSpeed);
    syncSpeed(simulation.speedBox()->value());

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Follow order:"), this));
    controls->addWidget(m_follow, 1);
    controls->addWidget(newest);
    controls->addSpacing(fontMetrics().averageCharWidth() * 2);
    controls->addWidget(m_feed);
    controls->addWidget(pause);
    controls->addWidget(step);
    controls->addWidget(new QLabel(tr("Speed:"), this));
    controls->addWidget(m_speed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
}

QString FlowPane::followNewest()
{
    const QString pk = m_model.newestOrder();
    if (!pk.isEmpty())
        m_follow->setText(pk);
    return pk;
}

void FlowPane::syncSpeed(double speed)
{
    const QSignalBlocker block(m_speed);
    int index = m_speed->findData(speed);
    if (index < 0) { // a speed the Simulation pane set: shown as it is, in place of the last such one
        while (m_speed->count() > kSpeeds.size())
            m_speed->removeItem(m_speed->count() - 1);
        m_speed->addItem(speed > 0 ? QStringLiteral("%1\u00d7").arg(speed) : tr("as fast as possible"), speed);
        index = m_speed->count() - 1;
    }
    m_speed->setCurrentIndex(index);
}

} // namespace orderlab
