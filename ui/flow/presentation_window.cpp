#include "presentation_window.h"

#include "flow_pane.h"
#include "simulation_pane.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QVBoxLayout>

namespace orderlab {

PresentationWindow::PresentationWindow(FlowModel &model, SimulationPane &simulation, QWidget *parent)
    : QWidget(parent, Qt::Window), m_pane(new FlowPane(model, simulation, this))
{
    setObjectName(QStringLiteral("presentationWindow"));
    setWindowTitle(tr("orderlab — Flow"));
    setAttribute(Qt::WA_QuitOnClose, false); // closing the main window still quits while presenting
    addAction(simulation.pauseAction());
    addAction(simulation.stepAction());
    auto *leave = new QPushButton(tr("Leave presentation (Esc)"), this);
    leave->setObjectName(QStringLiteral("leavePresentation"));
    connect(leave, &QPushButton::clicked, this, &QWidget::close);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &QWidget::close);
    // Larger type for a room: the pane's controls at 1.4 times the window's font.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_pane->setFont(big);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>orderlab</b> — a table change on its way to the apps"), this), 1);
    top->addWidget(leave);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pane, 1);
}

void PresentationWindow::present(QWidget *near)
{
    if (near && near->screen())
        setScreen(near->screen());
    showFullScreen();
    raise();
    activateWindow();
}

void PresentationWindow::closeEvent(QCloseEvent *event)
{
    event->accept();
    emit left();
}

} // namespace orderlab
