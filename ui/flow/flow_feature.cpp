#include "flow_feature.h"

#include "charts/charts_model.h"
#include "charts/charts_pane.h"
#include "emulator_controller.h"
#include "flow_model.h"
#include "flow_pane.h"
#include "live/live_emulator.h"
#include "presentation_window.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>

namespace orderlab {

namespace {
QDockWidget *makeDock(QMainWindow &window, const QString &title, const QString &name, QWidget *pane)
{
    auto *d = new QDockWidget(title, &window);
    d->setObjectName(name);
    d->setWidget(pane);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    return d;
}
} // namespace

FlowFeature::FlowFeature(QMainWindow &window, LiveEmulator &emulator, EmulatorController &controller,
                         SimulationPane &simulation)
    : QObject(&window), m_window(window), m_simulation(simulation), m_model(new FlowModel(this)),
      m_charts(new ChartsModel(this)), m_pane(new FlowPane(*m_model, simulation)),
      m_chartsPane(new ChartsPane(*m_charts)),
      m_flowDock(makeDock(window, tr("Flow"), QStringLiteral("flowDock"), m_pane)),
      m_chartsDock(makeDock(window, tr("Charts"), QStringLiteral("chartsDock"), m_chartsPane)),
      m_present(new QAction(tr("&Present"), this))
{
    setObjectName(QStringLiteral("flowFeature"));
    connect(&emulator, &LiveEmulator::batchReady, m_model, &FlowModel::apply);
    connect(&emulator, &LiveEmulator::batchReady, m_charts, &ChartsModel::apply);
    connect(&controller, &EmulatorController::aboutToRestart, m_model, &FlowModel::clear);
    connect(&controller, &EmulatorController::aboutToRestart, m_charts, &ChartsModel::clear);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_flowDock);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    window.tabifyDockWidget(m_flowDock, m_chartsDock);
    hideDocks();
    m_present->setObjectName(QStringLiteral("presentAction"));
    m_present->setCheckable(true);
    m_present->setShortcut(QKeySequence(Qt::Key_F11));
    m_present->setToolTip(tr("Show the Flow view full screen, for an audience (F11; Esc or F11 leaves)"));
    connect(m_present, &QAction::toggled, this, &FlowFeature::setPresenting);
}

FlowFeature::~FlowFeature()
{
    delete m_presentation; // a top-level window of its own, not a child of the main window
}

void FlowFeature::hideDocks()
{
    m_flowDock->hide();
    m_chartsDock->hide();
}

void FlowFeature::setPresenting(bool on)
{
    if (on && !m_presentation) {
        m_presentation = new PresentationWindow(*m_model, m_simulation);
        m_presentation->addAction(m_present); // F11 leaves from there too
        connect(m_presentation, &PresentationWindow::left, this, [this] { m_present->setChecked(false); });
    }
    if (m_present->isChecked() != on)
        m_present->setChecked(on); // comes back here through toggled
    else if (on)
        m_presentation->present(&m_window);
    else if (m_presentation && m_presentation->isVisible())
        m_presentation->hide();
}

} // namespace orderlab
