#include "scenario_panel.h"

#include "json_diff_dialog.h"
#include "scenario_player.h"
#include "scenario_writer.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace orderlab {

using namespace scenario;

namespace {
const QColor kPassed(200, 240, 200);
const QColor kFailed(250, 200, 200);

QString stepText(const Step &s)
{
    QString when;
    if (s.timing == Step::Timing::At)
        when = QStringLiteral("at %1").arg(QString::fromStdString(durationText(s.timeMs)));
    else if (s.timeMs > 0)
        when = QStringLiteral("after %1").arg(QString::fromStdString(durationText(s.timeMs)));
    QString what;
    switch (s.kind) {
    case Step::Kind::Command:
        what = QString::fromStdString(s.command.toJson());
        if (!s.expectedError.empty())
            what += QStringLiteral(" (must fail: %1)").arg(QString::fromStdString(s.expectedError));
        break;
    case Step::Kind::Api:
        what = QStringLiteral("DynamoDB %1 %2")
                   .arg(QString::fromStdString(s.apiOperation), QString::fromStdString(s.apiRequest));
        if (!s.expectedError.empty())
            what += QStringLiteral(" (must fail: %1)").arg(QString::fromStdString(s.expectedError));
        break;
    case Step::Kind::Wait:
        what = QStringLiteral("wait %1").arg(QString::fromStdString(durationText(s.waitMs)));
        break;
    case Step::Kind::WaitDrained:
        what = QStringLiteral("wait until drained");
        break;
    case Step::Kind::Expect:
        what = QStringLiteral("expect (%1)").arg(s.expectations.size());
        break;
    }
    return when.isEmpty() ? what : when + QStringLiteral("  ") + what;
}
} // namespace

ScenarioPanel::ScenarioPanel(ScenarioPlayer &player, QWidget *parent)
    : QWidget(parent), m_player(player), m_title(new QLabel(this)), m_status(new QLabel(this)),
      m_step(new QPushButton(tr("Step"), this)), m_run(new QPushButton(tr("Run"), this)),
      m_pause(new QPushButton(tr("Pause"), this)), m_speed(new QComboBox(this)), m_steps(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("scenarioPanel"));
    m_title->setObjectName(QStringLiteral("scenarioTitle"));
    m_title->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("scenarioStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_step->setObjectName(QStringLiteral("scenarioStep"));
    m_run->setObjectName(QStringLiteral("scenarioRun"));
    m_pause->setObjectName(QStringLiteral("scenarioPause"));
    m_speed->setObjectName(QStringLiteral("scenarioSpeed"));
    m_speed->setToolTip(tr("The speed Run goes at, in emulator seconds per wall second"));
    m_speed->addItem(tr("×1"), 1.0);
    m_speed->addItem(tr("×10"), 10.0);
    m_speed->addItem(tr("×100"), 100.0);
    m_speed->addItem(tr("as fast as possible"), 0.0);
    m_speed->setCurrentIndex(1);
    m_steps->setObjectName(QStringLiteral("scenarioSteps"));
    m_steps->setHeaderLabels({tr("#"), tr("Step / expectation")});
    m_steps->header()->setStretchLastSection(true);
    m_steps->setColumnWidth(0, 50);
    m_steps->setUniformRowHeights(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_step);
    buttons->addWidget(m_run);
    buttons->addWidget(m_speed);
    buttons->addWidget(m_pause);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_status);

    connect(m_step, &QPushButton::clicked, &m_player, &ScenarioPlayer::step);
    connect(m_run, &QPushButton::clicked, this, [this] { m_player.run(speed()); });
    connect(m_pause, &QPushButton::clicked, &m_player, &ScenarioPlayer::pause);
    connect(&m_player, &ScenarioPlayer::opened, this, &ScenarioPanel::fill);
    connect(&m_player, &ScenarioPlayer::stepStarted, this, &ScenarioPanel::markCurrent);
    connect(&m_player, &ScenarioPlayer::stepFinished, this, [this](int step) { markCurrent(step + 1); });
    connect(&m_player, &ScenarioPlayer::expectationChecked, this, &ScenarioPanel::checked);
    connect(&m_player, &ScenarioPlayer::ended, this, &ScenarioPanel::showEnded);
    connect(m_steps, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (item->data(1, StateRole).toString() == QLatin1String("failed"))
            openDiff(item->data(1, ResultRole).toInt());
    });
    m_title->setText(tr("No scenario open: Scenario > Open scenario…"));
}

double ScenarioPanel::speed() const
{
    return m_speed->currentData().toDouble();
}

void ScenarioPanel::fill()
{
    m_steps->clear();
    const Scenario &s = m_player.scenario();
    m_title->setText(
        QStringLiteral("<b>%1</b> — %2")
            .arg(QString::fromStdString(s.name).toHtmlEscaped(), QString::fromStdString(s.file).toHtmlEscaped()));
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const Step &st = s.steps[i];
        auto *item = new QTreeWidgetItem(m_steps, {QString::number(i + 1), stepText(st)});
        item->setToolTip(1, QString::fromStdString(st.place.text()));
        for (const auto &e : st.expectations) {
            auto *child = new QTreeWidgetItem(item, {QString(), QString::fromStdString(e.describe())});
            child->setData(1, StateRole, QStringLiteral("pending"));
            child->setData(1, ResultRole, -1);
            child->setToolTip(1, QString::fromStdString(e.place.text()));
        }
        item->setExpanded(true);
    }
    m_status->setText(tr("%n step(s); press Step or Run.", nullptr, static_cast<int>(s.steps.size())));
    markCurrent(0);
}

void ScenarioPanel::markCurrent(int step)
{
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(i);
        QFont f = item->font(1);
        f.setBold(i == step);
        item->setFont(1, f);
        item->setText(0, (i == step ? QStringLiteral("▶ ") : QString()) + QString::number(i + 1));
    }
    if (QTreeWidgetItem *item = m_steps->topLevelItem(step))
        m_steps->scrollToItem(item);
}

void ScenarioPanel::checked(int result)
{
    const ExpectationResult &r = m_player.results().at(static_cast<std::size_t>(result));
    QTreeWidgetItem *step = m_steps->topLevelItem(static_cast<int>(r.step));
    if (!step)
        return;
    for (int i = 0; i < step->childCount(); ++i) {
        QTreeWidgetItem *child = step->child(i);
        if (child->data(1, ResultRole).toInt() >= 0)
            continue;
        const bool passed = r.passed;
        child->setData(1, ResultRole, result);
        child->setData(1, StateRole, passed ? QStringLiteral("passed") : QStringLiteral("failed"));
        child->setBackground(1, passed ? kPassed : kFailed);
        child->setText(0, passed ? QStringLiteral("✓") : QStringLiteral("✗"));
        if (!passed)
            child->setToolTip(1, QString::fromStdString(r.report()) + tr("\nDouble-click for the diff."));
        return;
    }
}

void ScenarioPanel::showEnded()
{
    markCurrent(-1);
    int passed = 0, failed = 0;
    for (const auto &r : m_player.results())
        (r.passed ? passed : failed)++;
    const QString counts = tr("%1 expectation(s) held, %2 did not.").arg(passed).arg(failed);
    if (!m_player.error().isEmpty())
        m_status->setText(tr("Stopped: %1 %2").arg(m_player.error(), counts));
    else
        m_status->setText(tr("Done. %1").arg(counts));
}

void ScenarioPanel::showLoadError(const QString &error)
{
    m_steps->clear();
    m_title->setText(tr("The scenario could not be opened"));
    m_status->setText(error);
}

JsonDiffDialog *ScenarioPanel::openDiff(int result)
{
    if (result < 0 || result >= static_cast<int>(m_player.results().size()))
        return nullptr;
    if (m_diff)
        m_diff->close();
    m_diff = new JsonDiffDialog(m_player.results().at(static_cast<std::size_t>(result)), this);
    m_diff->setAttribute(Qt::WA_DeleteOnClose);
    m_diff->show();
    return m_diff;
}

} // namespace orderlab
